#!/usr/bin/env bash
# Builds the wasm packages into www/pkg and www/pkg-import (release) and shrinks it with the npm package's
# wasm-opt (wasm-pack's own would be downloaded from GitHub, which is unreachable here).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
# Two modules: www/pkg is what the page loads before it can show data; www/pkg-import adds
# the importers (the `import` feature) and is loaded only when an import is first asked for.
wasm-pack -q build --release --target web --out-dir www/pkg
node_modules/.bin/wasm-opt www/pkg/ipam_failover_bg.wasm -Os -o www/pkg/ipam_failover_bg.wasm
wasm-pack -q build --release --target web --out-dir www/pkg-import -- --features import
node_modules/.bin/wasm-opt www/pkg-import/ipam_failover_bg.wasm -Os -o www/pkg-import/ipam_failover_bg.wasm
