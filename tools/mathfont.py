"""The maths font of the site, cut down to the characters its formulas show.

Temml's MathML (``mathrender.py``) is laid out by the browser, which needs a
font with an OpenType MATH table for stretchy brackets, large sums and the
spacing of fractions and scripts. We serve Latin Modern Math (the TeX look,
close to KaTeX's fonts): the whole font is 388 KB as woff2, but the site's
formulas use about 150 characters, and the font cut down to those (with the
larger bracket and sum sizes the MATH table points at) is about 26 KB as
WOFF. fontTools, which Matplotlib installs already, cuts it at the end of
each build, from the characters of every ``<math>`` element of the built
pages; so a new symbol on a page is in the font of the next build.

The browser shows a one-letter ``<mi>`` in italic by swapping the letter for
its Mathematical Italic code point (U+1D44E for a, ...), so the font keeps
the italic form of every letter the formulas use, too.

No MkDocs here: the hook calls :func:`characters` and :func:`write_font`.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from html import unescape
from pathlib import Path

SOURCE = Path(__file__).resolve().parent / "temml" / "latinmodern-math.otf"
FONT_NAME = "latinmodern-math.woff"

_MATH = re.compile(r"<math\b.*?</math>", re.DOTALL)
_ANNOTATION = re.compile(r"<annotation\b.*?</annotation>", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")

# Mathematical Italic (U+1D434...): what a browser shows for a one-letter <mi>.
_ITALIC = (
    {chr(c): chr(0x1D434 + c - 0x41) for c in range(0x41, 0x5B)}  # A-Z
    | {chr(c): chr(0x1D44E + c - 0x61) for c in range(0x61, 0x7B)}  # a-z
    | {chr(c): chr(0x1D6E2 + c - 0x391) for c in range(0x391, 0x3AA)}  # Greek caps
    | {chr(c): chr(0x1D6FC + c - 0x3B1) for c in range(0x3B1, 0x3CA)}  # Greek small
    | {"h": "\u210e", "\u0131": "\U0001d6a4", "\u0237": "\U0001d6a5"}
    | {"\u2202": "\U0001d715", "\u2207": "\U0001d6fb", "\u03f5": "\U0001d716"}
    | {"\u03d1": "\U0001d717", "\u03d5": "\U0001d719", "\u03f1": "\U0001d71a"}
    | {"\u03d6": "\U0001d71b", "\u03f0": "\U0001d718"}
)


def characters(html: str) -> set[str]:
    """Every character the ``<math>`` elements of ``html`` show, and the
    italic form of each letter among them."""
    found: set[str] = set()
    for math in _MATH.findall(html):
        text = unescape(_TAG.sub("", _ANNOTATION.sub("", math)))
        found.update(text)
    found.update(_ITALIC[c] for c in list(found) if c in _ITALIC)
    found.discard("\n")
    return found


def write_font(chars: set[str], folder: Path, cache: Path) -> Path:
    """Write the font cut down to ``chars`` into ``folder`` as FONT_NAME (and
    keep it in ``cache``, named by what it holds, for the next build)."""
    text = "".join(sorted(chars))
    key = hashlib.sha256((SOURCE.name + "\0" + text).encode()).hexdigest()[:16]
    cached = cache / f"latinmodern-math-{key}.woff"
    if not cached.is_file():
        cache.mkdir(parents=True, exist_ok=True)
        _subset(text, cached)
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(cached, folder / FONT_NAME)
    return folder / FONT_NAME


def _subset(text: str, out: Path) -> None:
    import logging

    from fontTools import subset  # imported here: only a build that has maths needs it

    # It says which tables it drops (FFTM: the font editor's timestamp).
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    options = subset.Options()
    options.flavor = "woff"  # zlib: woff2 would need the brotli package too
    options.layout_features = []  # no script-size alternates: 5 times the size
    options.name_IDs = ["*"]  # the licence and the font's names stay with it
    options.notdef_outline = True
    font = subset.load_font(str(SOURCE), options)
    try:
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=text)
        subsetter.subset(font)
        partial = out.with_suffix(".partial")
        subset.save_font(font, str(partial), options)
    finally:
        font.close()
    partial.replace(out)  # never a half-written font in the cache
