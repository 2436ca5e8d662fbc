#!/usr/bin/env bash
# npm run demo — Kube Node Doctor working in a real VS Code, on a fresh machine, in one command:
# installs (npm ci, code-server + Node 24 + chromium via setup.sh), packages the extension, starts the
# loopback cluster harness with every incident (`incidents` scenario), starts code-server with the .vsix
# installed and a workspace of sample node logs, and prints the URL. Ctrl+C tears everything down.
#
# Environment (optional):
#   DEMO_PORT        port of code-server on 127.0.0.1 (default 8080, or a free one when 8080 is taken)
#   DEMO_DIR         state of this demo: user data, extensions, logs (default .e2e/demo, git-ignored)
#   DEMO_CLUSTER=0   no cluster (the explorer then shows how it reports a missing cluster)
#   VSC_E2E_ROOT     the code-server install root of setup.sh (default ~/.cache/vscode-e2e)
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
E2E=$REPO/scripts/vscode-e2e
cd "$REPO"
say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
t0=$(date +%s)

DEMO_DIR=${DEMO_DIR:-$REPO/.e2e/demo}
server_dir=$DEMO_DIR/server
mkdir -p "$DEMO_DIR"
cluster_started=0
teardown() {
  trap - EXIT INT TERM
  echo
  if [ -f "$server_dir/cs.pid" ]; then
    say "stopping code-server"
    pg=$(cat "$server_dir/cs.pid"); rm -f "$server_dir/cs.pid"
    kill -- -"$pg" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 -- -"$pg" 2>/dev/null || break; sleep 0.25; done
    kill -KILL -- -"$pg" 2>/dev/null || true
  fi
  if [ "$cluster_started" = 1 ]; then
    say "stopping the cluster"
    npm run --silent cluster:down || true
  fi
  echo "demo stopped"
}
trap teardown EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say "1/5 npm packages"
if [ ! -d node_modules ] || ! npm ls --depth=0 > /dev/null 2>&1; then
  npm ci --no-audit --no-fund
else
  echo "node_modules matches package.json"
fi

say "2/5 code-server, Node 24, chromium (cached after the first run)"
"$E2E/setup.sh"

say "3/5 package the extension"
npm run --silent package > "$DEMO_DIR/package.log" 2>&1 || { tail -30 "$DEMO_DIR/package.log"; exit 1; }
vsix=$REPO/dist/kube-node-doctor.vsix
echo "$vsix ($(stat -c %s "$vsix") bytes)"

say "4/5 loopback cluster with every incident"
if [ "${DEMO_CLUSTER:-1}" != 0 ]; then
  npm run --silent cluster:build
  cluster_started=1
  npm run --silent cluster:up -- --scenario incidents --recreate
  export KUBECONFIG=$REPO/.kwok/kubeconfig
else
  echo "skipped (DEMO_CLUSTER=0)"
fi

say "5/5 code-server with the extension and sample node logs"
workspace=$DEMO_DIR/node-logs
rm -rf "$server_dir" "$workspace"
cp -r "$REPO/test/fixtures/e2e-ws" "$workspace"      # a copy: edits in the demo never touch the repo
port=${DEMO_PORT:-8080}
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
fi
ROOT=${VSC_E2E_ROOT:-${XDG_CACHE_HOME:-$HOME/.cache}/vscode-e2e}
node_bin=$(ls -d "$ROOT"/node24/node_modules/node/node_modules/node-linux-*/bin | tail -1)
mkdir -p "$server_dir/cli"
env HOME="$server_dir/cli" XDG_CONFIG_HOME="$server_dir/cli" XDG_DATA_HOME="$server_dir/cli" XDG_CACHE_HOME="$server_dir/cli" \
  PATH="$node_bin:$PATH" "$ROOT/cs/node_modules/.bin/code-server" --user-data-dir "$server_dir/user-data" \
  --extensions-dir "$server_dir/extensions" --install-extension "$vsix" | tail -1
"$E2E/start-code-server.sh" "$port" "$server_dir"

url="http://127.0.0.1:$port/?folder=$workspace"
say "ready in $(( $(date +%s) - t0 )) s"
cat <<MSG
  Open:        $url
  Try:         the Kube Node Doctor icon in the activity bar (nodes, pods, why they are sick);
               kubelet.log / messages / containerd.log (diagnostics in the Problems panel, hovers);
               F1 → "Kube Node Doctor: …" (cordon, drain preview).
  Cluster:     KUBECONFIG=${KUBECONFIG:-none}   kubectl: $REPO/.bin/kubectl
  Logs:        $server_dir/cs.log
  From another machine: ssh -L $port:127.0.0.1:$port <this host>, then open the URL locally.
  Ctrl+C stops code-server and the cluster.
MSG
pg=$(cat "$server_dir/cs.pid")
while kill -0 -- -"$pg" 2>/dev/null; do sleep 1; done
echo "code-server exited (log: $server_dir/cs.log)"
