import type { Services } from '../services';

/** Filters the tree to nodes and pods with problems (title-bar toggle, on). */
export function showProblemsOnly(s: Services): () => Promise<void> {
  return () => s.explorer.setProblemsOnly(true);
}
