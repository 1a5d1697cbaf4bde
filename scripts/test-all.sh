#!/usr/bin/env bash
# Runs every test of the repository: the library package (root) and the server package (Server/).
# Installs the Debian packages the builds need when they are missing. Used by .ci/run; run it
# locally the same way: scripts/test-all.sh
#
# Prints one closing line per package ('library: N passed, 0 failed', 'server: N passed, 0 failed')
# and a total ('tests: N passed, 0 failed'); exits non-zero when any test or build fails.
#
# The server's Swift dependencies (Hummingbird and friends) resolve from the machine's local
# copies of the packages (git reads their GitHub addresses from /opt/swift-packages), so the
# build needs no network. The first build of them takes several minutes; Server/.build is reused.
set -uo pipefail
cd "$(dirname "$0")/.."

log() { printf '\n== %s\n' "$*"; }

need_packages=()
command -v pkg-config >/dev/null 2>&1 || need_packages+=(pkg-config)
pkg-config --exists libxml-2.0 2>/dev/null || need_packages+=(libxml2-dev)
command -v xmllint >/dev/null 2>&1 || need_packages+=(libxml2-utils)
if [ "${#need_packages[@]}" -gt 0 ]; then
    log "installing ${need_packages[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    apt-get install -y --no-install-recommends "${need_packages[@]}" || exit 1
fi

# count_tests LOG: prints "passed failed" read from Swift Testing's closing line, or nothing.
count_tests() {
    local summary total failed
    summary=$(grep -E '^.{0,4}Test run with [0-9]+ tests?' "$1" | tail -n 1 || true)
    [ -n "$summary" ] || return 0
    total=$(printf '%s' "$summary" | sed -E 's/.*Test run with ([0-9]+) tests?.*/\1/')
    failed=$(printf '%s' "$summary" | sed -nE 's/.* with ([0-9]+) issues?.*/\1/p')
    printf '%s %s\n' "$total" "${failed:-0}"
}

status=0
total_passed=0
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

log "library tests: swift test"
library_status=0
swift test 2>&1 | tee "$logs/library.log" || library_status=$?
read -r lib_total lib_failed <<<"$(count_tests "$logs/library.log")"
if [ "$library_status" -eq 0 ] && [ -n "${lib_total:-}" ]; then
    echo "library: ${lib_total} passed, 0 failed"
    total_passed=$((total_passed + lib_total))
else
    echo "library: failed (${lib_failed:-?} issues in ${lib_total:-?} tests)"
    status=1
fi

log "server package: build (Server/)"
server_status=0
(cd Server && swift build --build-tests 2>&1) | tee "$logs/server-build.log" || server_status=$?
# Warnings in the server's own sources are errors (dependencies' warnings are not ours to fix).
if grep -E "^/[^:]*/Server/(Sources|Tests)/[^:]*:[0-9]+:[0-9]+: warning:" "$logs/server-build.log"; then
    echo "server: warnings in Server's sources (above) count as errors"
    server_status=1
fi
if [ "$server_status" -eq 0 ]; then
    # The mail tests deliver through a real SMTP exchange to a receiver on 127.0.0.1; here they
    # must not skip (DRV_TEST_REQUIRE_SMTP), so a receiver that does not start fails the run.
    log "SMTP receiver: Server/scripts/smtp-receiver"
    smtp_dir="$logs/smtp"
    Server/scripts/smtp-receiver "$smtp_dir" >"$logs/smtp-receiver.log" 2>&1 &
    smtp_pid=$!
    trap 'kill "$smtp_pid" 2>/dev/null; wait "$smtp_pid" 2>/dev/null; rm -rf "$logs"' EXIT
    for _ in $(seq 1200); do
        [ -f "$smtp_dir/port" ] || ! kill -0 "$smtp_pid" 2>/dev/null && break
        sleep 0.1
    done
    if [ -f "$smtp_dir/port" ]; then
        cat "$logs/smtp-receiver.log"
        export DRV_TEST_SMTP_PORT DRV_TEST_SMTP_DIR="$smtp_dir" DRV_TEST_REQUIRE_SMTP=1
        DRV_TEST_SMTP_PORT=$(cat "$smtp_dir/port")
    else
        cat "$logs/smtp-receiver.log"
        echo "server: the SMTP receiver did not start"
        server_status=1
    fi
fi
if [ "$server_status" -eq 0 ]; then
    # Inside a throwaway PostgreSQL cluster (issue 15): the store's tests need it, and under
    # DRV_TEST_REQUIRE_POSTGRES=1 they fail instead of skipping when it is missing.
    log "server tests: swift test (Server/) with PostgreSQL"
    (cd Server && DRV_TEST_REQUIRE_POSTGRES=1 scripts/with-postgres swift test --skip-build 2>&1) \
        | tee "$logs/server.log" || server_status=$?
    log "server: multi-instance check (three instances on one PostgreSQL database)"
    Server/scripts/multi-instance-check 2>&1 | tee "$logs/multi.log" || server_status=$?
    grep -qE ' overpaid=0 duplicate-ids=0 mismatched-overviews=0 in-flight-left=0( |$)' "$logs/multi.log" || server_status=1
fi
if [ -n "${smtp_pid:-}" ]; then
    kill "$smtp_pid" 2>/dev/null
    wait "$smtp_pid" 2>/dev/null
fi
read -r srv_total srv_failed <<<"$(count_tests "$logs/server.log" 2>/dev/null)"
if [ "$server_status" -eq 0 ] && [ -n "${srv_total:-}" ]; then
    echo "server: ${srv_total} passed, 0 failed"
    total_passed=$((total_passed + srv_total))
else
    echo "server: failed (${srv_failed:-?} issues in ${srv_total:-?} tests)"
    status=1
fi

log "browser tests: Server/scripts/browser-tests"; if Server/scripts/browser-tests; then echo "browser: passed"; else echo "browser: failed"; status=1; fi
if [ "$status" -eq 0 ]; then
    echo "tests: ${total_passed} passed, 0 failed"
else
    echo "tests: failed"
fi
exit "$status"
