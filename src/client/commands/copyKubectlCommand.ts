import type { Services } from '../services';
import { runCopyKubectlFlow } from '../actions/nodeFlows';

/** Copies the kubectl command equivalent to an action on a node or pod. Arguments: the clicked tree item and the selection, or none (then a picker). */
export function copyKubectlCommand(s: Services) {
  return (...args: unknown[]): Promise<void> => runCopyKubectlFlow(s, args);
}
