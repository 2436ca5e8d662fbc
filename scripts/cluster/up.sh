#!/usr/bin/env bash
# Starts the loopback test cluster (etcd, kube-apiserver, kube-controller-manager, kube-scheduler,
# kwok) from the binaries in .bin/, then creates nodes and applies a scenario.
#
# Usage: npm run cluster:up -- [--nodes N] [--scenario NAME] [--heartbeat-factor F] [--port P]
#                              [--pods-per-node M] [--scale] [--recreate]
#   --nodes N             healthy kwok-managed nodes node-healthy-1..N (default 2; scale mode: node-scale-*)
#   --scenario NAME       a scenario from test/cluster/SCENARIOS.md (default: none); "incidents" = all
#   --heartbeat-factor F  kwokctl heartbeat factor (default 1: 40s lease/grace; scale mode default 5)
#   --port P              fixed kube-apiserver port on 127.0.0.1 (default: a free port)
#   --pods-per-node M     scale mode: M pre-bound pods per node (implies --scale)
#   --scale               benchmark mode: no kube-scheduler, --disable-qps-limits, factor >= 5
#   --recreate            delete an existing cluster of the same name first
# The kubeconfig is written to .kwok/kubeconfig and printed at the end.
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/env.sh"

NODES=""
SCENARIO=""
FACTOR=""
PORT=""
PODS_PER_NODE=0
SCALE=0
RECREATE=0
while (($#)); do
  case "$1" in
    --nodes) NODES="$2"; shift 2 ;;
    --nodes=*) NODES="${1#*=}"; shift ;;
    --scenario) SCENARIO="$2"; shift 2 ;;
    --scenario=*) SCENARIO="${1#*=}"; shift ;;
    --heartbeat-factor) FACTOR="$2"; shift 2 ;;
    --heartbeat-factor=*) FACTOR="${1#*=}"; shift ;;
    --port) PORT="$2"; shift 2 ;;
    --port=*) PORT="${1#*=}"; shift ;;
    --pods-per-node) PODS_PER_NODE="$2"; SCALE=1; shift 2 ;;
    --pods-per-node=*) PODS_PER_NODE="${1#*=}"; SCALE=1; shift ;;
    --scale) SCALE=1; shift ;;
    --recreate) RECREATE=1; shift ;;
    -h | --help) sed -n '2,16p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) cluster_die "unknown argument '$1' (see --help)" ;;
  esac
done
if ((SCALE)); then
  NODES="${NODES:-100}"
  FACTOR="${FACTOR:-5}"
  awk "BEGIN{exit !($FACTOR < 5)}" && cluster_die "scale mode needs --heartbeat-factor >= 5 (got $FACTOR)"
else
  NODES="${NODES:-2}"
  FACTOR="${FACTOR:-1}"
fi
[[ "$NODES" =~ ^[0-9]+$ ]] || cluster_die "--nodes must be a number (got '$NODES')"
[[ "$PODS_PER_NODE" =~ ^[0-9]+$ ]] || cluster_die "--pods-per-node must be a number (got '$PODS_PER_NODE')"

T0=$(date +%s.%N)
assert_cluster_binaries
mkdir -p "$KWOK_WORKDIR"

# ------------------------------------------------------------------ stale / running cluster
if [[ -d "$CLUSTER_DIR" ]]; then
  if ((RECREATE)); then
    cluster_log "--recreate: deleting existing cluster '$CLUSTER_NAME'"
    "$ROOT/scripts/cluster/down.sh"
  elif cluster_api_ok; then
    cluster_die "cluster '$CLUSTER_NAME' is already running (kubeconfig: $KUBECONFIG_PATH).
  Use it as is, run 'npm run cluster:down' first, or pass --recreate."
  else
    live="$(cluster_running_pids | tr '\n' ' ')"
    cluster_die "stale cluster state in $CLUSTER_DIR from an earlier run (API not answering; live component pids: ${live:-none}).
  Run 'npm run cluster:down' to remove it, or pass --recreate."
  fi
fi

# ------------------------------------------------------------------ ports
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if [[ -n "$PORT" ]]; then
  [[ "$PORT" =~ ^[0-9]+$ ]] || cluster_die "--port must be a number"
  if port_in_use "$PORT"; then
    cluster_die "port 127.0.0.1:$PORT is already in use (another cluster or program: see 'ss -ltnp | grep :$PORT'). Choose another --port or omit it."
  fi
  export KWOK_KUBE_APISERVER_PORT="$PORT"
fi

# ------------------------------------------------------------------ kwokctl configuration
# kwok manages (Lease + status + pods) only nodes labelled sim.knd.test/agent=kwok; nodes labelled
# sim.knd.test/agent=sim are driven by our scenario code and sim-agent (test/cluster/).
{
  cat <<EOF
kind: KwokctlConfiguration
apiVersion: config.kwok.x-k8s.io/v1alpha1
options:
  bindAddress: 127.0.0.1
  runtime: binary
  kubeApiserverBinary: $BIN/kube-apiserver
  kubeControllerManagerBinary: $BIN/kube-controller-manager
  kubeSchedulerBinary: $BIN/kube-scheduler
  kubectlBinary: $BIN/kubectl
  etcdBinary: $BIN/etcd
  etcdctlBinary: $BIN/etcdctl
  etcdutlBinary: $BIN/etcdutl
  kwokControllerBinary: $BIN/kwok
componentsPatches:
- name: kwok-controller
  extraArgs:
  - key: manage-all-nodes
    value: "false"
    override: true
  - key: manage-nodes-with-label-selector
    value: sim.knd.test/agent=kwok
- name: etcd
  extraArgs:
  - key: unsafe-no-fsync
    value: "true"
# One instance each: no leader election. Otherwise a slow API server (busy machine, scale mode,
# an API server restart in a test) makes them lose the lease and exit for good.
- name: kube-controller-manager
  extraArgs:
  - key: leader-elect
    value: "false"
- name: kube-scheduler
  extraArgs:
  - key: leader-elect
    value: "false"
EOF
  if ((SCALE)); then
    cat <<EOF
- name: kube-apiserver
  extraArgs:
  - key: event-ttl
    value: 10m
---
kind: KwokConfiguration
apiVersion: config.kwok.x-k8s.io/v1alpha1
options:
  podPlayStageParallelism: 16
  nodePlayStageParallelism: 8
  nodeLeaseParallelism: 8
EOF
  fi
} >"$KWOKCTL_CONFIG"

create_args=(--name "$CLUSTER_NAME" -c "$KWOKCTL_CONFIG" create cluster
  --kubeconfig "$KUBECONFIG_PATH" --heartbeat-factor "$FACTOR" --wait 3m)
if ((SCALE)); then
  create_args+=(--disable-qps-limits --disable kube-scheduler)
fi

cluster_log "starting cluster '$CLUSTER_NAME' (kube ${K8S_VERSION}, etcd ${ETCD_VERSION}, kwok ${KWOK_VERSION}, heartbeat factor $FACTOR$( ((SCALE)) && echo ', scale mode'))"
rm -f "$KUBECONFIG_PATH"
out_file="$KWOK_WORKDIR/kwokctl-create-$CLUSTER_NAME.log"
if ! kwokctl "${create_args[@]}" >"$out_file" 2>&1; then
  cat "$out_file" >&2
  if grep -qiE 'address already in use|bind: ' "$out_file"; then
    cluster_die "a port needed by the cluster is in use (see above). Free it, choose --port, or run 'npm run cluster:down'."
  fi
  if grep -qiE 'https?://' "$out_file"; then
    cluster_die "kwokctl tried to download something; a KWOK_*_BINARY setting is missing (see above)."
  fi
  cluster_die "kwokctl create cluster failed (full log: $out_file; component logs: $CLUSTER_DIR/logs/)"
fi
T_CP=$(date +%s.%N)

# Every listener of the cluster must be bound to loopback.
pids="$(cluster_running_pids | tr '\n' '|')"
if [[ -n "$pids" ]] && command -v ss >/dev/null; then
  bad="$(ss -ltnpH 2>/dev/null | grep -E "pid=(${pids%|})," | awk '{print $4}' | grep -vE '^(127\.0\.0\.1|\[::1\]|\[::ffff:127\.0\.0\.1\]):' || true)"
  if [[ -n "$bad" ]]; then
    "$ROOT/scripts/cluster/down.sh" || true
    cluster_die "cluster components listen on non-loopback addresses: $bad"
  fi
fi

# ------------------------------------------------------------------ nodes, scenarios, sim-agent
"$ROOT/scripts/cluster/compile.sh"
cli=("$NODE_BIN" "$ROOT/out/test/cluster/cli.js" --kubeconfig "$KUBECONFIG_PATH")
if ((SCALE)); then
  "${cli[@]}" scale --nodes "$NODES" --pods-per-node "$PODS_PER_NODE" 2>&1 | tee "$KWOK_WORKDIR/scale-seed-$CLUSTER_NAME.log" >&2
else
  "${cli[@]}" nodes --count "$NODES"
  "$ROOT/scripts/cluster/sim-agent.sh" start
  if [[ -n "$SCENARIO" ]]; then
    "${cli[@]}" scenario "$SCENARIO"
  fi
fi
T_END=$(date +%s.%N)

awk -v a="$T0" -v b="$T_CP" -v c="$T_END" 'BEGIN{printf "[cluster] control plane ready in %.1fs, nodes/scenario in %.1fs (total %.1fs)\n", b-a, c-b, c-a}' >&2
echo "$KUBECONFIG_PATH"
cluster_log "export KUBECONFIG=$KUBECONFIG_PATH   # kubectl: $BIN/kubectl (${K8S_VERSION})"
