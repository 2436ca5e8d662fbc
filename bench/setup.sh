#!/usr/bin/env bash
# Installs what `npm run bench:logs` compares against: ripgrep and GNU grep (Debian packages).
set -euo pipefail
if ! command -v rg >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y ripgrep || { apt-get update && apt-get install -y ripgrep; }
  else sudo apt-get install -y ripgrep || { sudo apt-get update && sudo apt-get install -y ripgrep; }
  fi
fi
command -v grep >/dev/null 2>&1 || { echo "grep is missing" >&2; exit 1; }
rg --version | head -n 1
grep --version | head -n 1
