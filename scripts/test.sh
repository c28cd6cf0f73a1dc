#!/usr/bin/env bash
# Runs every test project (the storage contract and the API tests on both stores) and ends with one
# line: "N passed, N failed[, N skipped]". Installs what the tests need when it is missing (PostgreSQL
# from Debian's packages), starts and stops any server itself.
# Usage: scripts/test.sh            (from the repository root or anywhere)
set -uo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# The test projects run without the runtime's profile-guided tiering (tests/Directory.Build.props says why); so do the
# `credence` processes some tests start (the cluster's silos, the CLI): like the tests, they run most code only a few times.
export DOTNET_TieredPGO=0

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
  [ -n "${beside_pid:-}" ] && { pkill -TERM -P "$beside_pid" 2>/dev/null; kill "$beside_pid" 2>/dev/null; }
  [ -n "${npm_pid:-}" ] && { pkill -TERM -P "$npm_pid" 2>/dev/null; kill "$npm_pid" 2>/dev/null; }
  [ -n "${lint_pid:-}" ] && { pkill -TERM -P "$lint_pid" 2>/dev/null; kill "$lint_pid" 2>/dev/null; }
  rm -f "$log" "${beside_out:-}" "${beside_out:-}".portal "${beside_out:-}".postgres "${beside_out:-}".storage
  rm -f "${npm_log:-}" "${npm_log:-}".rc
  [ -n "${lint_out:-}" ] && rm -f "$lint_out" "$lint_out".*
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
        -o "-p $port -k $pgdir -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=400" start >/dev/null 2>&1; then
      export CREDENCE_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=credence;Database=postgres"
      echo "== PostgreSQL $("$pgbin/postgres" --version | awk "{print \$3}") on 127.0.0.1:$port ($pgdir)"
      return 0
    fi
  done
  tail -n 20 "$pgdir/server.log"
  return 1
}

# The OpenAPI lint's tools (tests/openapi-lint, versions pinned in its package-lock.json) are fetched while the
# solution builds. Implementation note: `npm ci` took about a minute of wall time for 20 s of processor time on this
# machine, even from npm's cache; after the last project, where it ran before, that minute was the run's own.
npm_log=$(mktemp)
( cd tests/openapi-lint && npm ci --no-audit --no-fund --loglevel=error; echo $? > "$npm_log.rc" ) > "$npm_log" 2>&1 &
npm_pid=$!

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

# The API tests once more on the PostgreSQL store (ApiHost serves the store CREDENCE_API_STORE names),
# without what ran on SQLite already and does not depend on the store: the classes that never start a server
# (they run the CLI on files of their own), the paths nothing answers (PortalNotFoundTests: routing answers
# them before any handler could read a store), the OpenAPI tests that only read the document (built from
# the endpoints' metadata, the same code whichever store is served; the one that also calls every operation
# runs again), and the refusals of text, reasons and query values that are made before any unit of work
# begins (HostileTextApiTests, BlankReasonApiTests, QueryValueApiTests: the use cases refuse them whatever the
# store; that a refused unit leaves a store unchanged is the storage contract's, run on both stores).
pg_filter="FullyQualifiedName!~Credence.Api.Tests.CliTests&FullyQualifiedName!~CityReplayTests&FullyQualifiedName!~CheckStateCliTests\
&FullyQualifiedName!~Credence.Api.Tests.PortalNotFoundTests\
&FullyQualifiedName!~OpenApiTests.Every_endpoint_that_reads_a_body&FullyQualifiedName!~OpenApiTests.The_problem_schema_lists\
&FullyQualifiedName!~OpenApiTests.Enums_are_the_strings&FullyQualifiedName!~OpenApiTests.The_README_role_table\
&FullyQualifiedName!~Credence.Api.Tests.HostileTextApiTests&FullyQualifiedName!~BlankReasonApiTests&FullyQualifiedName!~QueryValueApiTests"

# Two lanes, each one project at a time. Beside the others: the browser tests (Credence.Portal.Tests: two
# collections side by side, each with its own server and Chromium and one page at a time), then the API tests
# on PostgreSQL, then the storage contract; their output is printed whole when they end. In the foreground, every
# other project, the cluster's fault tests among them, printed as it runs.
# Implementation note: nearly every project is CPU-bound on a 2-core machine, so the run takes about the CPU it
# needs divided by two; the lanes are balanced so that neither waits long for the other. On the idle machine
# (session 17) the lane beside took 11 min 12 s (browser 7:55, API on PostgreSQL 3:17) and the foreground 14 min 19 s,
# of which the storage contract 1:18 and the OpenAPI lint about a minute at its end; so the storage contract moved
# beside, and the lint runs in the background (below). The API passes on the two stores share the test binaries but
# nothing they write: each host has its own folder or database, and only the
# SQLite pass writes the OpenAPI document that the lint below reads.
portal=tests/Credence.Portal.Tests/Credence.Portal.Tests.csproj
beside_out=$(mktemp)
storage=tests/Credence.Storage.Tests/Credence.Storage.Tests.csproj
echo "== beside the others, one after the other (their output follows when they end): $portal, then tests/Credence.Api.Tests on PostgreSQL (CREDENCE_API_STORE=postgres), then $storage"
(
  lane=0
  project_log "$portal" "$beside_out.portal" || lane=1
  CREDENCE_API_STORE=postgres project_log tests/Credence.Api.Tests/Credence.Api.Tests.csproj "$beside_out.postgres" --filter "$pg_filter" || lane=1
  project_log "$storage" "$beside_out.storage" || lane=1
  exit $lane
) &
beside_pid=$!

# The OpenAPI document (Credence.Api.Tests writes it beside its binaries) linted as its users lint
# it: Spectral (spectral:oas), Redocly (recommended) and a strict TypeScript client from
# openapi-typescript. Each check is one test. The three run side by side, in the background, as soon as the API
# tests on SQLite have written the document, while the foreground lane goes on (they are about a minute of
# processor time that otherwise ran alone at the end); their results are printed after the lane.
doc=tests/Credence.Api.Tests/bin/Release/net10.0/openapi/v1.json
lint_out=$(mktemp)
lint() {
  while [ ! -f "$npm_log.rc" ]; do sleep 1; done
  local tools=0 check
  [ "$(cat "$npm_log.rc")" = 0 ] && [ -f tests/openapi-lint/node_modules/.bin/spectral ] && tools=1
  echo "$tools" > "$lint_out.tools"
  for check in spectral redocly client; do
    (
      ok=0
      if [ "$tools" -eq 1 ] && [ -f "$doc" ]; then
        tests/openapi-lint/check.sh "$check" "$doc" > "$lint_out.$check" 2>&1 && ok=1
      fi
      echo "$ok" > "$lint_out.$check.ok"
    ) &
  done
  wait
}

# The cluster's fault tests (tests/Credence.Cluster.Tests, in this lane, third, while the browser tests run beside)
# start real `credence serve --cluster` processes on the PostgreSQL started above, a database of their own per test
# class; they kill every process they start, and their results are counted like every other project's. They mostly
# wait (for a silo to be declared dead, for a deadline to come), so they are run while the lane beside keeps the
# processor busy, not left alone at the end of a lane.
for proj in tests/*/*.csproj; do
  [ "$proj" = "$portal" ] || [ "$proj" = "$storage" ] && continue
  echo "== $proj"
  run_project "$proj"
  if [ "$proj" = tests/Credence.Api.Tests/Credence.Api.Tests.csproj ]; then
    lint &
    lint_pid=$!
  fi
done

echo "== tests/openapi-lint (Spectral, Redocly, openapi-typescript + tsc --strict)"
[ -n "${lint_pid:-}" ] && wait "$lint_pid"
lint_pid=
[ -s "$npm_log" ] && tail -n 5 "$npm_log"
tools=$(cat "$lint_out.tools" 2>/dev/null || echo 0)
for check in spectral redocly client; do
  [ -f "$lint_out.$check" ] && tail -n 15 "$lint_out.$check"
  if [ "$(cat "$lint_out.$check.ok" 2>/dev/null)" = 1 ]; then
    echo "Passed!  - Failed: 0, Passed: 1, Skipped: 0, Total: 1 - openapi $check" | tee -a "$log"
  else
    echo "Failed!  - Failed: 1, Passed: 0, Skipped: 0, Total: 1 - openapi $check$([ "$tools" = 1 ] || echo ': npm ci failed')$([ -f "$doc" ] || echo ": no $doc")" | tee -a "$log"
  fi
done

echo "== waiting for the lane beside: $portal, then tests/Credence.Api.Tests on PostgreSQL, then $storage"
wait "$beside_pid" || status=1
beside_pid=
for part in portal postgres storage; do
  case $part in
    portal) echo "== $portal" ;;
    postgres) echo "== tests/Credence.Api.Tests on PostgreSQL (CREDENCE_API_STORE=postgres)" ;;
    storage) echo "== $storage" ;;
  esac
  if [ -f "$beside_out.$part" ]; then
    cat "$beside_out.$part"
    cat "$beside_out.$part" >> "$log"
  else
    echo "Failed!  - Failed: 1, Passed: 0, Skipped: 0, Total: 1 - no output from the lane beside ($part)" | tee -a "$log"
  fi
  rm -f "$beside_out.$part"
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
