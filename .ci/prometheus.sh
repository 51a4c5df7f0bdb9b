#!/usr/bin/env bash
# Unpacks Debian's prometheus package (prometheus + promtool) into .tools/prometheus without
# installing it as a package, so no service is started and nothing listens on any port.
# Idempotent: a second run finds the binaries and only prints their folder.
# Prints the folder holding the binaries (usr/bin) on stdout; everything else goes to stderr.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="${JFR_THREADS_TOOLS:-$root/.tools}/prometheus"
bin="$dest/usr/bin"

if [[ -x "$bin/prometheus" && -x "$bin/promtool" ]]; then
  echo "$bin"
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"  # lets apt fetch as its _apt user instead of warning and running unsandboxed

download() { (cd "$work" && apt-get download prometheus >&2); }
# A fresh machine may have no package lists, or lists too old to name the current .deb:
# refresh them once, only when the first download fails.
if ! download; then
  echo "prometheus.sh: apt-get download failed; running apt-get update once and retrying" >&2
  apt-get update >&2
  download
fi

deb="$(ls "$work"/prometheus_*.deb)"
mkdir -p "$dest"
dpkg-deb -x "$deb" "$dest"
dpkg-deb -f "$deb" Version > "$dest/DEBIAN_VERSION"
echo "prometheus.sh: unpacked $(basename "$deb") into $dest" >&2
"$bin/prometheus" --version >&2
echo "$bin"
