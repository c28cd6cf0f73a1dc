#!/usr/bin/env bash
# Runs every test project (the storage contract and the API tests on both stores) and ends with one
# line: "N passed, N failed[, N skipped]". Installs what the tests need when it is missing (PostgreSQL
# from Debian's packages), starts and stops any server itself.
# Usage: scripts/test.sh            (from the repository root or anywhere)
set -uo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# The portal's browser tests (tests/Credence.Portal.Tests) drive Debian's Chromium; its Chinese pages need a CJK font.
# (grep reads fc-list's whole output: with -q it would stop early, fc-list would die of SIGPIPE, and
# under pipefail the check would fail and reinstall on every run.)
if ! [ -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -i "Noto Sans CJK" >/dev/null; then
  echo "installing chromium and fonts-noto-cjk for the portal's browser tests"
  sudo=""; [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && sudo="sudo"
  ($sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium fonts-noto-cjk) > /dev/null 2>&1 \
    || echo "could not install chromium and fonts-noto-cjk: the portal's browser tests will fail"
fi

log=$(mktemp)
pgdir=
cleanup() {
  if [ -n "$pgdir" ]; then
    pg_as "$pgbin/pg_ctl" -D "$pgdir/data" -m immediate stop >/dev/null 2>&1
    rm -rf "$pgdir"
  fi
  [ -n "${portal_pid:-}" ] && kill "$portal_pid" 2>/dev/null
  rm -f "$log" "${portal_out:-}"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# PostgreSQL's tools refuse to run as root: as root they run as the package's "postgres" user.
pg_as() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# A private PostgreSQL cluster for the tests that need one (the storage contract on PostgreSQL):
# installed from Debian's packages when missing, in a temporary folder, on a free port of
# 127.0.0.1 only, trusting local connections (nothing else can reach it), stopped and deleted on
# exit. The tests find it through CREDENCE_TEST_POSTGRES; one already set is used as it is.
# Implementation note: fsync is off because only client processes are killed in the crash tests
# (the server's own durability is PostgreSQL's, not ours to test) and it keeps CI fast.
start_postgres() {
  if [ -n "${CREDENCE_TEST_POSTGRES:-}" ]; then
    echo "== PostgreSQL: CREDENCE_TEST_POSTGRES is set, using that server"
    return 0
  fi
  pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$pgbin" ] || [ ! -x "$pgbin/initdb" ]; then
    echo "== PostgreSQL: installing Debian's postgresql package"
    local sudo=
    [ "$(id -u)" -eq 0 ] || sudo="sudo -n"
    { $sudo apt-get update -q && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends postgresql; } 2>&1 | tail -n 3
    pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [ -z "$pgbin" ] || [ ! -x "$pgbin/initdb" ]; then
      echo "PostgreSQL could not be installed (apt-get install postgresql)"
      return 1
    fi
  fi
  pgdir=$(mktemp -d "${TMPDIR:-/tmp}/credence-pg.XXXXXX")
  chmod 755 "$pgdir"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$pgdir"
  if ! pg_as "$pgbin/initdb" -D "$pgdir/data" -U credence --auth=trust -E UTF8 --no-locale >"$pgdir/initdb.log" 2>&1; then
    tail -n 20 "$pgdir/initdb.log"
    return 1
  fi
  local port try
  for try in 1 2 3 4 5 6 7 8; do
    port=$(( 20000 + RANDOM % 40000 ))
    # A port something already answers on is taken; otherwise the server may still lose a race for it: try another.
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue
    if pg_as "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w -t 60 \
        -o "-p $port -k $pgdir -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200" start >/dev/null 2>&1; then
      export CREDENCE_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=credence;Database=postgres"
      echo "== PostgreSQL $("$pgbin/postgres" --version | awk "{print \$3}") on 127.0.0.1:$port ($pgdir)"
      return 0
    fi
  done
  tail -n 20 "$pgdir/server.log"
  return 1
}

status=0
dotnet build Credence.slnx -c Release -nologo -v quiet 2>&1 | tail -n 20 || status=1
if [ "${PIPESTATUS[0]}" -ne 0 ]; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

if ! start_postgres; then
  echo "PostgreSQL did not start: the PostgreSQL tests will fail"
fi

# Credence.Api.Tests writes the OpenAPI document for the lint step below; never lint a stale one.
rm -f tests/Credence.Api.Tests/bin/Release/net10.0/openapi/v1.json

# Each project's output goes to a log of its own, then into the run's log that the last line counts.
# run_project PROJ [dotnet test options] prints it as it comes; project_log alone keeps it quiet (for the
# project that runs beside the others, printed when it ends).
project_log() {
  local proj=$1 out=$2
  shift 2
  dotnet test "$proj" -c Release --no-build -nologo --logger "console;verbosity=minimal" "$@" > "$out" 2>&1
  local rc=$?
  if ! grep -q "Total:" <(tail -n 5 "$out"); then
    echo "no test summary from $proj (exit $rc): counted as one failure" >> "$out"
    echo "Failed!  - Failed: 1, Passed: 0, Skipped: 0, Total: 1" >> "$out"
  fi
  return $rc
}

run_project() {
  local proj=$1 out
  shift
  out=$(mktemp)
  project_log "$proj" "$out" "$@" &
  local pid=$!
  tail -n +1 -f --pid="$pid" "$out" 2>/dev/null
  wait "$pid" || status=1
  cat "$out" >> "$log"
  rm -f "$out"
}

# Implementation note: the browser tests (Credence.Portal.Tests: one server, one Chromium, one page
# at a time) leave much of the machine idle while they wait on the browser, so they run beside the
# other projects, which run one at a time (memory and ports stay predictable on a 2-core machine);
# this keeps the whole run well under CI's 15 minutes. They start their own server on a free port,
# share nothing with the other projects, and their output is printed whole when they end.
portal=tests/Credence.Portal.Tests/Credence.Portal.Tests.csproj
portal_out=$(mktemp)
echo "== $portal (started beside the others; its output follows when it ends)"
project_log "$portal" "$portal_out" &
portal_pid=$!

# Among them tests/Credence.Cluster.Tests (the cluster's fault tests): real `credence serve --cluster`
# processes on the PostgreSQL started above, a database of their own per test class; it kills every process it
# starts, and its results are counted like every other project's.
for proj in tests/*/*.csproj; do
  [ "$proj" = "$portal" ] && continue
  echo "== $proj"
  run_project "$proj"
done

# The API tests once more on the PostgreSQL store (ApiHost serves the store CREDENCE_API_STORE names),
# without what ran above already and does not depend on the store: the classes that never start a server
# (they run the CLI on files of their own), the paths nothing answers (PortalNotFoundTests: routing answers
# them before any handler could read a store), and the OpenAPI tests that only read the document (built from
# the endpoints' metadata, the same code whichever store is served; the one that also calls every operation
# runs again).
echo "== tests/Credence.Api.Tests on PostgreSQL (CREDENCE_API_STORE=postgres)"
CREDENCE_API_STORE=postgres run_project tests/Credence.Api.Tests/Credence.Api.Tests.csproj \
  --filter "FullyQualifiedName!~Credence.Api.Tests.CliTests&FullyQualifiedName!~CityReplayTests&FullyQualifiedName!~CheckStateCliTests\
&FullyQualifiedName!~Credence.Api.Tests.PortalNotFoundTests\
&FullyQualifiedName!~OpenApiTests.Every_endpoint_that_reads_a_body&FullyQualifiedName!~OpenApiTests.The_problem_schema_lists\
&FullyQualifiedName!~OpenApiTests.Enums_are_the_strings&FullyQualifiedName!~OpenApiTests.The_README_role_table"

# The OpenAPI document (Credence.Api.Tests writes it beside its binaries) linted as its users lint
# it: Spectral (spectral:oas), Redocly (recommended) and a strict TypeScript client from
# openapi-typescript; the tools are pinned in tests/openapi-lint/package-lock.json. Each check is one test.
# It runs while the browser tests may still be running: the document exists once the API tests have run.
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

echo "== $portal (waiting for it to end)"
wait "$portal_pid" || status=1
portal_pid=
cat "$portal_out"
cat "$portal_out" >> "$log"
rm -f "$portal_out"

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
