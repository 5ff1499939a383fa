"""Which KaTeX fonts a page preloads, read from KaTeX's stylesheet."""

from first_screen import FIRST_BLOCKS
from mathfonts import KATEX_CSS, fonts_used, preload_links

CSS = """\
@font-face{font-display:block;font-family:KaTeX_Main;font-style:normal;\
font-weight:400;src:url(fonts/KaTeX_Main-Regular.woff2) format("woff2")}
@font-face{font-family:KaTeX_Main;font-style:normal;font-weight:700;\
src:url(fonts/KaTeX_Main-Bold.woff2) format("woff2")}
@font-face{font-family:KaTeX_Math;font-style:italic;font-weight:400;\
src:url(fonts/KaTeX_Math-Italic.woff2) format("woff2")}
@font-face{font-family:KaTeX_Size2;font-style:normal;font-weight:400;\
src:url(fonts/KaTeX_Size2-Regular.woff2) format("woff2")}
.katex{font:normal 1.21em KaTeX_Main,Times New Roman,serif}
.katex .mathnormal{font-family:KaTeX_Math;font-style:italic}
.katex .mathbf{font-family:KaTeX_Main;font-weight:700}
@media screen{.katex .delimsizing.size2,.katex .op-symbol.large-op{\
font-family:KaTeX_Size2}}
"""
HEAD = '<html><head><link rel="stylesheet" href="../assets/katex/katex.min.css"></head>'


def test_a_page_without_maths_needs_no_font():
    assert fonts_used('<p class="note">text</p>', CSS) == []


def test_every_formula_needs_the_main_font_and_italic_letters_the_math_font():
    html = '<span class="katex"><span class="mord mathnormal">x</span></span>'
    assert fonts_used(html, CSS) == [
        "fonts/KaTeX_Main-Regular.woff2",
        "fonts/KaTeX_Math-Italic.woff2",
    ]


def test_a_font_counts_when_all_the_classes_of_one_selector_are_there():
    big = '<span class="katex"><span class="op-symbol large-op">∑</span></span>'
    only_half = '<span class="katex"><span class="delimsizing">(</span></span>'
    assert "fonts/KaTeX_Size2-Regular.woff2" in fonts_used(big, CSS)
    assert "fonts/KaTeX_Size2-Regular.woff2" not in fonts_used(only_half, CSS)


def test_weight_picks_the_bold_file():
    html = '<span class="katex"><span class="mord mathbf">W</span></span>'
    assert "fonts/KaTeX_Main-Bold.woff2" in fonts_used(html, CSS)


def test_preload_links_go_in_the_head_next_to_the_stylesheet():
    html = HEAD + '<body><span class="katex">1</span></body></html>'
    out = preload_links(html, CSS)
    link = (
        '<link rel="preload" href="../assets/katex/fonts/KaTeX_Main-Regular.woff2"'
        ' as="font" type="font/woff2" crossorigin>'
    )
    assert out == html.replace("</head>", link + "</head>")


def test_a_page_without_the_katex_stylesheet_is_left_alone():
    html = '<html><head></head><body><span class="katex">1</span></body></html>'
    assert preload_links(html, CSS) == html


def test_the_vendored_stylesheet_names_a_file_for_every_font_it_uses():
    every_class = "katex mathnormal mathbf delimsizing size1 size2 size3 size4"
    found = fonts_used(f'<span class="{every_class}"></span>')
    assert len(found) >= 6
    for font in found:
        assert (KATEX_CSS.parent / font).is_file(), font


def test_only_the_first_screen_s_fonts_are_preloaded():
    big = '<p><span class="katex"><span class="op-symbol large-op">∑</span></span></p>'
    small = '<p><span class="katex">1</span></p>'

    def preloaded(*blocks):
        body = '<article class="md-content__inner">' + "".join(blocks) + "</article>"
        return preload_links(HEAD + body, CSS).split("</head>")[0]

    assert "KaTeX_Size2" in preloaded(big, *[small] * FIRST_BLOCKS)
    assert "KaTeX_Size2" not in preloaded(*[small] * FIRST_BLOCKS, big)
    assert "KaTeX_Main-Regular" in preloaded(*[small] * FIRST_BLOCKS, big)
