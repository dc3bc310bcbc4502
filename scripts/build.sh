#!/usr/bin/env bash
# Builds the wasm packages into www/pkg and www/pkg-import (release) and shrinks them with
# the npm package's wasm-opt (wasm-pack's own would be downloaded from GitHub, which is
# unreachable here).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
# Two modules: www/pkg is what the page loads before it can show data (no default
# features: no JavaScript-object table readers, no change-set exports); www/pkg-import is
# the whole API (default features plus the `import` feature), loaded only when an import,
# a check or a change-set export is first asked for.
# www/pkg uses the `page` profile (opt-level "z") and wasm-opt -Oz: smallest first.
wasm-pack -q build --profile page --target web --out-dir www/pkg -- --no-default-features
node_modules/.bin/wasm-opt www/pkg/ipam_failover_bg.wasm -Oz --converge -o www/pkg/ipam_failover_bg.wasm
wasm-pack -q build --release --target web --out-dir www/pkg-import -- --features import
node_modules/.bin/wasm-opt www/pkg-import/ipam_failover_bg.wasm -Os -o www/pkg-import/ipam_failover_bg.wasm
