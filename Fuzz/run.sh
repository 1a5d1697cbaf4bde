#!/usr/bin/env bash
# Runs one libFuzzer target for a number of seconds on a scratch copy of its corpus.
#
#   Fuzz/run.sh TARGET SECONDS [libFuzzer flags...]
#
# TARGET is fuzz-validator, fuzz-decoder, fuzz-handler or fuzz-journal. The target is built first
# (incrementally) into Fuzz/.build-fuzz. New corpus entries stay in the scratch copy
# (Fuzz/.build-fuzz/runs/TARGET/corpus), so the committed Corpus/TARGET is never changed. A crash,
# leak, timeout or out-of-memory input is written to Regressions/TARGET/ and the script exits
# non-zero. Extra arguments go to libFuzzer (e.g. -jobs=2, -max_len=65536).
set -euo pipefail
cd "$(dirname "$0")"

usage() { echo "usage: $0 fuzz-validator|fuzz-decoder|fuzz-handler|fuzz-journal SECONDS [libFuzzer flags...]" >&2; exit 2; }
[ $# -ge 2 ] || usage
target=$1
seconds=$2
shift 2
case "$target" in
    fuzz-validator | fuzz-decoder | fuzz-handler | fuzz-journal) ;;
    *) usage ;;
esac
[[ "$seconds" =~ ^[0-9]+$ ]] || usage

scratch=.build-fuzz
# -sanitize=fuzzer instruments every Swift module (the library's too) for coverage and links
# libFuzzer; -parse-as-library because the targets have no top-level code; lld because gold
# prints thousands of harmless "Cannot export local symbol" warnings for the ASan runtime.
build_flags=(-c debug --scratch-path "$scratch"
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -use-ld=lld)

if [ "${FUZZ_SKIP_BUILD:-0}" != 1 ]; then
    echo "== building $target"
    swift build "${build_flags[@]}" --product "$target" 2>&1 | grep -v 'Cannot export local symbol' | tail -n 3
    [ "${PIPESTATUS[0]}" -eq 0 ] || { echo "build of $target failed" >&2; exit 1; }
fi
binary="$(swift build "${build_flags[@]}" --show-bin-path)/$target"

run_dir="$scratch/runs/$target"
rm -rf "$run_dir"
mkdir -p "$run_dir/corpus" "Regressions/$target"
cp Corpus/"$target"/* "$run_dir/corpus/" 2>/dev/null || true
find "$run_dir/corpus" -maxdepth 1 -type f \( -name '.gitkeep' -o -name 'README*' \) -delete

target_flags=()
case "$target" in
    fuzz-validator | fuzz-decoder) target_flags=(-dict=xml.dict) ;;
    # The handler's Task, and the journal's file handles and Foundation's caches, are freed later
    # or elsewhere, so every input looks like a malloc/free imbalance and libFuzzer runs a full
    # LeakSanitizer scan after each one (20-100x slower; no leak was ever found by those scans).
    # fuzz-validator and fuzz-decoder keep leak detection for the parsing and coding code.
    fuzz-handler) target_flags=(-dict=xml.dict -detect_leaks=0) ;;
    fuzz-journal) target_flags=(-detect_leaks=0) ;;
esac

before=$(find "Regressions/$target" -type f ! -name '.gitkeep' ! -name 'README*' | wc -l)
echo "== running $target for ${seconds}s (log: Fuzz/$run_dir/fuzz.log)"
status=0
# -timeout: one input running longer than 10 s is a hang. -rss_limit_mb: 2 GiB is far above
# what any input of a few KiB should need. -print_final_stats gives the execution count.
"$binary" "$run_dir/corpus" "${target_flags[@]}" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="Regressions/$target/" "$@" >"$run_dir/fuzz.log" 2>&1 || status=$?
after=$(find "Regressions/$target" -type f ! -name '.gitkeep' ! -name 'README*' | wc -l)

runs=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+)/\1/p' "$run_dir/fuzz.log" | tail -n 1)
elapsed=$(sed -nE 's/^Done [0-9]+ runs in ([0-9]+) second.*/\1/p' "$run_dir/fuzz.log" | tail -n 1)
coverage=$(grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[0-9]+[a-zA-Z]*' "$run_dir/fuzz.log" | tail -n 1 || true)
findings=$((after - before))
echo "$target: ${runs:-?} executions in ${elapsed:-$seconds} s, ${coverage:-no coverage line}, findings: $findings, exit $status"
if [ "$status" -eq 72 ] && [ "$findings" -eq 0 ]; then
    echo "$target: interrupted" >&2  # libFuzzer's -interrupted_exitcode: SIGINT or SIGTERM
    exit 130
fi
if [ "$status" -ne 0 ] || [ "$findings" -gt 0 ]; then
    grep -E 'ERROR: |Fatal error|SUMMARY|Test unit written|^    #[0-9]+ ' "$run_dir/fuzz.log" | head -n 40 >&2 || true
    echo "$target: FINDING, see Fuzz/$run_dir/fuzz.log and Fuzz/Regressions/$target/" >&2
    exit 1
fi
