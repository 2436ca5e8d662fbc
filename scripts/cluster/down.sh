#!/usr/bin/env bash
# Stops and deletes the loopback test cluster and its sim-agent. Safe to run when nothing is running.
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/env.sh"

"$ROOT/scripts/cluster/sim-agent.sh" stop || true
if [[ -d "$CLUSTER_DIR" ]]; then
  pids="$(cluster_running_pids)"
  if [[ -x "$BIN/kwokctl" ]]; then
    kwokctl --name "$CLUSTER_NAME" delete cluster --kubeconfig "$KUBECONFIG_PATH" >/dev/null 2>&1 ||
      cluster_log "kwokctl delete cluster failed; cleaning up by hand"
  fi
  # Components kwokctl failed to stop (only the pids this cluster recorded).
  for pid in $pids; do
    if kill -0 "$pid" 2>/dev/null; then
      cluster_log "stopping leftover component pid $pid"
      kill "$pid" 2>/dev/null || true
    fi
  done
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    alive=""
    for pid in $pids; do kill -0 "$pid" 2>/dev/null && alive+=" $pid"; done
    [[ -z "$alive" ]] && break
    sleep 0.5
  done
  for pid in $alive; do kill -9 "$pid" 2>/dev/null || true; done
  rm -rf "$CLUSTER_DIR"
  cluster_log "cluster '$CLUSTER_NAME' deleted"
else
  cluster_log "no cluster '$CLUSTER_NAME' to delete"
fi
rm -f "$KUBECONFIG_PATH"
