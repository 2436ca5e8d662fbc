#!/usr/bin/env bash
# Stops and deletes the loopback test cluster and its sim-agent. Safe to run when nothing is running.
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/env.sh"

"$ROOT/scripts/cluster/sim-agent.sh" stop || true
if [[ -d "$CLUSTER_DIR" ]]; then
  pids="$(cluster_running_pids)"
  if [[ -x "$BIN/kwokctl" ]]; then
    kwokctl --name "$CLUSTER_NAME" delete cluster --kubeconfig "$KUBECONFIG_PATH" >/dev/null 2>&1 ||
      { cluster_log "kwokctl delete cluster failed; stopping the components by hand"; for pid in $pids; do kill "$pid" 2>/dev/null || true; done; }
  fi
  # kwokctl signals the components and returns at once: wait for them (only the pids this cluster
  # recorded), then kill what is still alive after 15 s.
  alive=""
  for _ in $(seq 1 30); do
    alive=""
    for pid in $pids; do kill -0 "$pid" 2>/dev/null && alive+=" $pid"; done
    [[ -z "$alive" ]] && break
    sleep 0.5
  done
  for pid in $alive; do
    cluster_log "component pid $pid did not stop; killing it"
    kill -9 "$pid" 2>/dev/null || true
  done
  rm -rf "$CLUSTER_DIR"
  cluster_log "cluster '$CLUSTER_NAME' deleted"
else
  cluster_log "no cluster '$CLUSTER_NAME' to delete"
fi
rm -f "$KUBECONFIG_PATH"
