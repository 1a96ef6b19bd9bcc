#!/usr/bin/env bash
# Runs every test of kalc: the Swift test suites (unit, fixture and end-to-end tests of the
# real binary), then prints one closing line with the totals.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

log="$(mktemp)"
trap 'rm -f "$log"' EXIT

swift test --disable-swift-testing 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

summary=$(grep -E "^[[:space:]]*Executed [0-9]+ tests?, with [0-9]+ failures?" "$log" | tail -n 1)
executed=$(sed -E 's/.*Executed ([0-9]+) tests?.*/\1/' <<<"$summary")
failures=$(sed -E 's/.*with ([0-9]+) failures?.*/\1/' <<<"$summary")
executed=${executed:-0}
failures=${failures:-0}
if [ "$status" -ne 0 ] && [ "$failures" -eq 0 ]; then
  failures=1
fi

echo "$((executed - failures)) passed, $failures failed"
[ "$status" -eq 0 ] && [ "$failures" -eq 0 ]
