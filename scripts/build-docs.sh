#!/usr/bin/env bash
# Builds the DocC documentation of the public modules (XMLCoding, StringPayments, BankStatements,
# PaymentLedger).
#
#   scripts/build-docs.sh           builds docs-build/<Module>.doccarchive for each module
#   scripts/build-docs.sh --check   fails on any DocC warning (an unresolved ``Symbol`` link, a
#                                   broken <doc:Article> reference, an ambiguous overload, ...),
#                                   after checking every module; the archives go to a temporary
#                                   folder that is removed again
#
# Runs from any working directory. The library modules are compiled once, into .build-docs
# (override with DOCS_SCRATCH_PATH), and emit their symbol graphs (public declarations only) while
# compiling. Each catalog DocC/<Module>.docc is converted with exactly its module's symbol graphs
# (<Module>.symbols.json and any extension graphs <Module>@Other.symbols.json). Set DOCC to use
# another docc than the one on PATH or beside swift.
#
# StringPayments links to XMLCoding with absolute symbol links (``/XMLCoding/XMLCodingError``):
# XMLCoding is converted first with DocC's external-link support and passed to the StringPayments
# conversion as a --dependency; BankStatements gets both XMLCoding and StringPayments the same way.
# That is why the modules are listed bottom-up: each conversion gets every archive before it.
set -euo pipefail

usage() {
    sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

check=false
for argument in "$@"; do
    case "$argument" in
        --check) check=true ;;
        -h | --help)
            usage
            exit 0
            ;;
        *)
            echo "build-docs.sh: unknown argument '$argument'" >&2
            usage >&2
            exit 64
            ;;
    esac
done

repository="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repository"

# Bottom-up: a module's dependencies come before it.
modules=(XMLCoding StringPayments BankStatements PaymentLedger)
scratch="${DOCS_SCRATCH_PATH:-$repository/.build-docs}"

docc="${DOCC:-}"
if [ -z "$docc" ]; then
    if command -v docc >/dev/null 2>&1; then
        docc="$(command -v docc)"
    elif command -v xcrun >/dev/null 2>&1 && xcrun --find docc >/dev/null 2>&1; then
        docc="$(xcrun --find docc)"
    else
        # Beside the swift driver of the toolchain in use.
        docc="$(dirname "$(readlink -f "$(command -v swift)")")/docc"
    fi
fi
if [ ! -x "$docc" ]; then
    echo "build-docs.sh: docc not found (looked on PATH and beside swift); set DOCC=/path/to/docc" >&2
    exit 69
fi

if $check; then
    output="$(mktemp -d "${TMPDIR:-/tmp}/build-docs-check.XXXXXX")"
    trap 'rm -rf "$output"' EXIT
else
    output="$repository/docs-build"
    mkdir -p "$output"
fi

# One build of the library modules, emitting their symbol graphs (public declarations only) as
# they compile. Extensions of other modules' types go into the module's own graph as extension
# blocks, so every module has exactly one graph file. An up-to-date module is not recompiled and
# keeps the graph of its last compile, which is why the graph folder is never cleared; should a
# graph be missing anyway, the scratch build is discarded and made once more.
graphs="$scratch/symbol-graphs"
build_log="$scratch/build-docs-swift-build.log"
build_modules() {
    mkdir -p "$graphs"
    : >"$build_log"
    # One build per module: not every module depends on all the others (BankStatements and
    # PaymentLedger are siblings), and an up-to-date target costs next to nothing.
    local module
    for module in "${modules[@]}"; do
        swift build --scratch-path "$scratch" --target "$module" \
            -Xswiftc -emit-symbol-graph \
            -Xswiftc -emit-symbol-graph-dir -Xswiftc "$graphs" \
            -Xswiftc -symbol-graph-minimum-access-level -Xswiftc public \
            -Xswiftc -emit-extension-block-symbols \
            >>"$build_log" 2>&1 || {
            cat "$build_log" >&2
            echo "build-docs.sh: building the modules failed" >&2
            exit 1
        }
    done
}
graphs_complete() {
    local module
    for module in "${modules[@]}"; do
        [ -f "$graphs/$module.symbols.json" ] || return 1
    done
}

echo "== build ${modules[*]} with symbol graphs (scratch path $scratch)"
mkdir -p "$scratch"
build_modules
if ! graphs_complete; then
    echo "== symbol graphs missing from an earlier build; rebuilding from scratch"
    rm -rf "$scratch"
    mkdir -p "$scratch"
    build_modules
    if ! graphs_complete; then
        echo "build-docs.sh: the build wrote no symbol graph for some module into $graphs" >&2
        exit 1
    fi
fi

total_warnings=0
dependencies=()
built=()
for module in "${modules[@]}"; do
    catalog="DocC/$module.docc"
    if [ ! -d "$catalog" ]; then
        echo "build-docs.sh: missing catalog $catalog" >&2
        exit 1
    fi
    # Only this module's graphs: its own and its extensions of other modules' types.
    module_graphs="$scratch/docc-symbol-graphs/$module"
    rm -rf "$module_graphs"
    mkdir -p "$module_graphs"
    cp "$graphs/$module.symbols.json" "$module_graphs/"
    for extension_graph in "$graphs/$module@"*.symbols.json; do
        [ -e "$extension_graph" ] && cp "$extension_graph" "$module_graphs/"
    done

    lowercase_module="$(printf '%s' "$module" | tr '[:upper:]' '[:lower:]')"
    archive="$output/$module.doccarchive"
    rm -rf "$archive"
    arguments=(
        convert "$catalog"
        --additional-symbol-graph-dir "$module_graphs"
        --fallback-display-name "$module"
        --fallback-bundle-identifier "de.drv.string.$lowercase_module"
        --output-path "$archive"
        --enable-experimental-external-link-support
    )
    for dependency in "${dependencies[@]+"${dependencies[@]}"}"; do
        arguments+=(--dependency "$dependency")
    done
    # Warnings are counted rather than made errors with --warnings-as-errors: with that flag DocC
    # writes no archive on a warning, and the next module needs this one as its --dependency, so
    # one run could not report the warnings of every module.
    echo "== docc convert $catalog"
    log="$scratch/docc-$module.log"
    status=0
    "$docc" "${arguments[@]}" >"$log" 2>&1 || status=$?
    warnings="$(grep -Ec '^(warning|error): ' "$log" || true)"
    if [ "$status" -ne 0 ] || [ "$warnings" -ne 0 ]; then
        # DocC's diagnostics, with their source excerpts; not its progress chatter.
        grep -Ev '^(Finished|Converting|Processing|Documentation)' "$log" >&2 || true
    fi
    echo "$module: $warnings warning(s)"
    total_warnings=$((total_warnings + warnings))
    if [ "$status" -ne 0 ]; then
        echo "build-docs.sh: docc convert failed for $module (exit $status)" >&2
        exit "$status"
    fi
    dependencies+=("$archive")
    built+=("$archive")
done

if [ "$total_warnings" -ne 0 ]; then
    echo "build-docs.sh: $total_warnings DocC warning(s)" >&2
    if $check; then
        exit 1
    fi
fi

if $check; then
    echo "documentation: ${modules[*]} built with 0 warnings (check mode, nothing kept)"
else
    for archive in "${built[@]}"; do
        echo "built ${archive#"$repository/"}"
    done
fi
