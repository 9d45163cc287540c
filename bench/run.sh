#!/usr/bin/env bash
# Benchmark: civic-archive vs Hugo on the same generated articles.
#
#   bash bench/run.sh [sizes...]          default: 1000 10000 100000
#
# For each size N it generates N raw articles (deterministic, seed $SEED)
# and the same N articles as Hugo Markdown pages, builds both, and prints a
# Markdown table of wall time, CPU time (user+sys) and peak RSS, measured
# with /usr/bin/time -v. Sizes below 100,000 take the median-wall run of
# $RUNS (default 3); larger sizes run once. Neither tool minifies HTML.
# It also times a rebuild after one article changed, in the same process
# (what `serve` does), with examples/rebuild.rs; at 100k only with
# REBUILD_100K=1.
#
# Everything goes to bench/out/ (git-ignored). Corpora are kept and reused
# while the generator (src/corpus.rs), N and the seed are unchanged; each
# timed run writes a new site, and all of them are deleted when the bench
# ends, unless KEEP_OUTPUT=1. Disk: about 9 KB per article per tool for the
# corpus, and about 90 KB per article per run for the sites (10k with 3
# runs: ~3 GB; 100k: ~9 GB), all held until the end.
#
# Environment: SEED (1), RUNS (3), KEEP_OUTPUT (0), NO_HUGO=1 to skip Hugo,
# BENCH_SITES (where built sites go; default $TMPDIR/civic-archive-bench).

set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out="$root/bench/out"
mkdir -p "$out"
# Built sites go outside the repository: on an ext4 disk that has seen much
# churn, creating 10,000 folders costs several times more in some places
# than in others (measured 7x between two folders of this machine), and
# both tools should write where the disk is quick.
sites="${BENCH_SITES:-${TMPDIR:-/tmp}/civic-archive-bench}"
mkdir -p "$sites"

SEED="${SEED:-1}"
RUNS="${RUNS:-3}"
KEEP_OUTPUT="${KEEP_OUTPUT:-0}"
if [ "$#" -gt 0 ]; then sizes=("$@"); else sizes=(1000 10000 100000); fi
for n in "${sizes[@]}"; do
    case "$n" in
        '' | *[!0-9]*) echo "error: size '$n' is not a number of articles" >&2; exit 2 ;;
    esac
done

say() { echo "bench: $*" >&2; }

# --- tools ----------------------------------------------------------------

apt_install() {
    # Only as root, and only Debian packages; a failure is reported, not fatal.
    if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
        return 1
    fi
    if [ -z "${apt_updated:-}" ]; then
        apt-get update -qq >/dev/null 2>&1 || return 1
        apt_updated=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1
}

if [ ! -x /usr/bin/time ]; then
    say "installing GNU time (/usr/bin/time)"
    apt_install time || { echo "error: /usr/bin/time is missing and could not be installed (apt-get install time)" >&2; exit 1; }
fi

hugo_skip=""
if [ "${NO_HUGO:-0}" = 1 ]; then
    hugo_skip="NO_HUGO=1"
elif ! command -v hugo >/dev/null; then
    say "installing hugo (Debian package)"
    apt_install hugo || true
    command -v hugo >/dev/null || hugo_skip="hugo is not installed and apt-get install hugo failed"
fi
[ -n "$hugo_skip" ] && say "skipping the Hugo columns: $hugo_skip"

say "building the release binary"
cargo build --release --quiet --bin civic-archive --example rebuild
bin="$root/target/release/civic-archive"
rebuild_bin="$root/target/release/examples/rebuild"

# --- measuring --------------------------------------------------------------

# Every timed run writes into a folder that did not exist, and no built
# site is removed until the whole bench is over. This machine's ext4 has no
# journal, and without one the kernel skips inodes freed in the last 1-5
# minutes one by one when it creates files (`recently_deleted` in
# fs/ext4/ialloc.c): a build just after a big `rm -rf` spent over half its
# CPU time there. Removing sites between runs made every number depend on
# what was deleted before it.
made=()
cleanup() {
    if [ "$KEEP_OUTPUT" != 1 ] && [ "${#made[@]}" -gt 0 ]; then
        say "removing the built sites"
        rm -rf "${made[@]}"
    fi
}
trap cleanup EXIT

# measure_into VAR LABEL RUNS DEST -- CMD...: run CMD RUNS times, the word
# @OUT@ in it replaced by DEST.1, DEST.2, ... (new folders); set VAR to
# "wall cpu rss_kib user system" of the median-wall run, or to "fail". (A variable, not
# printed output: a $(...) subshell would lose the list of made folders.)
measure_into() {
    local var="$1" label="$2" runs="$3" dest="$4"
    shift 5
    local results=() i tv run_out arg cmd
    for ((i = 1; i <= runs; i++)); do
        run_out="$dest.$i"
        rm -rf "$run_out" # only a leftover of an earlier, interrupted bench
        made+=("$run_out")
        cmd=()
        for arg in "$@"; do cmd+=("${arg//@OUT@/$run_out}"); done
        tv="$out/time.$$"
        if ! /usr/bin/time -v -o "$tv" "${cmd[@]}" >"$out/$label.log" 2>&1; then
            say "$label failed; its output is in bench/out/$label.log"
            tail -n 5 "$out/$label.log" >&2 || true
            printf -v "$var" '%s' fail
            return
        fi
        results+=("$(awk -F': ' '
            /Elapsed \(wall clock\)/ {
                n = split($2, p, ":"); w = 0
                for (k = 1; k <= n; k++) w = w * 60 + p[k]
            }
            /User time/ { u = $2 } /System time/ { s = $2 }
            /Maximum resident set size/ { m = $2 }
            END { printf "%.2f %.2f %d %.2f %.2f\n", w, u + s, m, u, s }' "$tv")")
        rm -f "$tv"
    done
    printf -v "$var" '%s' "$(printf '%s\n' "${results[@]}" | sort -n -k1,1 |
        awk -v m=$(((runs + 1) / 2)) 'NR == m')"
}

mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }

rows=()
gen_hash="$(cat src/corpus.rs Cargo.lock | sha256sum | cut -c1-16)"
for n in "${sizes[@]}"; do
    corpus="$out/corpus-$n"
    hugo_site="$out/hugo-$n"
    stamp="$out/corpus-$n.stamp"
    want="n=$n seed=$SEED gen=$gen_hash"
    if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
        say "generating $n articles (seed $SEED)"
        rm -rf "$corpus" "$hugo_site" "$stamp"
        mkdir -p "$hugo_site"
        "$bin" gen-corpus --articles "$n" --seed "$SEED" --out "$corpus" \
            --hugo "$hugo_site/content/bai-viet"
        echo "$want" >"$stamp"
    else
        say "reusing the $n-article corpus"
    fi
    cp bench/hugo/config.toml "$hugo_site/config.toml"
    rm -rf "$hugo_site/themes" && cp -r bench/hugo/themes "$hugo_site/themes"

    runs=$RUNS
    [ "$n" -ge 100000 ] && runs=1
    site="$sites/site-$n"
    say "timing civic-archive build on $n articles ($runs run(s))"
    measure_into ours "ours-$n" "$runs" "$site" -- \
        "$bin" build --content "$corpus" --output @OUT@ --quiet
    # A rebuild after one article changed, as `serve` does one: the median
    # of 5, each after adding a sentence to the same article (in its body).
    # Then the median of 5 after adding a sentence that brings the
    # article a new event, which link must place.
    rebuild="-"
    refact="-"
    if [ "$n" -lt 100000 ] || [ "${REBUILD_100K:-0}" = 1 ]; then
        say "timing a rebuild after one article changed ($n articles)"
        rm -rf "$site.rebuild"
        made+=("$site.rebuild")
        if lines=$("$rebuild_bin" "$corpus" "$site.rebuild" 5 2>>"$out/rebuild-$n.log"); then
            echo "$lines" >>"$out/rebuild-$n.log"
            rebuild=$(sed -n '1s/.*median \([0-9.]*\) s.*/\1/p' <<<"$lines")
            refact=$(sed -n '2s/.*median \([0-9.]*\) s.*/\1/p' <<<"$lines")
        else
            say "rebuild measurement failed; see bench/out/rebuild-$n.log"
        fi
    fi
    if [ -n "$hugo_skip" ]; then
        theirs="skip"
    else
        say "timing hugo on $n articles ($runs run(s))"
        measure_into theirs "hugo-$n" "$runs" "$sites/hugo-$n" -- \
            hugo --quiet --source "$hugo_site" --destination @OUT@
        made+=("$hugo_site/resources")
    fi

    # "wall cpu rss user system" -> three table cells, the CPU time split
    # into user + system; "fail"/"skip" -> that word and dashes.
    cells() {
        if [ "$#" -eq 5 ]; then echo "$1 | $2 ($4 + $5) | $(mib "$3")"; else echo "$1 | - | -"; fi
    }
    ratio="-"
    read -r ow _ <<<"$ours"
    read -r hw _ <<<"$theirs"
    if [[ "$ow" != fail && "$hw" != fail && "$hw" != skip ]]; then
        ratio=$(awk -v a="$ow" -v b="$hw" 'BEGIN { if (b > 0) printf "%.2f×", a / b; else print "-" }')
    fi
    # shellcheck disable=SC2086 # word splitting of "wall cpu rss user system" is the point
    share() {
        if [[ "$1" != - && "$ow" != fail ]]; then
            awk -v r="$1" -v f="$ow" 'BEGIN { if (f > 0) printf "%.0f %%", 100 * r / f; else print "-" }'
        else
            echo "-"
        fi
    }
    rows+=("| $n | $(cells $ours) | $rebuild | $(share "$rebuild") | $refact | $(share "$refact") | $(cells $theirs) | $ratio |")
done

# --- report -------------------------------------------------------------------

{
    echo "civic-archive $(git describe --always --dirty 2>/dev/null || echo '?') vs $(hugo version 2>/dev/null | cut -d' ' -f2 || echo 'no hugo'), $(nproc) cores, seed $SEED, $(date -u +%Y-%m-%d)"
    echo "Neither tool minifies its HTML; median-wall of $RUNS runs below 100k, one run at 100k+. Rebuild: one article changed, same process (as serve), median of 5; then one article given a new fact (an event), median of 5."
    echo
    echo "| articles | ours wall s | ours CPU s (user + system) | ours peak MiB | rebuild s | rebuild / full | rebuild, new fact s | / full | Hugo wall s | Hugo CPU s (user + system) | Hugo peak MiB | ours/Hugo (wall) |"
    echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    printf '%s\n' "${rows[@]}"
} | tee "$out/results.md"
say "table saved to bench/out/results.md"
