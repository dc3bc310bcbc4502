#!/usr/bin/env bash
# Builds the wasm package into www/pkg (release) and shrinks it with the npm package's
# wasm-opt (wasm-pack's own would be downloaded from GitHub, which is unreachable here).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
wasm-pack -q build --release --target web --out-dir www/pkg
node_modules/.bin/wasm-opt www/pkg/ipam_failover_bg.wasm -Os -o www/pkg/ipam_failover_bg.wasm
