import type { Services } from '../services';
import { runRemediateFlow } from '../actions/remediateFlow';

/** Lists every remediation for a node or pod, disabled ones with the reason (access review, state). */
export function remediate(s: Services) {
  return (...args: unknown[]): Promise<void> => runRemediateFlow(s, args);
}
