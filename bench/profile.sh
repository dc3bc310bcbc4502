#!/usr/bin/env bash
# Profiles the benchmark with wasm function names: re-runs wasm-bindgen and wasm-opt -g on
# the release artifact that scripts/build.sh left in target/ (same code as www/pkg-import, names
# kept) into bench/results/pkg-names, then runs the bench with a CPU profile against it.
# Usage: bash scripts/build.sh && bash bench/profile.sh [run.mjs options]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
wasm=target/wasm32-unknown-unknown/release/ipam_failover.wasm
out=bench/results/pkg-names
[ -f "$wasm" ] || { echo "$wasm is missing: run bash scripts/build.sh first" >&2; exit 2; }
rm -rf "$out" && mkdir -p "$out"
wasm-bindgen --target web --out-dir "$out" "$wasm"
node_modules/.bin/wasm-opt -g -Os "$out/ipam_failover_bg.wasm" -o "$out/ipam_failover_bg.wasm"
exec node bench/run.mjs --profile --pkg "/$out/ipam_failover.js" "$@"
