#!/usr/bin/env bash
# Run every cargo-fuzz target for a bounded time; fail on the first crash.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET]   (default 60; CI uses 60)
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`). libFuzzer wants nightly
# features; on a stable toolchain RUSTC_BOOTSTRAP=1 unlocks them. Sanitizers
# are off (-s none): they need a nightly std; the checks in fuzz/common.rs
# are assertions, which is what we fuzz for (panics, not memory errors, in
# safe Rust). A crash is saved under fuzz/artifacts/<target>/; copy it into
# tests/fixtures/robust/fuzz/ to make it a regression test.
set -euo pipefail

seconds="${1:-60}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz.sh: cargo-fuzz is not installed; run: cargo install cargo-fuzz" >&2
    exit 2
fi
export RUSTC_BOOTSTRAP=1

# Seeds: the real articles and every encoding fixture, fresh each run.
targets=$(cargo fuzz list)
for t in $targets; do
    mkdir -p "fuzz/corpus/$t"
    cp content/*.txt tests/fixtures/robust/encodings/*.txt "fuzz/corpus/$t/" 2>/dev/null || true
done

cargo fuzz build -s none -O >/dev/null

status=0
for t in $targets; do
    echo "fuzz.sh: $t for ${seconds}s"
    if ! cargo fuzz run -s none -O "$t" -- \
        -max_total_time="$seconds" -max_len=16384 -rss_limit_mb=2048 \
        -timeout=10 -print_final_stats=1 2>"fuzz/$t.log"; then
        echo "fuzz.sh: $t CRASHED; log: fuzz/$t.log, input: fuzz/artifacts/$t/" >&2
        tail -n 40 "fuzz/$t.log" >&2
        status=1
    else
        grep -E "stat::number_of_executed_units|Done" "fuzz/$t.log" | tail -n 2 || true
    fi
done
exit "$status"
