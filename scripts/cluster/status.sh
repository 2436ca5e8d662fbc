#!/usr/bin/env bash
# Shows whether the loopback test cluster is running, its components, nodes and scenario state.
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/env.sh"

if [[ ! -d "$CLUSTER_DIR" ]]; then
  echo "cluster '$CLUSTER_NAME': not created (npm run cluster:up)"
  exit 1
fi
if ! cluster_api_ok; then
  echo "cluster '$CLUSTER_NAME': STALE - state in $CLUSTER_DIR but the API does not answer."
  echo "  live component pids: $(cluster_running_pids | tr '\n' ' ')"
  echo "  run: npm run cluster:down"
  exit 2
fi
echo "cluster '$CLUSTER_NAME': running"
echo "kubeconfig: $KUBECONFIG_PATH"
echo "server:     $(kubectl --kubeconfig "$KUBECONFIG_PATH" config view --minify -o jsonpath='{.clusters[0].cluster.server}')"
echo "version:    $(kubectl --kubeconfig "$KUBECONFIG_PATH" version -o json | sed -n 's/.*"gitVersion": "\(.*\)".*/\1/p' | paste -sd' ')"
"$ROOT/scripts/cluster/sim-agent.sh" status || true
echo "components:"
for f in "$CLUSTER_DIR"/pids/*.pid; do
  [[ -f "$f" ]] || continue
  pid="$(cat "$f")"
  if kill -0 "$pid" 2>/dev/null; then
    rss="$(awk '/VmRSS/{r=$2} /VmHWM/{h=$2} END{printf "RSS %.0f MiB (peak %.0f MiB)", r/1024, h/1024}' "/proc/$pid/status" 2>/dev/null)"
    printf '  %-26s pid %-8s %s\n' "$(basename "$f" .pid)" "$pid" "$rss"
  else
    printf '  %-26s DEAD (pid %s)\n' "$(basename "$f" .pid)" "$pid"
  fi
done
n="$(kubectl --kubeconfig "$KUBECONFIG_PATH" get nodes --no-headers 2>/dev/null | wc -l)"
p="$(kubectl --kubeconfig "$KUBECONFIG_PATH" get pods -A --no-headers 2>/dev/null | wc -l)"
echo "nodes: $n   pods: $p"
if ((n <= 50)); then
  kubectl --kubeconfig "$KUBECONFIG_PATH" get nodes -L sim.knd.test/agent,sim.knd.test/scenario
fi
