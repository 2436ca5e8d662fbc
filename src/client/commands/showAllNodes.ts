import type { Services } from '../services';

/** Shows every node and pod again (title-bar toggle, off). */
export function showAllNodes(s: Services): () => Promise<void> {
  return () => s.explorer.setProblemsOnly(false);
}
