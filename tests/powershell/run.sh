#!/usr/bin/env bash
# Parses the shipped PowerShell (the collector and the export's change-set scripts for
# hostile names) with tree-sitter-powershell. Creates the venv .venv-ps on first use.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
venv="$root/.venv-ps"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import tree_sitter, tree_sitter_powershell' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$root/tests/powershell/requirements.txt"
fi
out="$root/target/export-hostile"
(cd "$root" && cargo run --quiet --example export_hostile -- "$out")
"$venv/bin/python" "$root/tests/powershell/check_ps.py" "$root" "$out"
