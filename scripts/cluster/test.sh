#!/usr/bin/env bash
# Runs the cluster-backed test tier: compiles the harness and test/integration-cluster, starts a
# fresh cluster with the `incidents` scenario, runs the tests with node's test runner and ALWAYS
# tears the cluster down (trap), even on failure or Ctrl-C.
# Usage: npm run test:cluster [-- --keep] [-- <extra node --test args>]
#   --keep   leave the cluster running afterwards (for debugging; not in CI)
# Env:   KND_TEST_GLOB (default out/test/integration-cluster/**/*.test.js)
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/env.sh"

KEEP=0
extra=()
for a in "$@"; do
  if [[ "$a" == "--keep" ]]; then KEEP=1; else extra+=("$a"); fi
done

teardown() {
  local rc=$?
  if ((KEEP)); then
    cluster_log "--keep: cluster left running (npm run cluster:down to stop it)"
  else
    "$ROOT/scripts/cluster/down.sh" || true
  fi
  exit "$rc"
}
trap teardown EXIT
trap 'exit 130' INT TERM

"$ROOT/scripts/cluster/compile.sh"
"$ROOT/scripts/cluster/up.sh" --recreate --scenario incidents >/dev/null
export KND_CLUSTER_AUTOSTART=0
cd "$ROOT"
# The parallel tests first; then serial/ (tests that disturb the whole cluster, e.g. an
# apiserver restart) one file at a time. Both always run; the tier fails if either does.
rc=0
"$NODE_BIN" --test --test-reporter=spec --test-concurrency=4 "${extra[@]}" "${KND_TEST_GLOB:-out/test/integration-cluster/*.test.js}" || rc=$?
if [[ -z "${KND_TEST_GLOB:-}" ]]; then
  "$NODE_BIN" --test --test-reporter=spec --test-concurrency=1 "${extra[@]}" "out/test/integration-cluster/serial/*.test.js" || rc=$?
fi
exit "$rc"
