#!/usr/bin/env bash
# `npm test`: every CI-gating tier in order, each installing what it needs (idempotent):
#   1. type-check, lint, format check, bundle   2. pure tiers (core, language server, CLI, manifest) on node:test
#   3. grammar snapshots     4. the loopback control plane (Go build) + cluster-backed tests
#   5. real VS Code (code-server + Chromium) end-to-end and extension-host tests
# Every tier runs even when an earlier one failed, so one run shows every failure; the last line
# sums node:test's counts over all tiers as `N passed, N failed`.
# Env: KND_TIERS="types unit grammar cluster e2e" to run a subset.
set -uo pipefail
cd "$(dirname "$0")/.."

tiers=${KND_TIERS:-"types unit grammar cluster e2e"}
logdir=$(mktemp -d "${TMPDIR:-/tmp}/knd-test.XXXXXX")
passed=0 failed=0 failed_tiers=()

count() { # a tier's own closing "N passed, N failed" line when it prints one (it sums its runners),
  # else the sum of node:test's "ℹ pass N" / "ℹ fail N" lines
  local log=$1 p f
  read -r p f < <(grep -aE '^[A-Za-z]*:? *[0-9]+ passed, [0-9]+ failed' "$log" | tail -1 |
    sed -E 's/^[A-Za-z]*:? *([0-9]+) passed, ([0-9]+) failed.*/\1 \2/' || true)
  if [[ -z ${p:-} ]]; then
    p=$(grep -aE '^ℹ pass [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')
    f=$(grep -aE '^ℹ fail [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')
  fi
  passed=$((passed + ${p:-0})) failed=$((failed + ${f:-0}))
}

run_tier() { # name, command...
  local name=$1; shift
  local log="$logdir/$name.log" start=$SECONDS
  echo "=== tier $name: $*"
  "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  count "$log"
  echo "=== tier $name: exit $rc in $((SECONDS - start))s"
  ((rc == 0)) || failed_tiers+=("$name")
}

for tier in $tiers; do
  case $tier in
    types) run_tier types bash -c 'npm run --silent check-types && npm run --silent lint && npx prettier --check src test bench scripts && npm run --silent build' ;;
    unit) run_tier unit npm run --silent test:unit ;;
    grammar) run_tier grammar npm run --silent test:grammar ;;
    cluster) run_tier cluster bash -c 'npm run --silent cluster:build && npm run --silent test:cluster' ;;
    e2e) run_tier e2e npm run --silent test:e2e ;;
    *) echo "unknown tier $tier"; failed_tiers+=("$tier") ;;
  esac
done

echo "logs: $logdir"
if ((${#failed_tiers[@]})); then
  echo "failed tiers: ${failed_tiers[*]}"
  ((failed > 0)) || failed=1
fi
echo "$passed passed, $failed failed"
((${#failed_tiers[@]} == 0))
