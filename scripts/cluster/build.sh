#!/usr/bin/env bash
# Builds the loopback test cluster's binaries from Go modules into .bin/ (git-ignored):
#   kube-apiserver, kube-controller-manager, kube-scheduler, kubectl  (tools/k8s, k8s.io/kubernetes)
#   etcd, etcdctl, etcdutl                                            (tools/etcd, go.etcd.io/etcd)
#   kwok, kwokctl                                                     (tools/kwok, sigs.k8s.io/kwok)
# Idempotent: a binary is rebuilt only when `.bin/<name> --version` does not report the pinned version.
# Usage: scripts/cluster/build.sh [--force]
# Env:   BIN_DIR (default <repo>/.bin)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=versions.sh
source "$ROOT/scripts/cluster/versions.sh"
BIN="${BIN_DIR:-$ROOT/.bin}"
FORCE=0
[[ "${1:-}" == "--force" ]] && FORCE=1
mkdir -p "$BIN"

command -v go >/dev/null || { echo "build: 'go' not found on PATH (need Go >= 1.26)" >&2; exit 1; }
export CGO_ENABLED=0
# Never let `go` switch toolchains by downloading one.
export GOTOOLCHAIN="${GOTOOLCHAIN:-local}"

log() { printf '[cluster:build] %s\n' "$*" >&2; }

# has_version <binary> <substring expected in `--version` output>
has_version() {
  local b="$BIN/$1"
  [[ $FORCE -eq 0 && -x "$b" ]] || return 1
  local out
  # etcdctl/etcdutl only know the `version` subcommand; the others print with --version.
  case "$1" in
    etcdctl | etcdutl) out="$("$b" version 2>&1 | head -n 3)" || return 1 ;;
    *) out="$("$b" --version 2>&1 | head -n 3)" || return 1 ;;
  esac
  [[ "$out" == *"$2"* ]]
}

# ---------------------------------------------------------------- Kubernetes
K8S_LDFLAGS="-s -w \
 -X k8s.io/component-base/version.gitVersion=${K8S_VERSION} \
 -X k8s.io/component-base/version.gitMajor=${K8S_MAJOR} \
 -X k8s.io/component-base/version.gitMinor=${K8S_MINOR} \
 -X k8s.io/component-base/version.gitTreeState=clean \
 -X k8s.io/component-base/version.gitCommit=0000000000000000000000000000000000000000 \
 -X k8s.io/component-base/version.buildDate=1970-01-01T00:00:00Z \
 -X k8s.io/client-go/pkg/version.gitVersion=${K8S_VERSION} \
 -X k8s.io/client-go/pkg/version.gitMajor=${K8S_MAJOR} \
 -X k8s.io/client-go/pkg/version.gitMinor=${K8S_MINOR} \
 -X k8s.io/client-go/pkg/version.gitTreeState=clean \
 -X k8s.io/client-go/pkg/version.buildDate=1970-01-01T00:00:00Z"

k8s_todo=()
for c in kube-apiserver kube-controller-manager kube-scheduler; do
  has_version "$c" "Kubernetes ${K8S_VERSION}" || k8s_todo+=("$c")
done
if ! { [[ $FORCE -eq 0 && -x "$BIN/kubectl" ]] && [[ "$("$BIN/kubectl" version --client 2>/dev/null)" == *"Client Version: ${K8S_VERSION}"* ]]; }; then
  k8s_todo+=(kubectl)
fi
if ((${#k8s_todo[@]})); then
  log "building ${k8s_todo[*]} ${K8S_VERSION} (tools/k8s)"
  t0=$SECONDS
  pkgs=()
  for c in "${k8s_todo[@]}"; do pkgs+=("k8s.io/kubernetes/cmd/$c"); done
  (cd "$ROOT/tools/k8s" && go build -trimpath -ldflags "$K8S_LDFLAGS" -o "$BIN/" "${pkgs[@]}")
  log "kubernetes binaries built in $((SECONDS - t0))s"
else
  log "kubernetes binaries already at ${K8S_VERSION}"
fi

# ---------------------------------------------------------------- etcd
etcd_todo=()
has_version etcd "etcd Version: ${ETCD_VERSION#v}" || etcd_todo+=(etcd)
has_version etcdctl "etcdctl version: ${ETCD_VERSION#v}" || etcd_todo+=(etcdctl)
has_version etcdutl "etcdutl version: ${ETCD_VERSION#v}" || etcd_todo+=(etcdutl)
if ((${#etcd_todo[@]})); then
  log "building ${etcd_todo[*]} ${ETCD_VERSION} (tools/etcd)"
  t0=$SECONDS
  for c in "${etcd_todo[@]}"; do
    case $c in
      etcd) pkg=go.etcd.io/etcd/server/v3 ;;
      etcdctl) pkg=go.etcd.io/etcd/etcdctl/v3 ;;
      etcdutl) pkg=go.etcd.io/etcd/etcdutl/v3 ;;
    esac
    (cd "$ROOT/tools/etcd" && go build -trimpath -ldflags "-s -w" -o "$BIN/$c" "$pkg")
  done
  log "etcd binaries built in $((SECONDS - t0))s"
else
  log "etcd binaries already at ${ETCD_VERSION}"
fi

# ---------------------------------------------------------------- kwok
kwok_todo=()
has_version kwok "${KWOK_VERSION}" || kwok_todo+=(kwok)
has_version kwokctl "${KWOK_VERSION}" || kwok_todo+=(kwokctl)
if ((${#kwok_todo[@]})); then
  log "building ${kwok_todo[*]} ${KWOK_VERSION} (tools/kwok)"
  t0=$SECONDS
  pkgs=()
  for c in "${kwok_todo[@]}"; do pkgs+=("sigs.k8s.io/kwok/cmd/$c"); done
  # kwok stamps its version via sigs.k8s.io/kwok/pkg/consts.Version.
  (cd "$ROOT/tools/kwok" && go build -trimpath \
    -ldflags "-s -w -X sigs.k8s.io/kwok/pkg/consts.Version=${KWOK_VERSION#v} -X sigs.k8s.io/kwok/pkg/consts.KubeVersion=${K8S_VERSION#v}" \
    -o "$BIN/" "${pkgs[@]}")
  log "kwok binaries built in $((SECONDS - t0))s"
else
  log "kwok binaries already at ${KWOK_VERSION}"
fi

# ---------------------------------------------------------------- verify
fail=0
for c in "${CLUSTER_BINARIES[@]}"; do
  if [[ ! -x "$BIN/$c" ]]; then log "MISSING $BIN/$c"; fail=1; fi
done
((fail == 0)) || exit 1
log "$("$BIN/kube-apiserver" --version) | $("$BIN/etcd" --version | head -n1) | kwok $("$BIN/kwok" --version 2>&1 | head -n1)"
