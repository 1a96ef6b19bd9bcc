#!/usr/bin/env bash
# Runs every test of kalc: the Swift test suites (unit, fixture and end-to-end tests of the
# real binary), then the end-to-end tests of the language server with a real LSP client
# (scripts/test-lsp.sh), and prints one closing line with the totals.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

log="$(mktemp)"
trap 'rm -f "$log"' EXIT

swift test --disable-swift-testing 2>&1 | tee "$log"
swift_status=${PIPESTATUS[0]}
summary=$(grep -E "^[[:space:]]*Executed [0-9]+ tests?, with [0-9]+ failures?" "$log" | tail -n 1)
executed=$(sed -E 's/.*Executed ([0-9]+) tests?.*/\1/' <<<"$summary")
failures=$(sed -E 's/.*with ([0-9]+) failures?.*/\1/' <<<"$summary")
executed=${executed:-0}
failures=${failures:-0}
if [ "$swift_status" -ne 0 ] && [ "$failures" -eq 0 ]; then failures=1; fi
passed=$((executed - failures))

KALC="$PWD/.build/debug/kalc" scripts/test-lsp.sh 2>&1 | tee "$log"
lsp_status=${PIPESTATUS[0]}
lsp_passed=$(grep -oE "[0-9]+ passed" "$log" | tail -n 1 | grep -oE "[0-9]+")
lsp_failed=$(grep -oE "[0-9]+ (failed|error)" "$log" | tail -n 1 | grep -oE "[0-9]+")
lsp_passed=${lsp_passed:-0}
lsp_failed=${lsp_failed:-0}
if [ "$lsp_status" -ne 0 ] && [ "$lsp_failed" -eq 0 ]; then lsp_failed=1; fi

echo "$((passed + lsp_passed)) passed, $((failures + lsp_failed)) failed"
[ "$swift_status" -eq 0 ] && [ "$lsp_status" -eq 0 ]
