"""Which of KaTeX's fonts the maths on a page's first screen uses, so that
the page asks for them at once (``<link rel="preload">``) instead of when
its layout first needs them: a font that arrives late changes the size of
a formula, and the text below it jumps. No MkDocs here.

The first screen is the article's first blocks, the ones
``docs/assets/extra.css`` always renders (``first_screen.py``). A block
further down is laid out only as it nears the screen, by when its fonts
have had time to come, and a font asked for early but needed late would
only hold back the first screen.

The answer is read from KaTeX's own stylesheet. Each rule that sets a KaTeX
font names the classes that select it, and each ``@font-face`` names the
file of a family, weight and style. A rule counts when every class of one
of its selectors is on the page; that may ask for a font no element uses
(the classes can sit on different elements), which costs one small file.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from first_screen import first_screen

KATEX_CSS = Path(__file__).resolve().parent.parent / "docs/assets/katex/katex.min.css"

_FONT_FACE = re.compile(r"@font-face\s*\{([^}]*)\}")
_RULE = re.compile(r"([^{}@;]+)\{([^{}]*)\}")
_FAMILY = re.compile(r"font(?:-family)?:[^;}]*?\b(KaTeX_\w+)")
_WEIGHT = re.compile(r"font-weight:\s*(\w+)")
_STYLE = re.compile(r"font-style:\s*(\w+)")
_URL = re.compile(r"url\(([^)]+\.woff2)\)")
_CLASS_ATTR = re.compile(r'\bclass="([^"]*)"')
_STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]*)katex\.min\.css"')

Font = tuple[str, str, str]  # family, weight, style


def _font(declarations: str, family: str) -> Font:
    weight = _WEIGHT.search(declarations)
    style = _STYLE.search(declarations)
    weight_name = weight[1] if weight else "400"
    return (
        family,
        "700" if weight_name in ("bold", "700") else "400",
        style[1] if style and style[1] == "italic" else "normal",
    )


@functools.cache
def _katex_rules(css: str) -> tuple[dict[Font, str], list[tuple[frozenset, Font]]]:
    """The font files by (family, weight, style), and for each selector that
    sets a KaTeX font, its classes and that font."""
    files = {}
    for match in _FONT_FACE.finditer(css):
        family, url = _FAMILY.search(match[1]), _URL.search(match[1])
        if family and url:
            files[_font(match[1], family[1])] = url[1].strip("'\"")
    rules = []
    for match in _RULE.finditer(_FONT_FACE.sub("", css)):
        family = _FAMILY.search(match[2])
        if not family:
            continue
        font = _font(match[2], family[1])
        for selector in match[1].split(","):
            rules.append((frozenset(re.findall(r"\.([\w-]+)", selector)), font))
    return files, rules


def fonts_used(html: str, css: str | None = None) -> list[str]:
    """The KaTeX font files (as the stylesheet names them, such as
    ``fonts/KaTeX_Main-Regular.woff2``) that the maths in ``html`` uses."""
    if css is None:
        css = KATEX_CSS.read_text(encoding="utf-8")
    classes = {name for attr in _CLASS_ATTR.findall(html) for name in attr.split()}
    if "katex" not in classes:
        return []
    files, rules = _katex_rules(css)
    fonts = {font for needed, font in rules if needed <= classes}
    return sorted(files[font] for font in fonts if font in files)


def preload_links(html: str, css: str | None = None) -> str:
    """``html`` with a preload link, before ``</head>``, for each KaTeX font the
    maths of its first screen uses, next to where the page loads KaTeX's
    stylesheet from."""
    stylesheet = _STYLESHEET.search(html)
    if not stylesheet:
        return html
    links = "".join(
        f'<link rel="preload" href="{stylesheet[1]}{font}" as="font"'
        ' type="font/woff2" crossorigin>'
        for font in fonts_used(first_screen(html), css)
    )
    return html.replace("</head>", links + "</head>", 1)
