import type { Services } from '../services';
import { runForceDeleteFlow } from '../actions/podFlows';

/** Force deletes a pod (grace period 0), after kubectl's warning and a confirmation. Arguments: the clicked tree item and the selection, or none (then a picker). */
export function forceDeletePod(s: Services) {
  return (...args: unknown[]): Promise<void> => runForceDeleteFlow(s, args);
}
