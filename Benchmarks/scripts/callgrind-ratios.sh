#!/usr/bin/env bash
# Instruction counts of the release build under callgrind, as multiples of the bare libxml2 SAX
# parse of the same document, with the targets of issue 16. Instruction counts do not drift with
# the machine's load, so these ratios are comparable between runs and machines.
#
#   Benchmarks/scripts/callgrind-ratios.sh              # build (release) and measure everything
#   BIN=/some/dir Benchmarks/scripts/callgrind-ratios.sh  # measure binaries built elsewhere
#   ONLY="floor decode" Benchmarks/scripts/callgrind-ratios.sh  # a subset (xml operations, handler)
#
# Fixed sizes: 1,000 payments (571 KB), 3 iterations inside `xml_benchmarks_profiled_work` for
# the XMLCoding operations, 1 for XMLCoder; the handler is the difference of two whole-process
# runs (HANDLER_SMALL and HANDLER_LARGE requests) divided by the difference in requests, because
# its work resumes on executor threads outside any function callgrind could toggle on.
# `encode-response` is the handler's 4.7 KB response encoded RESPONSES times (default 1,000) inside
# `ledger_benchmarks_profiled_work`: the per-call cost of encoding a small message.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
scratch="${SCRATCH:-$here/.build-bench}"
bin="${BIN:-$scratch/release}"
out="${OUT:-$(mktemp -d)}"
mkdir -p "$out"
payments="${PAYMENTS:-1000}"
iterations="${ITERATIONS:-3}"
handler_small="${HANDLER_SMALL:-200}"
handler_large="${HANDLER_LARGE:-600}"
responses="${RESPONSES:-1000}"
only="${ONLY:-floor decode encode validate validate-decode validate-compiled-decode xmlcoder-decode xmlcoder-encode handler encode-response}"

if [[ -z "${BIN:-}" ]]; then
    (cd "$here" && swift build -c release --scratch-path "$scratch" --product xml-benchmarks >&2 \
        && swift build -c release --scratch-path "$scratch" --product ledger-benchmarks >&2)
fi

# Total instructions collected in a callgrind output file.
instructions() { awk '/^(summary|totals):/ { print $2; exit }' "$1"; }

declare -A count
# FLOOR=instructions reuses a floor counted earlier (the floor does not change with the library).
[[ -n "${FLOOR:-}" ]] && count[floor]=$FLOOR
for op in $only; do
    [[ "$op" == handler || "$op" == encode-response ]] && continue
    runs=$iterations
    [[ "$op" == xmlcoder-* ]] && runs=1
    echo "callgrind: $op ($payments payments × $runs)" >&2
    valgrind --tool=callgrind '--toggle-collect=*xml_benchmarks_profiled_work*' \
        --callgrind-out-file="$out/callgrind.$op" "$bin/xml-benchmarks" --profile "$op" "$payments" "$runs" \
        >"$out/$op.log" 2>&1
    count[$op]=$(( $(instructions "$out/callgrind.$op") / runs ))
done
if [[ " $only " == *" handler "* ]]; then
    for n in "$handler_small" "$handler_large"; do
        echo "callgrind: handler, whole process, $n requests" >&2
        valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.handler.$n" \
            "$bin/ledger-benchmarks" --profile handler "$n" >"$out/handler.$n.log" 2>&1
    done
    small=$(instructions "$out/callgrind.handler.$handler_small")
    large=$(instructions "$out/callgrind.handler.$handler_large")
    count[handler]=$(( (large - small) / (handler_large - handler_small) ))
fi

if [[ " $only " == *" encode-response "* ]]; then
    echo "callgrind: the handler's response encoded $responses times" >&2
    valgrind --tool=callgrind '--toggle-collect=*profiled_work*' \
        --callgrind-out-file="$out/callgrind.encode-response" "$bin/ledger-benchmarks" --profile encode-response \
        "$responses" >"$out/encode-response.log" 2>&1
    count[encode-response]=$(( $(instructions "$out/callgrind.encode-response") / responses ))
fi

echo "callgrind instruction counts, release build, $payments payments × $iterations ($(cat /proc/loadavg | cut -d' ' -f1-3) load, which does not matter here)"
echo "files: $out"
printf '%-34s %16s %10s %12s  %s\n' "operation" "instructions" "× floor" "target" "verdict"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
verdict() { awk -v v="$1" -v t="$2" -v d="$3" 'BEGIN { if ((d == "le" && v <= t) || (d == "ge" && v >= t)) print "PASS"; else print "MISS" }'; }
row() { # name key target direction
    local key=$2 value
    [[ -z "${count[$key]:-}" ]] && return
    if [[ -n "${count[floor]:-}" && "$key" != handler ]]; then
        value=$(ratio "${count[$key]}" "${count[floor]}")
        local target=""
        [[ -n "${3:-}" ]] && target="$([[ $4 == le ]] && echo "≤" || echo "≥")$3×"
        printf '%-34s %16d %9s× %12s  %s\n' "$1" "${count[$key]}" "$value" "$target" \
            "${3:+$(verdict "$value" "$3" "$4")}"
    else
        printf '%-34s %16d %10s\n' "$1" "${count[$key]}" "-"
    fi
}
row "libxml2 SAX2 floor" floor
row "XMLCoding decode" decode 2.2 le
row "XMLCoding encode" encode 1.3 le
row "XMLCoding validate (bytes)" validate
row "XMLCoding validate (libxml2) + decode" validate-decode
row "XMLCoding validate (compiled) + decode" validate-compiled-decode 3.0 le
row "XMLCoder 0.18.2 decode" xmlcoder-decode
row "XMLCoder 0.18.2 encode" xmlcoder-encode
if [[ -n "${count[xmlcoder-decode]:-}" && -n "${count[decode]:-}" ]]; then
    r=$(ratio "${count[xmlcoder-decode]}" "${count[decode]}")
    printf '%-34s %16s %10s %12s  %s\n' "XMLCoder decode / ours" "" "$r×" "≥30×" "$(verdict "$r" 30 ge)"
fi
if [[ -n "${count[xmlcoder-encode]:-}" && -n "${count[encode]:-}" ]]; then
    r=$(ratio "${count[xmlcoder-encode]}" "${count[encode]}")
    printf '%-34s %16s %10s %12s  %s\n' "XMLCoder encode / ours" "" "$r×" "≥40×" "$(verdict "$r" 40 ge)"
fi
if [[ -n "${count[encode-response]:-}" ]]; then
    printf '%-34s %16d %10s %12s  %s\n' "handler response encode, a call" "${count[encode-response]}" "" "≤250000" \
        "$(verdict "${count[encode-response]}" 250000 le)"
fi
if [[ -n "${count[handler]:-}" ]]; then
    printf '%-34s %16d %10s %12s  %s\n' "handler, instructions a request" "${count[handler]}" "" "≤700000" \
        "$(verdict "${count[handler]}" 700000 le)"
fi
