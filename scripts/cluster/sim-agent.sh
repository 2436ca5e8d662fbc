#!/usr/bin/env bash
# start|stop|status of the sim-agent: a small background process that plays the kubelet for nodes
# labelled sim.knd.test/agent=sim (renews their Leases / status heartbeats as their scenario says).
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/env.sh"

alive() { [[ -f "$SIM_PID_FILE" ]] && kill -0 "$(cat "$SIM_PID_FILE")" 2>/dev/null; }
case "${1:-status}" in
  start)
    if alive; then cluster_log "sim-agent already running (pid $(cat "$SIM_PID_FILE"))"; exit 0; fi
    [[ -f "$ROOT/out/test/cluster/cli.js" ]] || "$ROOT/scripts/cluster/compile.sh"
    nohup "$NODE_BIN" "$ROOT/out/test/cluster/cli.js" --kubeconfig "$KUBECONFIG_PATH" sim-agent \
      >>"$SIM_LOG_FILE" 2>&1 </dev/null &
    echo $! >"$SIM_PID_FILE"
    cluster_log "sim-agent started (pid $!, log $SIM_LOG_FILE)"
    ;;
  stop)
    if alive; then
      pid="$(cat "$SIM_PID_FILE")"
      kill "$pid" 2>/dev/null || true
      for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$pid" 2>/dev/null || break; sleep 0.3; done
      kill -9 "$pid" 2>/dev/null || true
      cluster_log "sim-agent stopped"
    fi
    rm -f "$SIM_PID_FILE"
    ;;
  status)
    if alive; then echo "sim-agent:  running (pid $(cat "$SIM_PID_FILE"))"; else echo "sim-agent:  not running"; exit 1; fi
    ;;
  *) cluster_die "usage: sim-agent.sh start|stop|status" ;;
esac
