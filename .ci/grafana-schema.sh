#!/usr/bin/env bash
# Installs the pinned npm packages (@grafana/schema, typescript) that the dashboard type check in
# exporter/src/test/grafana needs, exactly as package-lock.json records them. Idempotent: skips the
# install when node_modules already matches the lock file. Prints the folder on stdout.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="$root/exporter/src/test/grafana"

if ! command -v npm >/dev/null; then
  echo "grafana-schema.sh: npm not found; install Node.js 18+ and npm (Debian: apt-get install nodejs npm)" >&2
  exit 1
fi
# npm ci writes node_modules/.package-lock.json: newer than package-lock.json means the install is current.
if [[ ! -f "$dir/node_modules/.package-lock.json" || "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]]; then
  (cd "$dir" && npm ci --no-audit --no-fund >&2)
fi
echo "$dir"
