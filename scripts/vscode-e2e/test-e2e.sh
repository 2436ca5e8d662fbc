#!/usr/bin/env bash
# npm run test:e2e — Kube Node Doctor in a real VS Code, from a fresh clone or a warm machine:
#   1. setup.sh (code-server, Node 24, playwright-core, chromium; < 1 s when cached, ~3 min cold);
#   2. build the bundles and compile the integration/e2e tests to out-integration/;
#   3. the loopback cluster harness with the `incidents` scenario (torn down on exit, even on Ctrl+C);
#   4. e2e.sh: npm run package -> .vsix, the UI suite (test/e2e) and the extension-host suite (test/integration).
# The last line is "N passed, N failed"; the exit status is 0 only when nothing failed.
#
# Environment (optional): everything e2e.sh and setup.sh read, plus
#   E2E_RUN_DIR             logs, screenshots, user-data dirs (default: .e2e/run-<timestamp>, git-ignored)
#   E2E_CLUSTER=0           do not start the harness (the cluster checks then fail, they are not skipped)
#   E2E_CLUSTER_RECREATE=1  replace a cluster that is already running (default: refuse, it may be someone's)
set -uo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE=$REPO/scripts/vscode-e2e
cd "$REPO"
t0=$(date +%s)
failed=0
fail() { echo "FAILED: $*"; failed=$((failed + 1)); }
finish() { echo "$1 passed, $2 failed"; [ "$2" -eq 0 ]; exit $?; }

export E2E_RUN_DIR=${E2E_RUN_DIR:-$REPO/.e2e/run-$(date -u +%Y%m%d-%H%M%S)}
mkdir -p "$E2E_RUN_DIR"

echo "== setup"
"$HERE/setup.sh" || finish 0 1

echo "== build"
if ! { npm run --silent build && npx tsc -p tsconfig.integration.json; } > "$E2E_RUN_DIR/build.log" 2>&1; then
  cat "$E2E_RUN_DIR/build.log"; finish 0 1
fi

cluster_started=0
teardown() {
  if [ "$cluster_started" = 1 ]; then
    echo "== cluster down"
    cluster down > "$E2E_RUN_DIR/cluster-down.log" 2>&1 || tail -5 "$E2E_RUN_DIR/cluster-down.log"
    cluster_started=0
  fi
}
trap teardown EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The harness's npm scripts (cluster:build/up/down), or its shell scripts when the npm scripts are absent.
cluster() {
  local action=$1; shift
  if node -e 'process.exit(require("./package.json").scripts["cluster:'"$action"'"] ? 0 : 1)'; then
    npm run --silent "cluster:$action" -- "$@"
  else
    bash "scripts/cluster/$action.sh" "$@"
  fi
}
if [ "${E2E_CLUSTER:-1}" != 0 ] && [ -f scripts/cluster/up.sh ]; then
  echo "== cluster: build (idempotent) and up with the incidents scenario"
  up_args=(--scenario incidents)
  [ "${E2E_CLUSTER_RECREATE:-0}" = 1 ] && up_args+=(--recreate)
  if cluster build > "$E2E_RUN_DIR/cluster-build.log" 2>&1 &&
     { cluster_started=1; cluster up "${up_args[@]}" > "$E2E_RUN_DIR/cluster-up.log" 2>&1; }; then
    export KUBECONFIG=$REPO/.kwok/kubeconfig
    tail -2 "$E2E_RUN_DIR/cluster-up.log"
  else
    tail -20 "$E2E_RUN_DIR/cluster-build.log" "$E2E_RUN_DIR/cluster-up.log" 2>/dev/null
    grep -q 'already running' "$E2E_RUN_DIR/cluster-up.log" 2>/dev/null && cluster_started=0
    fail "cluster harness (see $E2E_RUN_DIR/cluster-*.log)"
  fi
else
  echo "== cluster: not started (E2E_CLUSTER=0, or the harness is absent)"
fi

"$HERE/e2e.sh" "$REPO" | tee "$E2E_RUN_DIR/e2e.log"
e2e_status=${PIPESTATUS[0]}
[ "$e2e_status" = 130 ] && exit 130
line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$E2E_RUN_DIR/e2e.log" | tail -1)
passed=0 e2e_failed=1
[ -n "$line" ] && read -r passed _ e2e_failed _ <<< "$line"
teardown
echo "== test:e2e finished in $(( $(date +%s) - t0 )) s; artifacts: $E2E_RUN_DIR"
finish "$passed" "$((failed + e2e_failed))"
