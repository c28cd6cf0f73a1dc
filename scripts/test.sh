#!/usr/bin/env bash
# Runs every test project and ends with one line: "N passed, N failed[, N skipped]".
# Installs what the tests need when it is missing, starts and stops any server itself.
# Usage: scripts/test.sh            (from the repository root or anywhere)
set -uo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log=$(mktemp)
trap 'rm -f "$log"' EXIT

status=0
dotnet build Credence.slnx -c Release -nologo -v quiet 2>&1 | tail -n 20 || status=1
if [ "${PIPESTATUS[0]}" -ne 0 ]; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

# One test project at a time keeps memory and ports predictable on a 2-core machine.
for proj in tests/*/*.csproj; do
  echo "== $proj"
  dotnet test "$proj" -c Release --no-build -nologo --logger "console;verbosity=minimal" 2>&1 | tee -a "$log"
  rc=${PIPESTATUS[0]}
  if ! grep -q "Total:" <(tail -n 5 "$log"); then
    echo "no test summary from $proj (exit $rc): counted as one failure"
    echo "Failed!  - Failed: 1, Passed: 0, Skipped: 0, Total: 1" >> "$log"
  fi
  [ "$rc" -ne 0 ] && status=1
done

sum() { grep -oE "$1: +[0-9]+" "$log" | awk '{s+=$2} END {print s+0}'; }
passed=$(sum Passed)
failed=$(sum Failed)
skipped=$(sum Skipped)
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then status=1; fi
[ "$failed" -ne 0 ] && status=1
if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
exit $status
