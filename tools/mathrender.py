"""Render TeX to MathML at build time with the vendored Temml, so pages ship no
maths JavaScript and the browser lays the formulas out itself.

Temml (a fork of KaTeX that keeps its TeX parser and writes MathML Core
alone) is plain JavaScript with no DOM needs, so its ``renderToString`` runs
in QuickJS, a small JavaScript engine embedded in Python (the ``quickjs``
package, or ``quickjs-ng`` where that has no wheel: both install the module
``quickjs``, see pyproject.toml), started once per process from
``tools/temml/temml.min.js`` (fetched by ``tools/vendor_temml.sh``); a
formula then takes about a millisecond, and a repeated one nothing.

Why MathML rather than KaTeX's HTML (measured in issue 11): a formula is
about a third of the elements KaTeX's HTML and MathML pair made, so the
longest page has 6,450 elements instead of 17,650 and a phone lays it out
in a third of the time; a page loads one font of 26 KB
(``tools/mathfont.py``, and Temml's 9 KB one where a prime shows) instead
of KaTeX's CSS and seven fonts, 77 KB. Pages need
``docs/assets/temml/temml.css`` and ``math-fit.css`` (wide display maths).

Any error fails the build instead of leaving red TeX on the page:
``throwOnError`` (a parse error, an undefined ``\\foo``); ``strict`` (what
LaTeX would reject or read differently: a ``%`` comment, ``é`` outside
``\\text{}``); and a ``trust`` that refuses ``\\href``, ``\\url`` and the
other commands that would put links, classes or styles in a page.

No MkDocs here: :func:`render_arithmatex_html` takes HTML as
``pymdownx.arithmatex`` (``generic: true``) writes it.
"""

import functools
import json
import re
from html import unescape
from pathlib import Path

import markup
import quickjs

TEMML_JS = Path(__file__).resolve().parent / "temml" / "temml.min.js"

# A JS function around temml.renderToString; the TeX and the display flag
# reach it as arguments, never pasted into source code. The MathML comes back
# as JSON: quickjs-ng keeps a long string built by concatenation as a "rope",
# which its Python binding cannot convert ("Unknown quickjs tag: -6"), and
# JSON.stringify always builds a flat string.
_RENDER_JS = """
function renderTex(tex, displayMode) {
  return JSON.stringify(temml.renderToString(tex, {
    displayMode: displayMode,
    throwOnError: true,
    strict: true,
    trust: function (context) {
      throw new temml.ParseError(context.command + " is not allowed: it needs trust");
    },
  }));
}
"""

# Temml draws \\bar's accent with U+203E OVERLINE, which Latin Modern Math
# lacks (the browser would take it from another font); its MACRON is the same
# bar, in the maths font.
_OVERLINE_ACCENT = re.compile(r'(<mo stretchy="false"[^>]*>)\u203e</mo>')

# What pymdownx.arithmatex (generic: true) emits, its TeX HTML-escaped:
#   inline   <span class="arithmatex">\(TeX\)</span>
#   display  <div class="arithmatex">\[TeX\]</div>
# (a `math` fence may add an id and further classes to the div).
_DELIMITERS = {"span": (r"\(", r"\)"), "div": (r"\[", r"\]")}
# A display formula wider than the column scrolls sideways in its own box
# (math-fit.css); tabindex lets the keyboard reach that box and scroll it.
_DISPLAY_BOX = '<span class="math-display" tabindex="0">{}</span>'


class MathError(ValueError):
    """A formula that Temml cannot render.

    The message names the TeX and Temml's reason; ``tex`` and ``reason`` hold
    them apart so that a caller can add the page's name.
    """

    def __init__(self, tex: str, reason: str) -> None:
        super().__init__(f"cannot render TeX {tex!r}: {reason}")
        self.tex = tex
        self.reason = reason


@functools.cache
def _temml() -> quickjs.Function:
    # quickjs.Function keeps the JS engine on one thread of its own, which
    # QuickJS requires, whichever thread calls render_tex.
    return quickjs.Function("renderTex", TEMML_JS.read_text("utf-8") + _RENDER_JS)


@functools.lru_cache(maxsize=4096)
def render_tex(tex: str, *, display: bool) -> str:
    """Return Temml's MathML for ``tex``, in display or inline mode (a display
    formula inside its scrolling box).

    Raises MathError when Temml cannot render the formula.
    """
    try:
        html = json.loads(_temml()(tex, display))
    except quickjs.JSException as error:
        # The first line is Temml's message; a JS stack trace follows it.
        reason = str(error).splitlines()[0].removeprefix("ParseError:").strip(" :")
        raise MathError(tex, reason) from None
    html = _OVERLINE_ACCENT.sub("\\1\u00af</mo>", html)
    return _DISPLAY_BOX.format(html) if display else html


def render_arithmatex_html(html: str) -> str:
    """``html`` with each arithmatex element rendered by Temml (:func:`formulas`)."""
    return markup.replace(html, formulas(html, markup.parse(html)))


def formulas(html: str, tree: markup.Element) -> list[markup.Edit]:
    """The edits of ``html`` (parsed as ``tree``) that replace the content of
    each arithmatex element, ``\\(TeX\\)`` or ``\\[TeX\\]``, by Temml's MathML.

    The element keeps its tag and attributes, so its ``arithmatex`` class
    stays. Raises MathError for the first formula Temml cannot render.
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
