#!/usr/bin/env bash
# Runs every test: format and lint, native tests, wasm tests in headless Chromium and
# Firefox, the release build, the TypeScript check of the README example, and the page
# tests in headless Chromium and Firefox. Installs whatever is missing first
# (scripts/setup.sh). BROWSERS=chromium (or firefox) narrows the browser tests to one
# browser, for development; the default and CI run both.
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

browsers=",${BROWSERS:-chromium,firefox},"
if [[ $browsers == *,chromium,* ]]; then
  step "wasm tests in headless Chromium"
  wasm-pack test --headless --chrome -- --test web --test web_workspace
  wasm-pack test --headless --chrome -- --features import --test web_import
fi
if [[ $browsers == *,firefox,* ]]; then
  step "wasm tests in headless Firefox (geckodriver from ~/.cargo/bin)"
  wasm-pack test --headless --firefox -- --test web --test web_workspace
  wasm-pack test --headless --firefox -- --features import --test web_import
fi

step "PowerShell we ship and write, parsed with tree-sitter-powershell"
bash tests/powershell/run.sh

step "release build of the package"
bash scripts/build.sh

step "TypeScript: the README example and misuse checks, tsc --strict"
node tests/types/check.mjs

step "page tests in headless ${BROWSERS:-chromium,firefox}"
node --test --test-concurrency=1 tests/e2e/
