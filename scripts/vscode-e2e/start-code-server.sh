#!/usr/bin/env bash
# Start one code-server instance in the background, in its own process group, with a quiet workbench,
# and wait until it answers /healthz.
#
# Usage: start-code-server.sh <port> <run-dir> [extra code-server args...]
#   plain server (UI tests):        start-code-server.sh 8765 "$RUN/ui"
#   server for API tests (payload): start-code-server.sh 8766 "$RUN/api" --vscode-option enable-smoke-test-driver
#
# Writes into <run-dir>:
#   cs.pid     the process-group id; stop everything (server, extension host, pty host, watcher) with
#              kill -- -"$(cat <run-dir>/cs.pid)"
#   cs.log     the server's stdout/stderr
#   user-data/ the --user-data-dir (one per instance: it holds the IPC socket). User/settings.json is seeded
#              with quiet-workbench settings unless it already exists, so you can pre-seed your own.
#   xdg-*/, home/  private XDG_CONFIG_HOME / XDG_DATA_HOME / XDG_CACHE_HOME and HOME, so nothing lands in the
#              real HOME. The extension host inherits this environment.
#
# Environment (all optional):
#   VSC_E2E_ROOT       install root from setup.sh (default: ${XDG_CACHE_HOME:-$HOME/.cache}/vscode-e2e)
#   EXT_DIR            --extensions-dir (default: <run-dir>/extensions; several instances may share one)
#   CS_BIN             code-server launcher (default: $VSC_E2E_ROOT/cs/node_modules/.bin/code-server)
#   CS_NODE_BIN_DIR    folder whose `node` runs code-server (default: Node 24 from setup.sh)
#   CS_START_TIMEOUT   seconds to wait for /healthz (default 30; a start normally takes ~1 s)
#   E2E_KEEP_HOME=1    keep the caller's HOME (e.g. to let the extension find ~/.kube/config)
#   Anything else you export (KUBECONFIG, ...) reaches the extension host.
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 <port> <run-dir> [code-server args...]" >&2; exit 2; }
ROOT=${VSC_E2E_ROOT:-${XDG_CACHE_HOME:-$HOME/.cache}/vscode-e2e}
PORT=$1; RUN=$2; shift 2
mkdir -p "$RUN"; RUN=$(cd "$RUN" && pwd)

if [ -z "${CS_NODE_BIN_DIR:-}" ]; then
  for d in "$ROOT"/node24/node_modules/node/node_modules/node-linux-*/bin; do CS_NODE_BIN_DIR=$d; done
fi
CS_BIN=${CS_BIN:-$ROOT/cs/node_modules/.bin/code-server}
if [ ! -x "$CS_BIN" ] || [ ! -x "${CS_NODE_BIN_DIR:-}/node" ]; then
  echo "code-server or its node not found under $ROOT (run setup.sh, or set CS_BIN / CS_NODE_BIN_DIR)" >&2; exit 1
fi

URL="http://127.0.0.1:$PORT/healthz"
healthy() {
  if command -v curl >/dev/null; then curl -sf -o /dev/null --max-time 2 "$URL"
  else "$CS_NODE_BIN_DIR/node" -e 'require("http").get(process.argv[1], r => process.exit(r.statusCode === 200 ? 0 : 1)).on("error", () => process.exit(1))' "$URL"
  fi
}
# A stale server on the port would answer /healthz and fake a successful start.
if healthy; then echo "port $PORT already answers /healthz; stop that server or pick another port" >&2; exit 1; fi

# Quiet, deterministic workbench: no welcome page, no chat/AI secondary side bar, no tips, no update or
# gallery checks, no telemetry, no workspace-trust prompt.
mkdir -p "$RUN/user-data/User"
[ -f "$RUN/user-data/User/settings.json" ] || cat > "$RUN/user-data/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "chat.disableAIFeatures": true,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "workbench.tips.enabled": false,
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "update.mode": "none",
  "telemetry.telemetryLevel": "off",
  "security.workspace.trust.enabled": false,
  "git.openRepositoryInParentFolders": "never",
  "workbench.colorTheme": "Default Dark Modern"
}
JSON

# code-server writes <XDG_CONFIG_HOME>/code-server/config.yaml and <XDG_DATA_HOME>/code-server/ on every
# start, and @vscode/deviceid writes ~/.cache/Microsoft/DeveloperTools/deviceid. Keep all of it in the run dir.
mkdir -p "$RUN/xdg-config" "$RUN/xdg-data" "$RUN/xdg-cache"
export XDG_CONFIG_HOME=$RUN/xdg-config XDG_DATA_HOME=$RUN/xdg-data XDG_CACHE_HOME=$RUN/xdg-cache
if [ "${E2E_KEEP_HOME:-0}" != 1 ]; then mkdir -p "$RUN/home"; export HOME=$RUN/home; fi

# setsid makes the server the leader of a new process group whose id is $! (this script runs without job
# control, so setsid does not fork). Killing the group also ends the extension host and the other children.
PATH="$CS_NODE_BIN_DIR:$PATH" setsid "$CS_BIN" \
  --bind-addr "127.0.0.1:$PORT" --auth none \
  --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
  --user-data-dir "$RUN/user-data" --extensions-dir "${EXT_DIR:-$RUN/extensions}" \
  "$@" > "$RUN/cs.log" 2>&1 < /dev/null &
pid=$!
echo "$pid" > "$RUN/cs.pid"

timeout_s=${CS_START_TIMEOUT:-30}
for ((i = 1; i <= timeout_s * 2; i++)); do
  if healthy; then
    w=$(( (i - 1) * 5 ))   # tenths of a second waited
    echo "code-server up on http://127.0.0.1:$PORT after $((w / 10)).$((w % 10)) s (process group $pid, log $RUN/cs.log)"
    exit 0
  fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.5
done
echo "code-server did not come up on port $PORT; last lines of $RUN/cs.log:" >&2
tail -40 "$RUN/cs.log" >&2
kill -- -"$pid" 2>/dev/null || true
exit 1
