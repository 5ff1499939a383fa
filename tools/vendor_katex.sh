#!/usr/bin/env bash
# Vendor KaTeX from the npm registry: the JS for build-time rendering
# (tools/katex/, never published) and the CSS + woff2 fonts the pages need
# (docs/assets/katex/). Re-runnable: each run replaces the previous copy;
# docs/assets/katex/katex-fit.css is ours and is left alone.
# Usage: tools/vendor_katex.sh   (from anywhere; needs npm, tar, sed)
set -euo pipefail

KATEX_VERSION=0.16.47

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="$root/tools/katex"
site_dir="$root/docs/assets/katex"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "katex@$KATEX_VERSION" >/dev/null)
tar -xzf "$work/katex-$KATEX_VERSION.tgz" -C "$work"
pkg="$work/package"

# Replace only what this script owns: docs/assets/katex also holds our own CSS.
rm -rf "$build_dir" "$site_dir/fonts"
mkdir -p "$build_dir" "$site_dir/fonts"

cp "$pkg/dist/katex.min.js" "$build_dir/katex.min.js"
cp "$pkg/LICENSE" "$build_dir/LICENSE"
echo "$KATEX_VERSION" >"$build_dir/VERSION"

# Only woff2 is shipped: every @font-face src keeps its woff2 url alone.
sed -E 's/src:(url\([^)]*\.woff2\) format\("woff2"\))[^;}]*/src:\1/g' \
    "$pkg/dist/katex.min.css" >"$site_dir/katex.min.css"
cp "$pkg/dist/fonts/"*.woff2 "$site_dir/fonts/"
cp "$pkg/LICENSE" "$site_dir/LICENSE"

# Fail if any non-woff2 font reference survived the rewrite.
if grep -qE '\.(woff|ttf)\)' "$site_dir/katex.min.css"; then
    echo "vendor_katex.sh: woff/ttf fonts still referenced in katex.min.css" >&2
    exit 1
fi

echo "KaTeX $KATEX_VERSION vendored into tools/katex and docs/assets/katex"
