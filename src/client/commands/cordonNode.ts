import type { Services } from '../services';
import { runCordonFlow } from '../actions/cordonFlow';

/** Cordons the selected node(s) (strategic merge patch of spec.unschedulable, like kubectl cordon). Arguments: the clicked tree item and the selection, or none (then a picker). */
export function cordonNode(s: Services) {
  return (...args: unknown[]): Promise<void> => runCordonFlow(s, args, true);
}
