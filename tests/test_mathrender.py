"""Build-time maths: TeX to MathML with Temml, and arithmatex pages rendered."""

import re

import markdown
import pytest
from mathrender import MathError, render_arithmatex_html, render_tex


def to_arithmatex_html(source: str) -> str:
    """The page HTML that the site's Markdown settings make from ``source``."""
    return markdown.markdown(
        source,
        extensions=["pymdownx.arithmatex"],
        extension_configs={"pymdownx.arithmatex": {"generic": True}},
    )


def maths(html: str) -> list[str]:
    """The <math> elements of ``html``, in order."""
    return re.findall(r"<math\b.*?</math>", html, re.DOTALL)


def test_inline_formula_renders_as_mathml_alone():
    out = render_tex(r"\frac{\partial C}{\partial w}", display=False)
    assert out.startswith("<math>")
    assert out.endswith("</math>")
    assert "<mfrac>" in out
    assert "<mi>∂</mi><mi>C</mi>" in out
    assert "<span" not in out  # no HTML layout of its own: the browser lays it out
    assert 'display="block"' not in out


def test_display_formula_renders_in_a_focusable_scrolling_box():
    out = render_tex(r"\sum_{i=1}^{n} (a_i - y_i)^2", display=True)
    # focusable: a wide formula scrolls in this box (math-fit.css)
    assert out.startswith('<span class="math-display" tabindex="0"><math ')
    assert out.endswith("</math></span>")
    assert 'display="block"' in maths(out)[0]
    assert "<munderover><mo" in out  # the sum's limits above and below it


def test_bar_accent_is_a_macron_which_the_maths_font_has():
    out = render_tex(r"\bar x", display=False)
    assert "\u00af</mo>" in out  # MACRON, in Latin Modern Math
    assert "\u203e" not in out  # OVERLINE, which it lacks


@pytest.mark.parametrize(
    "tex",
    [
        r"\text{learning rate } \eta",
        r"\tfrac{1}{2} \lVert y - \hat y \rVert^2",
        r"\operatorname{tanh}'(z) = 1 - \tanh^2 z",
        r"W \in \mathbb{R}^{2 \times 2}, \quad W^\top \odot \boldsymbol{\delta}",
    ],
)
def test_ordinary_latex_renders(tex):
    out = render_tex(tex, display=False)
    assert len(maths(out)) == 1
    assert "merror" not in out  # Temml's mark of a formula it could not render


@pytest.mark.parametrize(
    ("tex", "reason"),
    [
        (r"\frac{1}{", "Unexpected end of input"),
        (r"\sigma(z) = \foo", r"Unsupported function name: \foo"),
        ("x % a comment", "LaTeX would fail"),  # strict
        ("\u00e9 = 1", "Accented Unicode text character"),  # strict: é in maths
        (r"\class{loss}{C}", "is disabled in strict mode"),
        (r"\href{https://example.com}{x}", r"\href"),  # no links in formulas
    ],
)
def test_bad_tex_raises_math_error_naming_the_tex_and_temml_reason(tex, reason):
    with pytest.raises(MathError) as caught:
        render_tex(tex, display=False)
    assert caught.value.tex == tex
    assert reason in caught.value.reason
    assert repr(tex) in str(caught.value)
    assert str(caught.value).startswith(f"cannot render TeX {tex!r}: ")
    assert "\n    at " not in str(caught.value)  # no JavaScript stack trace


def test_math_error_is_a_value_error():
    with pytest.raises(ValueError, match="frac"):
        render_tex(r"\frac{1}{", display=True)


def test_macros_do_not_leak_from_one_formula_to_the_next():
    render_tex(r"\gdef\loss{C} \loss", display=False)
    with pytest.raises(MathError, match=r"Unsupported function name: \\loss"):
        render_tex(r"\loss", display=False)


PAGE = r"""# Gradient descent

The cost $C = \frac{1}{2}(a - y)^2$ falls when $a < y$ and $a$ grows & more.

$$
\frac{\partial C}{\partial a} = a - y
$$

\begin{align}
z &= w x + b \\
a &= \sigma(z)
\end{align}

Text with a \$5 price, `$not maths$` in code, and 3 < 4 & 5 > 2 outside.
"""


def test_arithmatex_page_has_all_its_maths_rendered():
    source = to_arithmatex_html(PAGE)
    assert source.count('class="arithmatex"') == 5  # 3 inline, 2 display

    out = render_arithmatex_html(source)

    assert r"\(" not in out
    assert r"\[" not in out
    assert out.count('<span class="arithmatex"><math>') == 3
    assert out.count('<div class="arithmatex"><span class="math-display"') == 2
    assert maths(out) == [
        maths(render_tex(tex, display=display))[0]
        for tex, display in [
            (r"C = \frac{1}{2}(a - y)^2", False),
            ("a < y", False),
            ("a", False),
            (r"\frac{\partial C}{\partial a} = a - y", True),
            ("\\begin{align}\nz &= w x + b \\\\\na &= \\sigma(z)\n\\end{align}", True),
        ]
    ]
    assert "<mtable" in maths(out)[4]  # align: one row a line


def test_html_entities_in_tex_reach_temml_as_characters():
    out = render_arithmatex_html(to_arithmatex_html("So $a < b$."))
    assert out == render_arithmatex_html(
        '<p>So <span class="arithmatex">\\(a &lt; b\\)</span>.</p>'
    )
    assert "<mo>&lt;</mo>" in out  # MathML: an operator "<", not an entity name
    assert "&amp;lt;" not in out
    assert out.startswith("<p>So ")
    assert out.endswith("</span>.</p>")


def test_text_outside_maths_is_untouched():
    source = to_arithmatex_html(PAGE)
    out = render_arithmatex_html(source)

    # In the source no element nests inside an arithmatex one, so the first
    # closing tag ends it; every piece between formulas must survive in order.
    outside = re.split(
        r'<(?:span|div) class="arithmatex">.*?</(?:span|div)>', source, flags=re.DOTALL
    )
    assert len(outside) == 6
    position = 0
    for piece in outside:
        found = out.find(piece, position)
        assert found >= position, piece
        position = found + len(piece)
    assert out.startswith(outside[0])
    assert out.endswith(outside[-1])
    assert "<code>$not maths$</code>" in out
    assert "3 &lt; 4 &amp; 5 &gt; 2 outside" in out


def test_page_without_maths_comes_back_unchanged():
    page = '<p>No <span class="note">maths</span> here: 3 &lt; 4.</p>'
    assert render_arithmatex_html(page) == page


def test_fenced_math_keeps_its_id_and_classes():
    page = '<div id="eq-loss" class="arithmatex wide">\\[\nC = a - y\n\\]</div>'
    out = render_arithmatex_html(page)
    assert out.startswith(
        '<div id="eq-loss" class="arithmatex wide"><span class="math-display"'
    )


def test_error_in_a_page_formula_raises_math_error():
    with pytest.raises(MathError) as caught:
        render_arithmatex_html(to_arithmatex_html("Fine $x$, broken $\\frac{1}{2$."))
    assert caught.value.tex == r"\frac{1}{2"


def test_arithmatex_element_without_generic_delimiters_raises():
    with pytest.raises(MathError, match="generic: true"):
        render_arithmatex_html('<span class="arithmatex">x^2</span>')


def test_same_page_renders_byte_identically_twice():
    source = to_arithmatex_html(PAGE)
    first = render_arithmatex_html(source)
    render_tex.cache_clear()  # the second pass runs Temml again, not the cache
    assert render_arithmatex_html(source) == first
