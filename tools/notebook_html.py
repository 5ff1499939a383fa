"""Make a notebook page, as nbconvert renders it, fit a self-contained site.

nbconvert's HTML for a notebook carries four things this site cannot ship:

- a ``<script>`` that loads MathJax from a CDN, and one that imports Mermaid
  from a CDN when a page has a diagram: we render maths at build time instead
  (``mathrender.py``) and use no diagrams in notebooks;
- ``$...$`` and ``$$...$$`` maths in Markdown cells, left for that MathJax;
- random cell ids (``id="cell-id=3f9a1c2e"``), new at every conversion of a
  text notebook, which would make two builds of the site differ;
- about 600 KB of inline JupyterLab CSS on every notebook page, most of the
  page's weight and a long style recalculation on a phone: ``extra.css``
  styles the few notebook classes the page uses instead;
- the same alt text on every figure, "No description has been provided for
  this image": the notebook's source gives each figure its own, on the line
  that opens the cell that draws it (``# %% alt="what the figure shows"``,
  read by :func:`figure_alt_texts`).

:func:`clean_notebook_html` fixes all five. No MkDocs here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape, unescape

import jupytext
from mathrender import render_tex

_MATHJAX = re.compile(
    r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.S
)
_MERMAID = re.compile(
    r'<script type="module">(?:(?!</script>).)*?mermaid.*?</script>', re.S
)
# The stylesheets before the notebook itself; a cell's own output keeps its.
_HEAD_STYLES = re.compile(r"<style\b.*?</style>\s*", re.S | re.I)
_NOTEBOOK_START = '<div class="jupyter-wrapper">'
_CELL_ID = re.compile(r'id="cell-id=[0-9a-f-]+"')
# Maths is looked for only outside code, outputs, scripts and styles.
_SKIP = re.compile(r"(<(pre|code|script|style|textarea)\b.*?</\2>)", re.S | re.I)
_DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.S)
_INLINE = re.compile(r"(?<![\\$])\$(?!\s)([^$\n]+?)(?<![\s\\])\$(?!\$)")
# What nbconvert writes on an image that has no alt text of its own.
PLACEHOLDER_ALT = 'alt="No description has been provided for this image"'


def figure_alt_texts(script: str) -> list[str]:
    """The alt texts of a jupytext percent script's figures, in order: the
    ``alt`` of each code cell that has one (``# %% alt="..."``)."""
    notebook = jupytext.reads(script, fmt="py:percent")
    return [
        cell.metadata["alt"]
        for cell in notebook.cells
        if cell.cell_type == "code" and "alt" in cell.metadata
    ]


def clean_notebook_html(html: str, alt_texts: Sequence[str] = ()) -> str:
    """Drop remote scripts and CSS, number the cells, render ``$`` maths, and
    give the figures, in order, their ``alt_texts``."""
    html = _describe_figures(html, alt_texts)
    html = _MERMAID.sub("", _MATHJAX.sub("", html))
    head, start, notebook = html.partition(_NOTEBOOK_START)
    if start:
        html = _HEAD_STYLES.sub("", head) + start + notebook
    counter = iter(range(1, 1_000_000))
    html = _CELL_ID.sub(lambda _: f'id="nb-cell-{next(counter)}"', html)
    return _render_outside_code(html)


def _describe_figures(html: str, alt_texts: Sequence[str]) -> str:
    figures = html.count(PLACEHOLDER_ALT)
    if figures != len(alt_texts):
        raise ValueError(
            f"alt_texts: expected one for each of the {figures} figure(s) without"
            f" alt text, received {len(alt_texts)}; open the cell that draws each"
            ' figure with # %% alt="what the figure shows"'
        )
    texts = iter(alt_texts)
    return re.sub(
        re.escape(PLACEHOLDER_ALT),
        lambda _: f'alt="{escape(next(texts), quote=True)}"',
        html,
    )


def _render_outside_code(html: str) -> str:
    pieces, last = [], 0
    for match in _SKIP.finditer(html):
        pieces += [_render_dollars(html[last : match.start()]), match.group(0)]
        last = match.end()
    pieces.append(_render_dollars(html[last:]))
    return "".join(pieces)


def _render_dollars(text: str) -> str:
    text = _DISPLAY.sub(
        lambda m: render_tex(unescape(m[1]).strip(), display=True), text
    )
    return _INLINE.sub(lambda m: render_tex(unescape(m[1]), display=False), text)
