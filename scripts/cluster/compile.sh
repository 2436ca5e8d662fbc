#!/usr/bin/env bash
# Compiles the cluster harness (test/cluster/*.ts) to out/test/cluster/ with the project's test tsconfig.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
"$ROOT/node_modules/.bin/tsc" -p test/cluster/tsconfig.json
