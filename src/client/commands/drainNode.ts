import type { Services } from '../services';
import { runDrainFlow } from '../actions/drainFlow';

/** Drains the selected node(s) with kubectl's semantics, after a preview and a confirmation. Arguments: the clicked tree item and the selection, or none (then a picker). */
export function drainNode(s: Services) {
  return (...args: unknown[]): Promise<void> => runDrainFlow(s, args);
}
