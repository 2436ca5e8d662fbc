# Common environment of the loopback test cluster (sourced by up.sh, down.sh, status.sh).
# Every binary kwokctl could otherwise download is pinned to a local file in .bin/.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=versions.sh
source "$ROOT/scripts/cluster/versions.sh"
BIN="${BIN_DIR:-$ROOT/.bin}"
export KWOK_WORKDIR="$ROOT/.kwok"
CLUSTER_NAME="${KND_CLUSTER_NAME:-knd}"
CLUSTER_DIR="$KWOK_WORKDIR/clusters/$CLUSTER_NAME"
# The default cluster "knd" uses .kwok/kubeconfig; another KND_CLUSTER_NAME gets its own files.
if [[ "$CLUSTER_NAME" == knd ]]; then sfx=""; else sfx="-$CLUSTER_NAME"; fi
KUBECONFIG_PATH="$KWOK_WORKDIR/kubeconfig$sfx"
KWOKCTL_CONFIG="$KWOK_WORKDIR/kwokctl$sfx.yaml"
SIM_PID_FILE="$KWOK_WORKDIR/sim-agent$sfx.pid"
SIM_LOG_FILE="$KWOK_WORKDIR/sim-agent$sfx.log"
unset sfx

# .bin first: kwokctl looks kubectl up on PATH before KWOK_KUBECTL_BINARY, and the machine
# image's kubectl (1.27-1.33) is outside the supported skew of a 1.36 server.
export PATH="$BIN:$PATH"
export KWOK_RUNTIME=binary
export KWOK_KUBE_APISERVER_BINARY="$BIN/kube-apiserver"
export KWOK_KUBE_CONTROLLER_MANAGER_BINARY="$BIN/kube-controller-manager"
export KWOK_KUBE_SCHEDULER_BINARY="$BIN/kube-scheduler"
export KWOK_KUBECTL_BINARY="$BIN/kubectl"
export KWOK_ETCD_BINARY="$BIN/etcd"
export KWOK_CONTROLLER_BINARY="$BIN/kwok"
# Versions kwokctl would otherwise guess (and use to build download URLs).
export KWOK_KUBE_VERSION="$K8S_VERSION"
export KWOK_ETCD_VERSION="${ETCD_VERSION#v}"
export KWOK_VERSION="$KWOK_VERSION"
# Never pull anything.
export KWOK_BINARY_PREFIX="file:///nonexistent-kwok-download-disabled"
export KWOK_KUBE_BINARY_PREFIX="file:///nonexistent-kube-download-disabled"
export KWOK_ETCD_BINARY_PREFIX="file:///nonexistent-etcd-download-disabled"

cluster_log() { printf '[cluster] %s\n' "$*" >&2; }
cluster_die() { printf '[cluster] ERROR: %s\n' "$*" >&2; exit 1; }

# Fails with a clear message when a binary is missing or not executable.
assert_cluster_binaries() {
  local missing=()
  local c
  for c in "${CLUSTER_BINARIES[@]}"; do
    [[ -x "$BIN/$c" ]] || missing+=("$BIN/$c")
  done
  for c in KWOK_KUBE_APISERVER_BINARY KWOK_KUBE_CONTROLLER_MANAGER_BINARY KWOK_KUBE_SCHEDULER_BINARY \
           KWOK_KUBECTL_BINARY KWOK_ETCD_BINARY KWOK_CONTROLLER_BINARY; do
    [[ -x "${!c}" ]] || missing+=("$c=${!c}")
  done
  if ((${#missing[@]})); then
    cluster_die "missing binaries (kwokctl would try to download them, which is not allowed here):
  ${missing[*]}
Run: npm run cluster:build"
  fi
  # kube-apiserver 1.34+ needs etcd >= 3.5.13 (RequestWatchProgress); never Debian's 3.4.
  local ev
  ev="$("$BIN/etcd" --version | sed -n 's/^etcd Version: //p')"
  case "$ev" in
    3.5.1[3-9]* | 3.5.[2-9][0-9]* | 3.[6-9].* | [4-9].*) ;;
    *) cluster_die "$BIN/etcd reports version '$ev'; need >= 3.5.13. Run: npm run cluster:build -- --force" ;;
  esac
  [[ "$(command -v kubectl)" == "$BIN/kubectl" ]] || cluster_die "kubectl on PATH is $(command -v kubectl), expected $BIN/kubectl"
}

# pid of a live cluster component from kwokctl's pid files, or nothing.
cluster_running_pids() {
  local f pid
  [[ -d "$CLUSTER_DIR/pids" ]] || return 0
  for f in "$CLUSTER_DIR"/pids/*.pid; do
    [[ -f "$f" ]] || continue
    pid="$(cat "$f")"
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
  done
  return 0
}

cluster_api_ok() {
  [[ -f "$KUBECONFIG_PATH" ]] && "$BIN/kubectl" --kubeconfig "$KUBECONFIG_PATH" --request-timeout=5s get --raw /readyz >/dev/null 2>&1
}

# Node >= 22.19 is needed by @kubernetes/client-node 2.x: prefer the project's pinned node.
if [[ -x "$ROOT/node_modules/.bin/node" ]]; then NODE_BIN="$ROOT/node_modules/.bin/node"; else NODE_BIN="$(command -v node)"; fi
