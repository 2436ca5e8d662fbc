import type { Services } from '../services';
import { runRemoveFinalizersFlow } from '../actions/podFlows';

/** Removes chosen finalizers of a pod with a guarded JSON patch. Arguments: the clicked tree item and the selection, or none (then a picker). */
export function removeFinalizers(s: Services) {
  return (...args: unknown[]): Promise<void> => runRemoveFinalizersFlow(s, args);
}
