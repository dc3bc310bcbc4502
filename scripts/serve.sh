#!/usr/bin/env bash
# The main job: installs what is missing, builds the wasm package, and serves the admin
# page (with its built-in sample) on 127.0.0.1, printing the URL. PORT picks the port.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
exec node scripts/serve.mjs "${PORT:-8080}"
