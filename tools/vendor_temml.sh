#!/usr/bin/env bash
# Vendor the maths renderer and its fonts, from package registries only:
# - Temml from npm: the JS for build-time rendering (tools/temml/, never
#   published), its small font of primes and script capitals and its CSS for
#   Latin Modern Math (docs/assets/temml/);
# - Latin Modern Math from Debian's fonts-lmodern: the OpenType font that
#   tools/mathfont.py cuts down, at each build, to the characters the pages
#   use (tools/temml/, never published whole).
# Re-runnable: each run replaces the previous copy; docs/assets/temml/math-fit.css
# is ours and is left alone.
# Usage: tools/vendor_temml.sh   (from anywhere; needs npm, apt-get, dpkg-deb, tar, sed)
set -euo pipefail

TEMML_VERSION=0.13.5
LMODERN_VERSION=2.005-1

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="$root/tools/temml"
site_dir="$root/docs/assets/temml"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "temml@$TEMML_VERSION" >/dev/null)
tar -xzf "$work/temml-$TEMML_VERSION.tgz" -C "$work"
pkg="$work/package"

(cd "$work" && apt-get download -qq "fonts-lmodern=$LMODERN_VERSION")
dpkg-deb -x "$work"/fonts-lmodern_*.deb "$work/lmodern"
otf="$(find "$work/lmodern" -name latinmodern-math.otf)"
licence="$(find "$work/lmodern" -name GUST-FONT-LICENSE.txt | head -n 1)"

rm -rf "$build_dir" "$site_dir/Temml.woff2" "$site_dir/temml.css" "$site_dir/LICENSE" "$site_dir/GUST-FONT-LICENSE.txt"
mkdir -p "$build_dir" "$site_dir"

cp "$pkg/dist/temml.min.js" "$build_dir/temml.min.js"
cp "$pkg/LICENSE" "$build_dir/LICENSE"
echo "$TEMML_VERSION" >"$build_dir/VERSION"
cp "$otf" "$build_dir/latinmodern-math.otf"
cp "$licence" "$build_dir/GUST-FONT-LICENSE.txt"
echo "$LMODERN_VERSION" >"$build_dir/LMODERN_VERSION"

# The font is the build's cut-down WOFF (tools/mathfont.py), not the whole woff2.
sed -E "s#src: url\('\./latinmodernmath\.woff2'\);#src: url('latinmodern-math.woff') format('woff');#" \
    "$pkg/dist/Temml-Latin-Modern.css" >"$site_dir/temml.css"
cp "$pkg/dist/Temml.woff2" "$site_dir/Temml.woff2"
cp "$pkg/LICENSE" "$site_dir/LICENSE"
cp "$licence" "$site_dir/GUST-FONT-LICENSE.txt" # goes with the font the build writes here

if ! grep -q "url('latinmodern-math.woff')" "$site_dir/temml.css"; then
    echo "vendor_temml.sh: the Latin Modern Math url in temml.css was not rewritten" >&2
    exit 1
fi

echo "Temml $TEMML_VERSION and Latin Modern Math ($LMODERN_VERSION) vendored into tools/temml and docs/assets/temml"
