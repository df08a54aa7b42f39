#!/usr/bin/env bash
# Refresh the third-party map assets served by the app from static/vendor/ (no CDN at run time).
# Usage: scripts/vendor_assets.sh            (needs npm and the npm registry; writes static/vendor/)
# Versions are pinned here; after a bump, update static/README.md and utils/map_assets.py, then run
# `.venv/bin/pytest tests/test_mapping.py`.
set -euo pipefail

LEAFLET_VERSION="1.9.4"
MARKERCLUSTER_VERSION="1.5.3"

repo_root="$(cd "$(dirname "$0")/.." && pwd)"
vendor="$repo_root/static/vendor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

unpack() {  # unpack <package> <version> -> prints the unpacked folder
    local name="$1" version="$2"
    (cd "$work" && npm pack --silent "$name@$version" >/dev/null)
    mkdir -p "$work/$name"
    tar xzf "$work/$name-$version.tgz" -C "$work/$name"
    echo "$work/$name/package"
}

leaflet="$(unpack leaflet "$LEAFLET_VERSION")"
rm -rf "$vendor/leaflet" && mkdir -p "$vendor/leaflet/images"
cp "$leaflet/dist/leaflet.js" "$leaflet/dist/leaflet.css" "$leaflet/LICENSE" "$vendor/leaflet/"
cp "$leaflet/dist/images/"*.png "$vendor/leaflet/images/"

cluster="$(unpack leaflet.markercluster "$MARKERCLUSTER_VERSION")"
rm -rf "$vendor/leaflet.markercluster" && mkdir -p "$vendor/leaflet.markercluster"
cp "$cluster/dist/leaflet.markercluster.js" "$cluster/dist/MarkerCluster.css" \
   "$cluster/dist/MarkerCluster.Default.css" "$vendor/leaflet.markercluster/"
cp "$cluster/MIT-LICENCE.txt" "$vendor/leaflet.markercluster/LICENSE"

echo "sha256 of the vendored files (paste into static/README.md):"
(cd "$vendor" && find . -type f | sort | xargs sha256sum)
