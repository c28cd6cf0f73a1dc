#!/usr/bin/env bash
# Runs every test project and ends with one line: "N passed, N failed[, N skipped]".
# Installs what the tests need when it is missing, starts and stops any server itself.
# Usage: scripts/test.sh            (from the repository root or anywhere)
set -uo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# The portal's browser tests (tests/Credence.Portal.Tests) drive Debian's Chromium; its Chinese pages need a CJK font.
if ! [ -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
  echo "installing chromium and fonts-noto-cjk for the portal's browser tests"
  sudo=""; [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && sudo="sudo"
  ($sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium fonts-noto-cjk) > /dev/null 2>&1 \
    || echo "could not install chromium and fonts-noto-cjk: the portal's browser tests will fail"
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT

status=0
dotnet build Credence.slnx -c Release -nologo -v quiet 2>&1 | tail -n 20 || status=1
if [ "${PIPESTATUS[0]}" -ne 0 ]; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

# Credence.Api.Tests writes the OpenAPI document for the lint step below; never lint a stale one.
rm -f tests/Credence.Api.Tests/bin/Release/net10.0/openapi/v1.json

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

# The OpenAPI document (Credence.Api.Tests writes it beside its binaries) linted as its users lint
# it: Spectral (spectral:oas), Redocly (recommended) and a strict TypeScript client from
# openapi-typescript; the tools are pinned in tests/openapi-lint/package-lock.json. Each check is one test.
doc=tests/Credence.Api.Tests/bin/Release/net10.0/openapi/v1.json
echo "== tests/openapi-lint (Spectral, Redocly, openapi-typescript + tsc --strict)"
tools=0
if (cd tests/openapi-lint && npm ci --no-audit --no-fund --loglevel=error) 2>&1 | tail -n 5; then tools=1; fi
[ -f tests/openapi-lint/node_modules/.bin/spectral ] || tools=0
for check in spectral redocly client; do
  ok=0
  if [ "$tools" -eq 1 ] && [ -f "$doc" ]; then
    tests/openapi-lint/check.sh "$check" "$doc" > "$log.$check" 2>&1 && ok=1
    tail -n 15 "$log.$check"
    rm -f "$log.$check"
  fi
  if [ "$ok" -eq 1 ]; then
    echo "Passed!  - Failed: 0, Passed: 1, Skipped: 0, Total: 1 - openapi $check" | tee -a "$log"
  else
    echo "Failed!  - Failed: 1, Passed: 0, Skipped: 0, Total: 1 - openapi $check$([ "$tools" -eq 1 ] || echo ': npm ci failed')$([ -f "$doc" ] || echo ": no $doc")" | tee -a "$log"
  fi
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
