#!/usr/bin/env bash
# One check of the registry's OpenAPI document, as its users would run it:
#   check.sh spectral DOC    Spectral, ruleset spectral:oas: no error and no warning
#   check.sh redocly DOC     Redocly CLI, recommended rules: no error and no warning
#   check.sh client DOC      openapi-typescript (under redocly.yaml's rules) generates a client and
#                            tsc --strict type-checks it with check.ts, which calls named operations
# Exit 0 when the check passes. Needs `npm ci` in this folder first (scripts/test.sh does it).
set -uo pipefail
[ -f "${2:-}" ] || { echo "check.sh: no document ${2:-}" >&2; exit 2; }
what=$1
doc=$(realpath "$2")
cd "$(dirname "$0")"
bin=node_modules/.bin

case "$what" in
  spectral)
    "$bin/spectral" lint --ruleset .spectral.yaml --fail-severity warn "$doc"
    ;;
  redocly)
    out=$("$bin/redocly" lint --config redocly.yaml --format stylish "$doc" 2>&1)
    rc=$?
    echo "$out" | grep -v "^\s*$" | grep -vE "║|╔|╚" || true
    # Warnings fail the check too: the document should lint clean.
    [ "$rc" -eq 0 ] && ! echo "$out" | grep -qiE "[0-9]+ warnings?\b" && ! echo "$out" | grep -q "warning  "
    ;;
  client)
    rm -rf generated && mkdir -p generated
    "$bin/openapi-typescript" "$doc" --redocly redocly.yaml -o generated/credence.ts && "$bin/tsc" -p tsconfig.json
    ;;
  *)
    echo "usage: check.sh spectral|redocly|client DOC" >&2
    exit 2
    ;;
esac
