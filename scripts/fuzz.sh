#!/usr/bin/env bash
# Runs each libFuzzer target for a bounded time: scripts/fuzz.sh BUILD SECONDS TARGET...
# The seeds in tests/fuzz/TARGET/ are read only; what the fuzzer learns goes to BUILD/fuzz-corpus/TARGET (kept
# between runs), a crashing input to BUILD/fuzz-crashes/. Exits non-zero when any target found something.
set -euo pipefail
cd "$(dirname "$0")/.."
build=$1 seconds=$2
shift 2
failed=()
for target in "$@"; do
  corpus="$build/fuzz-corpus/$target"
  crashes="$build/fuzz-crashes"
  mkdir -p "$corpus" "$crashes"
  args=(-max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1
        -artifact_prefix="$crashes/$target-")
  [[ -f "tests/fuzz/$target.dict" ]] && args+=(-dict="tests/fuzz/$target.dict")
  echo "fuzz: $target for ${seconds}s"
  if ! "$build/tests/fuzz/fuzz_$target" "${args[@]}" "$corpus" "tests/fuzz/$target" \
      >"$build/fuzz-$target.log" 2>&1; then
    failed+=("$target")
    tail -n 60 "$build/fuzz-$target.log"
  fi
  grep -E '^stat::number_of_executed_units|^Done' "$build/fuzz-$target.log" || true
done
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "fuzz: ${failed[*]} failed; inputs in $build/fuzz-crashes/, logs in $build/fuzz-TARGET.log" >&2
  exit 1
fi
echo "fuzz: $# targets ran ${seconds}s each without a finding"
