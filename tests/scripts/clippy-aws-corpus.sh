#!/usr/bin/env bash
# Generates every restJson1 model of ../shared/models/aws into one scratch
# workspace and runs clippy with -D warnings over all of them. Slow (about 25
# minutes on 2 cores), so it is not part of .ci/run; run it after changes to the
# emitters. Usage: tests/scripts/clippy-aws-corpus.sh [SCRATCH_DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
scratch="${1:-${TMPDIR:-/tmp}/codegen-aws-corpus}"
models="$root/../shared/models/aws"
mkdir -p "$scratch"
cargo build --quiet --manifest-path "$root/Cargo.toml" -p codegen
codegen="$root/target/debug/codegen"
members=()
for model in "$models"/*.json; do
  name="$(basename "$model" .json)"
  grep -q '"aws.protocols#restJson1"' "$model" || continue
  "$codegen" --quiet --model "$model" --out "$scratch/$name" --crate-name "svc-$name"
  members+=("\"$name\"")
done
printf '[workspace]\nresolver = "2"\nmembers = [%s]\n' "$(IFS=,; echo "${members[*]}")" > "$scratch/Cargo.toml"
echo "generated ${#members[@]} crates in $scratch"
cd "$scratch"
CARGO_TARGET_DIR="$scratch/target" cargo clippy --keep-going --message-format=short -- -D warnings
