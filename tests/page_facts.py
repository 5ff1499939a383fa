"""What a page states, read as facts rather than as wording.

A page test asserts the formulas a page writes, the values it asks the
build for and the code it shows, never a sentence: a copy-edit of the prose
then fails no test, while a changed formula or a number typed into the
prose instead of asked for does.

- :func:`formulas`: the TeX of each ``$...$`` and ``$$...$$``, its spacing
  taken out (whitespace, ``\\,``, ``\\;``, ``\\!``, ``\\quad``) and a closing
  ``.`` or ``,`` dropped, so re-spacing or re-punctuating a formula changes
  nothing.
- :func:`states`: whether one formula of the page contains the given TeX,
  its spacing taken out (``states(page, r"\\frac{1}{4}\\cdot 2")``).
- :func:`asks_for`: the names of the ``{{ name }}`` placeholders the page
  fills in from ``docs/values/<page>.py``.
- :func:`code`: the page's ``python`` code blocks.
- :func:`alt_text` and :func:`numbers`: the numbers a figure's alt text
  states, whatever the words around them.
- :func:`figure_settings`: the plain values a figure script sets (its
  epochs, seeds, sizes), to compare with those the page quotes.
- :func:`page_values`: the values ``docs/values/<page>.py`` computes, as the
  build quotes them.
"""

from __future__ import annotations

import ast
import re
import textwrap
from pathlib import Path

import values
from conftest import BUILD_CACHE

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
_FENCE = re.compile(r"^[ \t]*(```|~~~).*?^[ \t]*\1[ \t]*$", re.S | re.M)
_DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.S)
_INLINE = re.compile(r"(?<![\\$])\$(?!\$)((?:[^$\\\n]|\\.)+?)\$")
_SPACING = re.compile(r"\\[,;:!](?![a-zA-Z])|\\q?quad\b|\s+")
_PLACEHOLDER = re.compile(r"\{\{ *([A-Za-z_]\w*)(?::[^}\s]+)? *\}\}")
_PYTHON = re.compile(r"^([ \t]*)```python[^\n]*\n(.*?)^\1```[ \t]*$", re.S | re.M)


def tex(formula: str) -> str:
    """``formula`` without its spacing and its closing punctuation."""
    return _SPACING.sub("", formula).rstrip(".,")


def formulas(page: str) -> list[str]:
    """The TeX of every formula on ``page`` (not in code blocks), as :func:`tex`
    reads it, in order: display maths first, then inline maths."""
    prose = _FENCE.sub("", page)
    display = _DISPLAY.findall(prose)
    inline = _INLINE.findall(_DISPLAY.sub("", prose))
    return [tex(f) for f in display + inline]


def states(page: str, formula: str) -> bool:
    """Whether a formula of ``page`` contains ``formula``, spacing aside (a
    comma or a full stop that ``formula`` ends with must be there too)."""
    wanted = _SPACING.sub("", formula)
    return any(wanted in found for found in formulas(page))


def asks_for(page: str) -> set[str]:
    """The names of the values ``page`` asks for (``{{ name:spec }}``)."""
    return set(_PLACEHOLDER.findall(page))


def code(page: str) -> list[str]:
    """The text of each ``python`` code block of ``page``."""
    return [textwrap.dedent(body) for _, body in _PYTHON.findall(page)]


_IMAGE = re.compile(r"!\[(?P<alt>(?:[^\[\]]|\[[^\]]*\])*)\]\((?P<src>[^)\s]+)")
_NUMBER = re.compile(r"(?<![\w.])-?\d+(?:,\d{3})*(?:\.\d+)?(?![\w.]*\w)")
_WORDS = "zero one two three four five six seven eight nine ten eleven twelve"
_NUMBER_WORDS = {word: float(n) for n, word in enumerate(_WORDS.split())}


def alt_text(page: str, figure: str) -> str:
    """The alt text of the image ``figures/<figure>.svg`` on ``page``."""
    for image in _IMAGE.finditer(page):
        if image["src"].rsplit("/", 1)[-1] == f"{figure}.svg":
            return image["alt"]
    raise AssertionError(f"no image of figures/{figure}.svg on the page")


def numbers(text: str) -> set[float]:
    """The numbers written in ``text``, in digits (``-5``, ``1,000``, ``0.05``)
    or as a word from zero to twelve, placeholders left out."""
    text = _PLACEHOLDER.sub(" ", text)
    found = {float(n.replace(",", "")) for n in _NUMBER.findall(text)}
    words = re.findall(r"[a-z]+", text.lower())
    return found | {_NUMBER_WORDS[w] for w in words if w in _NUMBER_WORDS}


def figure_settings(name: str) -> dict[str, object]:
    """The names a figure script ``docs/figures/<name>.py`` assigns plain
    values to (numbers, strings, tuples of them), read without running it."""
    tree = ast.parse((DOCS / "figures" / f"{name}.py").read_text(encoding="utf-8"))
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign):
            try:
                value = ast.literal_eval(node.value)
            except ValueError:
                continue
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found[target.id] = value
                elif isinstance(target, ast.Tuple):
                    names = [t.id for t in target.elts]
                    found |= dict(zip(names, value, strict=True))
    return found


def page_values(page: str) -> dict[str, object]:
    """The values ``docs/values/<page>.py`` computes (its public numbers and
    strings), as the page quotes them: read from the build's cache when its
    key matches, else computed now, by ``tools/values.py`` as the build does,
    and left in the cache for the build (a test run builds the site beside
    the tests: each script runs once, not once for each)."""
    script = DOCS / "values" / f"{page}.py"
    package, cache = ROOT / "src" / "handgrad", BUILD_CACHE / "values"
    return values.load_values([script], package, cache)[page]
