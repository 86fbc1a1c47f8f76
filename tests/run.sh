#!/usr/bin/env bash
# Runs every test of the solution. Works on a fresh machine that has only the .NET SDK: it installs the
# interoperability peers first and starts a PostgreSQL server on loopback for the PostgreSQL store suites and
# end-to-end tests (or uses the one OVERSIGHT_TEST_POSTGRES already names). Ends with "Tests: N passed, N failed[, N skipped]" counted from the TRX
# results, and exits non-zero when a test failed, the build failed, or no test ran.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

bash tests/install-peers.sh
if [ -z "${OVERSIGHT_TEST_POSTGRES:-}" ]; then
  OVERSIGHT_TEST_POSTGRES="$(bash tests/start-postgres.sh)"
  export OVERSIGHT_TEST_POSTGRES
  trap 'bash "$root/tests/start-postgres.sh" stop' EXIT
fi

results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

set +e
dotnet test Oversight.sln --logger "trx" --results-directory "$results" "$@"
status=$?
set -e

passed=0; failed=0; total=0; executed=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  value() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  total=$((total + $(value total)))
  executed=$((executed + $(value executed)))
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
done
skipped=$((total - executed))

summary="Tests: ${passed} passed, ${failed} failed"
[ "$skipped" -gt 0 ] && summary="${summary}, ${skipped} skipped"
if [ "$total" -eq 0 ]; then
  echo "No test ran." >&2
  status=1
fi
[ "$failed" -gt 0 ] && status=1
echo "$summary"
exit "$status"
