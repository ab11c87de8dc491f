#!/usr/bin/env bash
# The clock sweep: the suites that read the calendar (reminders and quiet hours, appointments
# "today/tomorrow", ages from birth dates, the mini-program's dates) run at each wall-clock instant
# of tests/clock/instants.txt, so that a test or a rule that only holds at some hours fails here
# and not on the evening CI happens to run. libfaketime moves the wall clock (CLOCK_REALTIME) of
# node and of the clinic-server it starts; monotonic clocks stay real, so timers and condition
# waits keep their meaning. SQLite only: PostgreSQL's timers (deadlock detection) do not run
# under libfaketime.
# Env (set by ctest): CLINIC_SOURCE_DIR, CLINIC_SERVER_BIN, CLINIC_CORE_CLI.
set -uo pipefail
cd "${CLINIC_SOURCE_DIR:?}"
lib=$(ls /usr/lib/*/faketime/libfaketime.so.1 2>/dev/null | head -1)
[ -n "$lib" ] || { echo "libfaketime is not installed (Debian package faketime; scripts/test installs it)"; exit 1; }
server_suites=(tests/server/api_engagement.test.mjs tests/server/api_patients.test.mjs tests/server/api_patient.test.mjs)
page_suites=(engagement families pages states home selftest results journey)
node scripts/lib/miniprogram-package.cjs >/dev/null

failed=0
while IFS="|" read -r -u 3 instant why; do
  instant=$(echo "$instant" | xargs)
  case $instant in '' | '#'*) continue ;; esac
  echo "== $instant UTC (clinic:$why)"
  # One offset from the real clock for every process of the run (the server starts after the test
  # runner; an absolute start time, "@…", would give each process its own clock).
  offset=$(($(date -u -d "$instant" +%s) - $(date -u +%s)))
  [ "$offset" -lt 0 ] && offset="${offset}s" || offset="+${offset}s"
  at=(env TZ=UTC LD_PRELOAD="$lib" FAKETIME="$offset" FAKETIME_DONT_FAKE_MONOTONIC=1)
  "${at[@]}" node -e "if (Math.abs(Date.now() - Date.parse('${instant/ /T}Z')) > 3600e3) { console.error('the wall clock did not move: ' + new Date().toISOString()); process.exit(1); }" || exit 1
  if ! "${at[@]}" node --test --test-reporter=dot "${server_suites[@]}"; then
    echo "FAILED at $instant: the server suites"
    failed=$((failed + 1))
  fi
  pattern=$(IFS='|'; echo "tests/miniprogram/(${page_suites[*]})\\.test\\.js")
  if ! "${at[@]}" node_modules/.bin/jest -c tests/miniprogram/jest.config.js --ci --silent "$pattern"; then
    echo "FAILED at $instant: the mini-program suites"
    failed=$((failed + 1))
  fi
done 3< tests/clock/instants.txt
echo "clock sweep: $failed failing run(s)"
[ "$failed" -eq 0 ]
