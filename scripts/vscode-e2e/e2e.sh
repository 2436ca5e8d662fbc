#!/usr/bin/env bash
# Kube Node Doctor in a real VS Code (code-server): the two end-to-end tiers, ~1 min once setup.sh ran.
#   1. package: `npm run package` -> dist/kube-node-doctor.vsix (or take E2E_VSIX as is);
#   2. UI: install the .vsix into a plain code-server and run test/e2e/*.test.ts (node:test +
#      playwright-core + Debian chromium), compiled to out-integration/test/e2e/;
#   3. API: run the mocha suites of test/integration/ inside a second code-server's real Node extension
#      host, with the extension loaded from its source folder through the `payload` URL (run-ext-tests.js).
# scripts/vscode-e2e/test-e2e.sh (npm run test:e2e) wraps this with setup, build and the cluster harness.
#
# Usage: e2e.sh [extension-dir] [workspace-dir] [tests-entry]
#   extension-dir  folder with the extension's package.json   (default: the repository root)
#   workspace-dir  folder opened in the workbench             (default: <extension-dir>/test/fixtures/e2e-ws)
#   tests-entry    compiled mocha entry exporting run()      (default: <extension-dir>/out-integration/test/integration/index.js)
# Build the extension and compile the tests first (npm run build; tsc -p tsconfig.integration.json).
#
# Environment (all optional):
#   VSC_E2E_ROOT       install root from setup.sh (default: ${XDG_CACHE_HOME:-$HOME/.cache}/vscode-e2e)
#   E2E_RUN_DIR        folder for this run's logs, screenshots and user-data dirs
#                      (default: a new `mktemp -d`; kept, and printed at the end)
#   E2E_VSIX           an already packaged .vsix (skips step 1)
#   UI_PORT, API_PORT  ports on 127.0.0.1 (default: free ports picked at run time)
#   SKIP_UI=1, SKIP_API=1
#   E2E_UI_TESTS       UI test files to run (default: every out-integration/test/e2e/*.test.js)
#   API_SERVER_ARGS    extra code-server args for the API server (default "--vscode-option enable-smoke-test-driver")
#   CS_BIN, CS_NODE_BIN_DIR   another code-server and the folder of the node that runs it
#   RUNNER_NODE        node binary for the runners (default: code-server's Node 24)
#   E2E_KEEP_HOME=1    let servers and browsers use the real HOME (default: private HOMEs inside the run dir)
#   KUBECONFIG         reaches both extension hosts (the harness's .kwok/kubeconfig under test:e2e)
#
# Output: each step's log, the METRIC lines the suites print, then a last plain line "N passed, N failed"
# summing both tiers (a step that breaks before its runner reports counts as 1 failure).
# Exit status: 0 only when everything passed.
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export VSC_E2E_ROOT=${VSC_E2E_ROOT:-${XDG_CACHE_HOME:-$HOME/.cache}/vscode-e2e}
ROOT=$VSC_E2E_ROOT
REPO=$(git -C "$HERE" rev-parse --show-toplevel 2>/dev/null || pwd)
DEFAULT_API_SERVER_ARGS="--vscode-option enable-smoke-test-driver"

abs() { (cd "$1" 2>/dev/null && pwd) || { echo "not a folder: $1" >&2; return 1; }; }
EXT=$(abs "${1:-$REPO}") || exit 2
WS=$(abs "${2:-$EXT/test/fixtures/e2e-ws}") || exit 2
TESTS=${3:-$EXT/out-integration/test/integration/index.js}
case $TESTS in /*) ;; *) TESTS=$PWD/$TESTS ;; esac
[ -f "$EXT/package.json" ] || { echo "no package.json in $EXT" >&2; exit 2; }
if [ "${SKIP_API:-0}" != 1 ] && [ ! -e "$TESTS" ] && [ ! -e "$TESTS.js" ]; then
  echo "tests entry not found: $TESTS (compile the tests first, or SKIP_API=1)" >&2; exit 2
fi

NODE_BIN_DIR=${CS_NODE_BIN_DIR:-}
if [ -z "$NODE_BIN_DIR" ]; then
  for d in "$ROOT"/node24/node_modules/node/node_modules/node-linux-*/bin; do NODE_BIN_DIR=$d; done
fi
CS_BIN=${CS_BIN:-$ROOT/cs/node_modules/.bin/code-server}
for f in "$CS_BIN" "$NODE_BIN_DIR/node"; do
  [ -x "$f" ] || { echo "missing $f: run setup.sh first" >&2; exit 2; }
done
RUNNER_NODE=${RUNNER_NODE:-$NODE_BIN_DIR/node}   # runs the two runners; needs Node >= 20 (playwright-core 1.65)
export NODE_PATH=$ROOT/tools/node_modules${NODE_PATH:+:$NODE_PATH}   # playwright-core for the runners

RUN=${E2E_RUN_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/vscode-e2e-run.XXXXXX")}
mkdir -p "$RUN" && RUN=$(abs "$RUN") || exit 2

# Servers run in their own process groups (see start-code-server.sh): kill the group, not just the pid.
# Wait (up to 5 s) until the group is gone, so the port and the user-data dir are free again.
stop() {
  [ -f "$1/cs.pid" ] || return 0
  local pg; pg=$(cat "$1/cs.pid"); rm -f "$1/cs.pid"
  kill -- -"$pg" 2>/dev/null || return 0
  for _ in $(seq 1 20); do kill -0 -- -"$pg" 2>/dev/null || return 0; sleep 0.25; done
  kill -KILL -- -"$pg" 2>/dev/null || true
}
cleanup() { for d in "$RUN"/*/; do stop "${d%/}"; done; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
  "$RUNNER_NODE" -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })'
}
# Run a command with private HOME and XDG_* folders under <dir> (unless E2E_KEEP_HOME=1), so neither
# code-server's CLI nor Chromium writes into the real HOME.
private_env() {
  local d=$1; shift
  mkdir -p "$d/home" "$d/xdg-config" "$d/xdg-data" "$d/xdg-cache"
  local home=$d/home; [ "${E2E_KEEP_HOME:-0}" = 1 ] && home=$HOME
  env HOME="$home" XDG_CONFIG_HOME="$d/xdg-config" XDG_DATA_HOME="$d/xdg-data" XDG_CACHE_HOME="$d/xdg-cache" "$@"
}

TOTAL_PASSED=0 TOTAL_FAILED=0 rc=0
# add a runner's last "N passed, N failed" line to the totals; no such line = 1 failure
tally() {
  local line
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$1" 2>/dev/null | tail -1)
  if [ -n "$line" ]; then
    set -- $line
    TOTAL_PASSED=$((TOTAL_PASSED + $1)); TOTAL_FAILED=$((TOTAL_FAILED + $3))
  else
    TOTAL_FAILED=$((TOTAL_FAILED + 1))
  fi
}
# Playwright catches Ctrl-C itself and exits 130, so bash never sees the signal: stop here ourselves.
check_runner() {
  case $1 in
    0) ;;
    130|143) echo "interrupted"; exit 130 ;;
    *) rc=1 ;;
  esac
}
step_failed() { echo "FAILED: $*"; TOTAL_FAILED=$((TOTAL_FAILED + 1)); rc=1; }

t0=$(date +%s)
echo "== run dir: $RUN"

if [ -n "${E2E_VSIX:-}" ]; then
  cp "$E2E_VSIX" "$RUN/ext.vsix" && echo "== using $E2E_VSIX" || step_failed "copy $E2E_VSIX"
else
  echo "== npm run package in $EXT"
  if (cd "$EXT" && npm run package) > "$RUN/package.log" 2>&1 && cp "$EXT/dist/kube-node-doctor.vsix" "$RUN/ext.vsix"; then
    echo "packaged $RUN/ext.vsix ($(stat -c %s "$RUN/ext.vsix") bytes)"
  else
    tail -30 "$RUN/package.log"; step_failed "npm run package"
  fi
fi

if [ "${SKIP_UI:-0}" != 1 ] && [ -f "$RUN/ext.vsix" ]; then
  UI_PORT=${UI_PORT:-$(free_port)}
  echo "== UI tests: plain code-server on :$UI_PORT with the .vsix installed, driven by Chromium"
  mkdir -p "$RUN/ui"
  if ! private_env "$RUN/ui/cli" env PATH="$NODE_BIN_DIR:$PATH" "$CS_BIN" --user-data-dir "$RUN/ui/user-data" \
      --extensions-dir "$RUN/ui/extensions" --install-extension "$RUN/ext.vsix" > "$RUN/ui/install.log" 2>&1; then
    cat "$RUN/ui/install.log"; step_failed "install the .vsix"
  elif "$HERE/start-code-server.sh" "$UI_PORT" "$RUN/ui"; then
    tail -1 "$RUN/ui/install.log"
    ui_tests=${E2E_UI_TESTS:-$(ls "$EXT"/out-integration/test/e2e/*.test.js 2>/dev/null | tr '\n' ' ')}
    # spec to the console; TAP to a file, whose "# pass" / "# fail" totals become the summary line.
    # One file at a time: two Chromiums and two workbenches at once overload a 2-core machine.
    # shellcheck disable=SC2086
    private_env "$RUN/ui/browser" env CS_BASE="http://127.0.0.1:$UI_PORT" E2E_WORKSPACE="$WS" \
      E2E_SCREENS="$RUN/ui/screens" KND_VSIX="$RUN/ext.vsix" \
      "$RUNNER_NODE" --test --test-concurrency=1 --test-timeout=300000 \
      --test-reporter=spec --test-reporter-destination=stdout \
      --test-reporter=tap --test-reporter-destination="$RUN/ui/results.tap" $ui_tests 2>&1 | tee "$RUN/ui/ui-test.log"
    check_runner "${PIPESTATUS[0]}"
    tap_count() { sed -n "s/^# $1 \([0-9][0-9]*\)$/\1/p" "$RUN/ui/results.tap" | tail -1; }
    if [ -n "$(tap_count pass)" ]; then
      echo "$(tap_count pass) passed, $(tap_count fail) failed" >> "$RUN/ui/ui-test.log"
      [ "$(tap_count skipped)" = 0 ] || echo "($(tap_count skipped) skipped, $(tap_count todo) todo)"
    fi
    tally "$RUN/ui/ui-test.log"
    "$RUNNER_NODE" "$HERE/activation-time.js" "$RUN/ui/user-data" | tee -a "$RUN/ui/ui-test.log"
    stop "$RUN/ui"
  else
    step_failed "start the UI server"
  fi
fi

if [ "${SKIP_API:-0}" != 1 ]; then
  API_PORT=${API_PORT:-$(free_port)}
  read -r -a api_args <<< "${API_SERVER_ARGS-$DEFAULT_API_SERVER_ARGS}"
  echo "== API tests: code-server on :$API_PORT ${api_args[*]}; extension loaded from $EXT"
  if "$HERE/start-code-server.sh" "$API_PORT" "$RUN/api" "${api_args[@]}"; then
    private_env "$RUN/api/browser" env CS_BASE="http://127.0.0.1:$API_PORT" OUT_DIR="$RUN/api" \
      "$RUNNER_NODE" "$HERE/run-ext-tests.js" "$EXT" "$TESTS" "$WS" 2>&1 | tee "$RUN/api/run-ext-tests.log"
    check_runner "${PIPESTATUS[0]}"
    tally "$RUN/api/run-ext-tests.log"
    stop "$RUN/api"
  else
    step_failed "start the API server"
  fi
fi

echo "== metrics"
grep -h -o 'METRIC [a-z_]*=[0-9.]*' "$RUN"/ui/ui-test.log "$RUN"/api/run-ext-tests.log 2>/dev/null | sort -u | sed 's/^METRIC /  /'
echo "== done in $(( $(date +%s) - t0 )) s; logs and screenshots: $RUN"
[ "$TOTAL_FAILED" -eq 0 ] || rc=1
echo "$TOTAL_PASSED passed, $TOTAL_FAILED failed"
exit $rc
