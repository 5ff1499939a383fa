"""Each code block is told its number of lines, for the height it is given
before it is first shown."""

import markup
from code_lines import line_counts


def mark_code_lines(html: str) -> str:
    return markup.replace(html, line_counts(html, markup.parse(html)))


BLOCK = (
    '<div class="language-python highlight"><pre><span></span><code>'
    '<span class="k">def</span> f():\n    return 1\n\nf()\n</code></pre></div>'
)


def test_a_code_block_gets_its_number_of_lines():
    out = mark_code_lines("<p>Text</p>" + BLOCK)
    assert '<div class="language-python highlight" style="--lines: 4"><pre>' in out
    assert out.replace(' style="--lines: 4"', "") == "<p>Text</p>" + BLOCK


def test_every_block_is_counted_on_its_own():
    one = '<div class="highlight"><pre><code>x = 1\n</code></pre></div>'
    out = mark_code_lines(BLOCK + one)
    assert out.count('style="--lines: 4"') == 1
    assert out.count('style="--lines: 1"') == 1


def test_html_without_code_blocks_is_unchanged():
    html = '<div class="admonition"><p>highlight</p></div>'
    assert mark_code_lines(html) == html


def test_only_blocks_at_the_top_level_are_counted():
    nested = f'<div class="admonition"><p>Note</p>{BLOCK}</div>'
    assert mark_code_lines(nested) == nested
