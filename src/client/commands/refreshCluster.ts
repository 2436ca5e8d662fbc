import type { Services } from '../services';

/** Relists nodes, pods, Leases and events (reconnects first when disconnected). */
export function refreshCluster(s: Services): () => void {
  return () => s.explorer.refresh();
}
