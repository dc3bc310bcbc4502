#!/usr/bin/env bash
# Runs every test: format and lint, native tests, wasm tests in headless Chromium, the
# release build, the TypeScript check of the README example, and the page tests in
# headless Chromium. Installs whatever is missing first (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH" RUST_BACKTRACE=0

step() { printf '\n== %s\n' "$*"; }

step "format and lint (native and wasm32)"
cargo fmt --check
cargo clippy -q --all-targets --all-features -- -D warnings
cargo clippy -q --all-targets --target wasm32-unknown-unknown -- -D warnings
cargo clippy -q --all-targets --all-features --target wasm32-unknown-unknown -- -D warnings

step "native tests"
cargo test -q --all-targets

step "wasm tests in headless Chromium"
wasm-pack test --headless --chrome -- --test web --test web_workspace
wasm-pack test --headless --chrome -- --features import --test web_import

step "PowerShell we ship and write, parsed with tree-sitter-powershell"
bash tests/powershell/run.sh

step "release build of the package"
bash scripts/build.sh

step "TypeScript: the README example and misuse checks, tsc --strict"
node tests/types/check.mjs

step "page tests in headless Chromium"
node --test --test-concurrency=1 tests/e2e/
