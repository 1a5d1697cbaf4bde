#!/usr/bin/env bash
# CI smoke test of the fuzz targets: builds all four and runs each for a fixed number of inputs
# from a fixed seed, about SECONDS (default 30) on a 2-core machine.
#
#   Fuzz/smoke.sh [SECONDS]
#
# Deterministic: the same commit explores the same inputs on every machine, so a red smoke test
# reproduces with the same command, and a green one does not turn red by luck on the next run.
# Open-ended exploration is Fuzz/run.sh's job (random seed, as long as you like).
# Needs only the Swift toolchain (its clang runtime has libFuzzer and ASan) and libxml2-dev.
# Exits non-zero when a build fails or a target finds anything; the input is then in
# Fuzz/Regressions/TARGET/ (see Fuzz/README.md, "Adding a regression").
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-30}
targets=(fuzz-validator fuzz-decoder fuzz-handler fuzz-journal)

if ! pkg-config --exists libxml-2.0 2>/dev/null; then
    echo "libxml2-dev (and pkg-config) are missing; install them first (.ci/run does)" >&2
    exit 1
fi
fuzzer_runtime=$(find "$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")/lib" -name 'libclang_rt.fuzzer-*.a' -print -quit 2>/dev/null || true)
if [ -z "$fuzzer_runtime" ]; then
    echo "this Swift toolchain has no libFuzzer runtime (libclang_rt.fuzzer); use a swift.org toolchain" >&2
    exit 1
fi

echo "== building ${targets[*]}"
start=$(date +%s)
for target in "${targets[@]}"; do
    swift build -c debug --scratch-path .build-fuzz \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -use-ld=lld \
        --product "$target" 2>&1 | grep -v 'Cannot export local symbol' | tail -n 1
    [ "${PIPESTATUS[0]}" -eq 0 ] || { echo "build of $target failed" >&2; exit 1; }
done
echo "built in $(($(date +%s) - start)) s"

# Inputs per 30 s on this project's 2-core CI machines (ASan build), scaled by SECONDS.
declare -A runs_per_30s=([fuzz-validator]=60000 [fuzz-decoder]=15000 [fuzz-handler]=10000 [fuzz-journal]=9000)
seed=20261207

failed=()
summaries=()
for target in "${targets[@]}"; do
    runs=$((runs_per_30s[$target] * seconds / 30))
    # The time limit is only a backstop for a much slower machine (4x the budget).
    if output=$(FUZZ_SKIP_BUILD=1 ./run.sh "$target" "$((seconds * 4))" -seed="$seed" -runs="$runs" 2>&1); then
        :
    else
        failed+=("$target")
    fi
    printf '%s\n' "$output"
    summaries+=("$(printf '%s\n' "$output" | grep -E "^$target: " | head -n 1)")
done

echo
echo "== fuzz smoke summary (seed $seed, about ${seconds}s per target)"
printf '%s\n' "${summaries[@]}"
if [ "${#failed[@]}" -gt 0 ]; then
    echo "fuzz smoke: findings in ${failed[*]}" >&2
    exit 1
fi
echo "fuzz smoke: no findings"
