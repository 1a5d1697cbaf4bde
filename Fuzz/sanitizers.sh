#!/usr/bin/env bash
# Runs the root package's whole test suite under AddressSanitizer and ThreadSanitizer and sums up.
#
#   Fuzz/sanitizers.sh [--asan-only | --tsan-only] [--tsan-filter REGEX]
#
# Each sanitizer has its own scratch path in the repository root (.build-asan, .build-tsan);
# the first build of each takes 10 minutes or more on 2 cores. ThreadSanitizer runs with
# Fuzz/tsan.supp, which suppresses exactly one known false positive (see Fuzz/README.md,
# "ThreadSanitizer and Mutex"). Logs: .build-asan/sanitizer-test.log, .build-tsan/sanitizer-test.log.
# Exits non-zero when a suite fails or a sanitizer reports anything.
set -uo pipefail
fuzz_dir=$(cd "$(dirname "$0")" && pwd)
cd "$fuzz_dir/.."

run_asan=1
run_tsan=1
tsan_filter=
while [ $# -gt 0 ]; do
    case "$1" in
        --asan-only) run_tsan=0 ;;
        --tsan-only) run_asan=0 ;;
        --tsan-filter) tsan_filter=$2; shift ;;
        *) echo "usage: $0 [--asan-only | --tsan-only] [--tsan-filter REGEX]" >&2; exit 2 ;;
    esac
    shift
done

summaries=()
overall=0

# Runs `swift test` under one sanitizer; prints and records one summary line.
run_suite() {
    local name=$1 sanitizer=$2 scratch=$3
    shift 3
    local log="$scratch/sanitizer-test.log"
    mkdir -p "$scratch"
    echo "== swift test --sanitize=$sanitizer --scratch-path $scratch $*"
    local start status=0
    start=$(date +%s)
    swift test --sanitize="$sanitizer" --scratch-path "$scratch" "$@" >"$log" 2>&1 || status=$?
    local elapsed=$(($(date +%s) - start))
    local reports tests issues
    reports=$(grep -cE '^(==[0-9]+==ERROR: AddressSanitizer|==[0-9]+==ERROR: LeakSanitizer|WARNING: ThreadSanitizer)' "$log" || true)
    tests=$(grep -oE 'Test run with [0-9]+ tests?' "$log" | tail -n 1 | grep -oE '[0-9]+' || true)
    issues=$(grep -E 'Test run with [0-9]+ tests?' "$log" | tail -n 1 | grep -oE 'with [0-9]+ issues?' | grep -oE '[0-9]+' || true)
    local xctest
    xctest=$(grep -E 'Executed [0-9]+ tests?, with [0-9]+ failures?' "$log" | tail -n 1 | sed -E 's/.*(Executed [0-9]+ tests?, with [0-9]+ failures?).*/\1/' || true)
    local built=""
    if ! grep -qE 'Test run with [0-9]+ tests?|Executed [0-9]+ tests?' "$log"; then built=" (BUILD FAILED or no tests ran)"; fi
    local line="$name: exit $status$built, ${tests:-?} Swift Testing tests (${issues:-0} issues)${xctest:+, XCTest: $xctest}, $reports sanitizer reports, ${elapsed} s (log: $log)"
    echo "$line"
    if [ "$reports" -gt 0 ]; then
        grep -E -A 12 '^(==[0-9]+==ERROR: |WARNING: ThreadSanitizer)' "$log" | head -n 40
    fi
    if [ "$status" -ne 0 ] && [ "$reports" -eq 0 ]; then
        grep -E '✘|error:|failed|Fatal error' "$log" | head -n 20
    fi
    summaries+=("$line")
    if [ "$status" -ne 0 ] || [ "$reports" -gt 0 ]; then overall=1; fi
}

if [ "$run_asan" = 1 ]; then
    # LeakSanitizer is off unless ASAN_OPTIONS says otherwise: at exit it reports objects of
    # XCTest's runner and FoundationEssentials' Data(contentsOf:) (toolchain code), and its
    # report makes every drv-payments child process of the tool tests exit 1, which fails those
    # tests for a reason that is not theirs. ASAN_OPTIONS=detect_leaks=1 turns it on.
    ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0} run_suite AddressSanitizer address .build-asan
fi
if [ "$run_tsan" = 1 ]; then
    filter_args=()
    [ -n "$tsan_filter" ] && filter_args=(--filter "$tsan_filter")
    TSAN_OPTIONS="suppressions=$fuzz_dir/tsan.supp ${TSAN_OPTIONS:-}" \
        run_suite ThreadSanitizer thread .build-tsan "${filter_args[@]}"
fi

echo
echo "== sanitizer summary"
printf '%s\n' "${summaries[@]}"
exit "$overall"
