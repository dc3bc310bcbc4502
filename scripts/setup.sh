#!/usr/bin/env bash
# Installs whatever building and testing need and is missing; about 10 minutes on a fresh
# machine, under a second when everything is present. Versions are pinned:
# wasm-bindgen-cli must equal the wasm-bindgen in Cargo.lock.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[setup] %s\n' "$*"; }

# Debian's Chromium and ChromeDriver, and Firefox ESR: the two browsers of every browser
# test (without the recommended video drivers, 427 MB that headless Firefox does not use).
apt_updated=
apt_update() { [ -n "$apt_updated" ] || apt-get update -qq; apt_updated=1; }
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  say "installing chromium and chromium-driver from Debian"
  apt_update
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi
if ! command -v firefox-esr >/dev/null; then
  say "installing firefox-esr from Debian (about 10 seconds)"
  apt_update
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends firefox-esr >/dev/null
fi

# The wasm target.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

export PATH="$HOME/.cargo/bin:$PATH"
# wasm-pack, built from the crate registry (its npm package downloads from GitHub).
if ! wasm-pack --version 2>/dev/null | grep -q '0\.15\.1'; then
  say "installing wasm-pack 0.15.1 (about 2 minutes)"
  cargo install --locked wasm-pack --version 0.15.1
fi

# wasm-bindgen-cli at exactly the version in Cargo.lock.
bindgen=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
if [ -z "$bindgen" ]; then
  echo "[setup] cannot read the wasm-bindgen version from Cargo.lock" >&2
  exit 1
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q " $bindgen\$"; then
  say "installing wasm-bindgen-cli $bindgen (about 2 minutes)"
  cargo install --locked wasm-bindgen-cli --version "$bindgen" --force
fi

# geckodriver, which wasm-pack uses to run the wasm tests in Firefox (its own download of
# it comes from GitHub, which is unreachable here).
# (Its version text is several lines: read it whole, as grep -q would close the pipe early
# and geckodriver then fails writing, which pipefail would take for a missing geckodriver.)
gecko=$(geckodriver --version 2>/dev/null || true)
if [[ ${gecko%%$'\n'*} != "geckodriver 0.37.1" ]]; then
  say "installing geckodriver 0.37.1 (about 3 minutes)"
  cargo install --locked geckodriver --version 0.37.1 --force
fi

# npm tools: puppeteer-core (drives both browsers in the page tests), playwright-core (the
# benchmark's Chromium driver), axe-core, typescript, binaryen.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi

# Debian's binaryen is too old to read our output, and wasm-pack would prefer it.
if [ -x /usr/bin/wasm-opt ]; then
  say "warning: /usr/bin/wasm-opt (Debian binaryen) is installed; it cannot read our wasm. We use node_modules/.bin/wasm-opt."
fi
