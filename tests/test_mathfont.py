"""The maths font cut down to the characters the formulas show (tools/mathfont.py)."""

from fontTools.ttLib import TTFont
from mathfont import FONT_NAME, SOURCE, characters, write_font
from mathrender import render_tex


def test_characters_are_those_the_formulas_show_and_their_italics():
    html = render_tex(r"\sigma(z) + \sum_i x_i", display=True)
    found = characters(f"<p>Text outside: Q</p>{html}")
    assert {"\u03c3", "(", ")", "+", "\u2211", "z", "x", "i"} <= found  # sigma, sum
    # A one-letter <mi> is shown in Mathematical Italic (sigma, z, x, i).
    assert {"\U0001d70e", "\U0001d467", "\U0001d465", "\U0001d456"} <= found
    assert "Q" not in found  # text outside the maths
    assert "<" not in found  # the tags themselves


def test_characters_decode_entities_and_skip_annotations():
    html = (
        "<math><mo>&lt;</mo><semantics><mi>h</mi>"
        '<annotation encoding="application/x-tex">\\hbar</annotation>'
        "</semantics></math>"
    )
    assert characters(html) == {"<", "h", "\u210e"}  # italic h: Planck's


def test_the_written_font_holds_the_characters_and_the_math_table(tmp_path):
    tex = r"\left( \frac{a}{b} \right) \leq \sum_k y"
    chars = characters(render_tex(tex, display=True))
    font_path = write_font(chars, tmp_path / "site", tmp_path / "cache")
    assert font_path.name == FONT_NAME
    font = TTFont(font_path, lazy=False)
    assert font.flavor == "woff"
    assert "MATH" in font  # stretchy brackets and large operators
    assert {ord(c) for c in chars} <= set(font.getBestCmap())
    assert "\U0001d6fc" not in chars  # an italic alpha, which no formula shows...
    assert 0x1D6FC not in font.getBestCmap()  # ...is not in the font
    whole = TTFont(SOURCE)
    assert len(font.getGlyphOrder()) < len(whole.getGlyphOrder()) / 10
    assert font_path.stat().st_size < SOURCE.stat().st_size / 10


def test_the_font_is_the_same_bytes_each_build_and_comes_from_the_cache(tmp_path):
    chars = set("abc=+")
    first = write_font(chars, tmp_path / "one", tmp_path / "cache").read_bytes()
    cached = list((tmp_path / "cache").iterdir())
    assert len(cached) == 1
    again = write_font(chars, tmp_path / "two", tmp_path / "cache").read_bytes()
    assert again == first
    assert list((tmp_path / "cache").iterdir()) == cached  # not cut again
    (tmp_path / "other").mkdir()
    fresh = write_font(chars, tmp_path / "three", tmp_path / "other").read_bytes()
    assert fresh == first  # cut again, from nothing: the same bytes
