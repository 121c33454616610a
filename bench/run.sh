#!/usr/bin/env bash
# Benchmark: contra against ripgrep running the very same pattern regexes over the same bytes.
#
#   bench/run.sh [SIZES...]        default sizes: 20000 200000 (articles)
#
# For each size it generates a deterministic corpus (examples/gen_corpus.rs, seed 7, JSON Lines),
# times `contra check --format json` and `rg -c -f <(contra rules patterns)` with hyperfine, measures
# peak RSS with /usr/bin/time -v, and prints MB/s, articles/s, peak RSS and the contra/rg ratio.
# `rg -c` counts matching lines, and a JSON Lines article is one line, so it stops reading an
# article at its first match; `rg --count-matches` finds every match, a whole pass over the bytes,
# and is timed too (rg_all_s, ratio_all).
# When ../shared (the seeds and tools) and target/devset are there, it does the same on a folder
# of real-prose articles, one .txt file each (make_bench_corpus.py: paragraphs of the seeds and
# the dev set resampled), and prints that table after the JSON Lines one. BENCH_RUNS sets
# hyperfine's runs (default 3; with 1 there is no warm-up run).
# Installs hyperfine and ripgrep from Debian's packages when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(20000 200000)
for tool in hyperfine rg; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    pkg=$tool; [ "$tool" = rg ] && pkg=ripgrep
    (apt-get install -y "$pkg" >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y "$pkg" >/dev/null; })
  fi
done
cargo build --release --locked --quiet --bin contra --example gen_corpus
contra=target/release/contra
work=${BENCH_DIR:-target/bench}
mkdir -p "$work"
"$contra" rules patterns > "$work/patterns.txt"
runs=${BENCH_RUNS:-3}
warmup=1; [ "$runs" -gt 1 ] || warmup=0
# bench_table NAME CORPUS_FOR_SIZE: one table, a row per size; CORPUS_FOR_SIZE makes the
# corpus for a size if needed and prints its path.
bench_table() {
  local name=$1 make=$2
  echo "$name"
  printf '%-9s %6s %9s %6s %6s %9s %9s %7s %10s %7s %7s\n' articles MB contra_s rg_s ratio rg_all_s ratio_all MB/s articles/s RSS_MB rg_RSS
  for n in "${sizes[@]}"; do
    corpus=$("$make" "$n")
    mb=$(du -sm "$corpus" | cut -f1)
    hyperfine --warmup "$warmup" --runs "$runs" --export-json "$work/hyperfine-$name-$n.json" \
      -n contra "$contra check $corpus --format json --exit-zero > /dev/null" \
      -n rg "rg -c -f $work/patterns.txt $corpus > /dev/null || true" \
      -n rg_all "rg --count-matches -f $work/patterns.txt $corpus > /dev/null || true" > "$work/hyperfine-$name-$n.txt"
    read -r contra_s rg_s rg_all_s < <(python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results']; print(r[0]['mean'], r[1]['mean'], r[2]['mean'])" "$work/hyperfine-$name-$n.json")
    rss=$( { /usr/bin/time -v "$contra" check "$corpus" --format json --exit-zero > /dev/null; } 2>&1 | awk '/Maximum resident/ {print int($6/1024)}')
    rg_rss=$( { /usr/bin/time -v rg -c -f "$work/patterns.txt" "$corpus" > /dev/null; } 2>&1 | awk '/Maximum resident/ {print int($6/1024)}')
    python3 - "$n" "$mb" "$contra_s" "$rg_s" "$rg_all_s" "$rss" "$rg_rss" <<'PY'
import sys
n, mb = int(sys.argv[1]), float(sys.argv[2])
c, r, ra = (float(x) for x in sys.argv[3:6])
rss, rg_rss = sys.argv[6], sys.argv[7]
print(f"{n:<9} {mb:6.0f} {c:9.2f} {r:6.2f} {c/r:6.1f} {ra:9.2f} {c/ra:9.1f} {mb/c:7.1f} {n/c:10.0f} {rss:>7} {rg_rss:>7}")
PY
  done
}
jsonl_corpus() {
  local corpus="$work/corpus-$1.jsonl"
  [ -f "$corpus" ] || target/release/examples/gen_corpus --articles "$1" --seed 7 --out "$corpus"
  echo "$corpus"
}
folder_corpus() {
  local corpus="$work/folder-$1"
  [ -d "$corpus" ] || python3 ../shared/tools/make_bench_corpus.py "$corpus" "$1" ../shared/seeds target/devset
  echo "$corpus"
}
bench_table "JSON Lines (generated)" jsonl_corpus
if [ -f ../shared/tools/make_bench_corpus.py ] && [ -d target/devset ]; then
  echo
  bench_table "Folder of real-prose .txt files" folder_corpus
fi
