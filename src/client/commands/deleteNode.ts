import type { Services } from '../services';
import { runDeleteNodeFlow } from '../actions/nodeFlows';

/** Deletes a Node object, after explaining what happens to its pods. Arguments: the clicked tree item and the selection, or none (then a picker). */
export function deleteNode(s: Services) {
  return (...args: unknown[]): Promise<void> => runDeleteNodeFlow(s, args);
}
