#!/usr/bin/env bash
# Fuzzes kalc with libFuzzer: builds Fuzz/ with the fuzzer and address sanitizers, then runs
# each fuzz target for a while, seeded with Fuzz/Corpus/<target>/ and Fuzz/Regressions/<target>/.
# (Fuzz/Corpus/syntax/ and Fuzz/Corpus/checker/ are written by scripts/generate-fuzz-corpus.py.)
#
#   scripts/fuzz.sh [target|all] [seconds per target] [extra libFuzzer options...]
#
# Targets: syntax, checker, template, schema, yaml-import, lsp (all by default; 60 seconds
# each by default). The inputs the fuzzer finds go to a temporary working corpus, so a run
# leaves the committed seeds alone; set KALC_FUZZ_KEEP=1 to keep it (its path is printed).
# A crash, hang (-timeout), runaway memory (-rss_limit_mb) or one allocation over 256 MB
# (-malloc_limit_mb: no bounded value comes close) stops the run with the input
# written to .build-fuzz/findings/<target>/; keep it under Fuzz/Regressions/<target>/ with
# a name that says what it was, and fix kalc. Exits non-zero when some target found something.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

targets=(syntax checker template schema yaml-import lsp)
selected="${1:-all}"
seconds="${2:-60}"
shift $(( $# > 2 ? 2 : $# ))
if [ "$selected" != all ]; then
    if ! printf '%s\n' "${targets[@]}" | grep -qx -- "$selected"; then
        echo "fuzz.sh: unknown target '$selected' (one of: ${targets[*]}, all)" >&2
        exit 2
    fi
    targets=("$selected")
fi

swift build -c debug --package-path Fuzz --scratch-path .build-fuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library 2>&1 \
    | grep -v "Cannot export local symbol"
[ "${PIPESTATUS[0]}" -eq 0 ] || { echo "fuzz.sh: the fuzzer did not build" >&2; exit 2; }
binary=".build-fuzz/debug/kalc-fuzz"

# Leaks of the Swift runtime at exit are not findings; crashes, hangs and memory blow-ups
# are. Short allocation stacks keep the sanitizer from spending most of the time recording them.
export ASAN_OPTIONS="detect_leaks=0:malloc_context_size=5${ASAN_OPTIONS:+:$ASAN_OPTIONS}"

failed=()
for target in "${targets[@]}"; do
    work="$(mktemp -d "${TMPDIR:-/tmp}/kalc-fuzz-$target.XXXXXX")"
    findings=".build-fuzz/findings/$target"
    mkdir -p "$findings"
    seeds=("Fuzz/Corpus/$target")
    [ -d "Fuzz/Regressions/$target" ] && seeds+=("Fuzz/Regressions/$target")
    echo "== $target: $seconds s, working corpus $work"
    KALC_FUZZ_TARGET="$target" "$binary" "$work" "${seeds[@]}" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -malloc_limit_mb=256 -max_len=16384 \
        -detect_leaks=0 -print_final_stats=1 -artifact_prefix="$findings/" "$@" 2>&1 \
        | grep -v -E "^#[0-9]+\s+(NEW|REDUCE|pulse)|NEW_FUNC"
    status=${PIPESTATUS[0]}
    [ "$status" -ne 0 ] && failed+=("$target")
    if [ "${KALC_FUZZ_KEEP:-0}" = 1 ]; then
        echo "== $target: working corpus kept in $work ($(ls "$work" | wc -l) inputs)"
    else
        rm -rf "$work"
    fi
done

if [ "${#failed[@]}" -gt 0 ]; then
    echo "fuzz.sh: findings in ${failed[*]} (inputs in .build-fuzz/findings/)" >&2
    exit 1
fi
echo "fuzz.sh: no findings in ${targets[*]}"
