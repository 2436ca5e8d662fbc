import type { Services } from '../services';
import { runCordonFlow } from '../actions/cordonFlow';

/** Uncordons the selected node(s) (like kubectl uncordon). Arguments: the clicked tree item and the selection, or none (then a picker). */
export function uncordonNode(s: Services) {
  return (...args: unknown[]): Promise<void> => runCordonFlow(s, args, false);
}
