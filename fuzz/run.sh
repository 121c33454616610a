#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 60), two at a time, and copies any crashing
# input into tests/fuzz_regressions/<target>/ so `cargo test` replays it forever after.
# Needs cargo-fuzz (`cargo install cargo-fuzz`) and a nightly toolchain.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-60}"
targets=(article jsonl rules extract)
mkdir -p corpus
# Seed the corpora with the project's own inputs.
mkdir -p corpus/article corpus/extract corpus/rules corpus/jsonl
cp ../fixtures/* corpus/article/ 2>/dev/null || true
cp ../fixtures/*.txt corpus/extract/ 2>/dev/null || true
cp ../rules/*.toml ../tests/broken_rules/*.toml corpus/rules/ 2>/dev/null || true
printf '%s\n' '{"id": "a", "text": "The Observatory said 12 fighters were killed."}' > corpus/jsonl/seed.jsonl
run() {
  local t=$1
  cargo +nightly fuzz run "$t" "corpus/$t" -- -max_total_time="$seconds" -rss_limit_mb=4096 -max_len=65536 \
    > "fuzz-$t.log" 2>&1 || echo "$t: fuzzer stopped with a finding (see fuzz-$t.log)"
  grep -E "^(#[0-9]+|Done)" "fuzz-$t.log" | tail -1 | sed "s/^/$t: /"
  if compgen -G "artifacts/$t/*" > /dev/null; then
    mkdir -p "../tests/fuzz_regressions/$t"
    cp artifacts/"$t"/* "../tests/fuzz_regressions/$t/"
  fi
}
for ((i = 0; i < ${#targets[@]}; i += 2)); do
  run "${targets[i]}" &
  if (( i + 1 < ${#targets[@]} )); then run "${targets[i+1]}" & fi
  wait
done
