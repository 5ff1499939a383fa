"""Render TeX to HTML at build time with the vendored KaTeX, so pages ship no
maths JavaScript: no 272 KB ``katex.min.js`` (76 KB gzipped) to fetch, and
no typesetting of the longest page's 264 formulas on the reader's phone.

KaTeX is plain JavaScript with no DOM needs, so its ``renderToString`` runs in
QuickJS, a small JavaScript engine embedded in Python (the ``quickjs``
package, or ``quickjs-ng`` where that has no wheel: both install the module
``quickjs``, see pyproject.toml), started once per process from
``tools/katex/katex.min.js`` (fetched by ``tools/vendor_katex.sh``); a
formula then takes about a millisecond, and a repeated one nothing. Pages
need only KaTeX's CSS and fonts, and ``katex-fit.css`` for wide display
maths (``docs/assets/katex/``).

Every formula is HTML for the eye plus MathML for screen readers, and any
error fails the build instead of leaving red TeX on the page:
``throwOnError`` (a parse error, an undefined ``\\foo``); ``strict: "error"``
(what LaTeX would reject or read differently: a ``%`` comment, ``é`` outside
``\\text{}``, a symbol KaTeX has no glyph for, the ``\\html...`` extensions);
and a ``trust`` that refuses ``\\href``, ``\\url`` and ``\\includegraphics``
(which would make the page fetch an image).

No MkDocs here: :func:`render_arithmatex_html` takes HTML as
``pymdownx.arithmatex`` (``generic: true``) writes it.
"""

import functools
import json
from html import unescape
from pathlib import Path

import markup
import quickjs

KATEX_JS = Path(__file__).resolve().parent / "katex" / "katex.min.js"

# A JS function around katex.renderToString; the TeX and the display flag
# reach it as arguments, never pasted into source code. The HTML comes back
# as JSON: quickjs-ng keeps a long string built by concatenation as a "rope",
# which its Python binding cannot convert ("Unknown quickjs tag: -6"), and
# JSON.stringify always builds a flat string.
_RENDER_JS = """
function renderTex(tex, displayMode) {
  return JSON.stringify(katex.renderToString(tex, {
    displayMode: displayMode,
    output: "htmlAndMathml",
    throwOnError: true,
    strict: "error",
    trust: function (context) {
      throw new katex.ParseError(context.command + " is not allowed: it needs trust");
    },
  }));
}
"""

# What pymdownx.arithmatex (generic: true) emits, its TeX HTML-escaped:
#   inline   <span class="arithmatex">\(TeX\)</span>
#   display  <div class="arithmatex">\[TeX\]</div>
# (a `math` fence may add an id and further classes to the div).
_DELIMITERS = {"span": (r"\(", r"\)"), "div": (r"\[", r"\]")}
# A display formula wider than the column scrolls sideways in its own box
# (katex-fit.css); tabindex lets the keyboard reach that box and scroll it.
_DISPLAY_BOX = '<span class="katex-display">'
_FOCUSABLE_DISPLAY_BOX = '<span class="katex-display" tabindex="0">'


class MathError(ValueError):
    """A formula that KaTeX cannot render.

    The message names the TeX and KaTeX's reason; ``tex`` and ``reason`` hold
    them apart so that a caller can add the page's name.
    """

    def __init__(self, tex: str, reason: str) -> None:
        super().__init__(f"cannot render TeX {tex!r}: {reason}")
        self.tex = tex
        self.reason = reason


@functools.cache
def _katex() -> quickjs.Function:
    # quickjs.Function keeps the JS engine on one thread of its own, which
    # QuickJS requires, whichever thread calls render_tex.
    return quickjs.Function("renderTex", KATEX_JS.read_text("utf-8") + _RENDER_JS)


@functools.lru_cache(maxsize=4096)
def render_tex(tex: str, *, display: bool) -> str:
    """Return KaTeX's HTML (with MathML) for ``tex``, in display or inline mode.

    Raises MathError when KaTeX cannot render the formula.
    """
    try:
        html = json.loads(_katex()(tex, display))
    except quickjs.JSException as error:
        # The first line is KaTeX's message; a JS stack trace follows it.
        reason = str(error).splitlines()[0].removeprefix("ParseError: ")
        raise MathError(tex, reason) from None
    return html.replace(_DISPLAY_BOX, _FOCUSABLE_DISPLAY_BOX, 1) if display else html


def render_arithmatex_html(html: str) -> str:
    """``html`` with each arithmatex element rendered by KaTeX (:func:`formulas`)."""
    return markup.replace(html, formulas(html, markup.parse(html)))


def formulas(html: str, tree: markup.Element) -> list[markup.Edit]:
    """The edits of ``html`` (parsed as ``tree``) that replace the content of
    each arithmatex element, ``\\(TeX\\)`` or ``\\[TeX\\]``, by KaTeX's HTML.

    The element keeps its tag and attributes, so its ``arithmatex`` class
    stays. Raises MathError for the first formula KaTeX cannot render.
    """
    edits = []
    for element in tree.find():
        if element.tag not in _DELIMITERS or "arithmatex" not in element.classes:
            continue
        body = html[element.inner : element.close]
        opening, closing = _DELIMITERS[element.tag]
        if not (body.startswith(opening) and body.endswith(closing)):
            raise MathError(
                unescape(body),
                f"an arithmatex <{element.tag}> must hold {opening}TeX{closing}"
                " (is arithmatex set to generic: true?)",
            )
        tex = unescape(body[len(opening) : -len(closing)]).strip()
        rendered = render_tex(tex, display=element.tag == "div")
        edits.append((element.inner, element.close, rendered))
    return edits
