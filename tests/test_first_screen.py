"""The first screen: the article's first blocks, which are never kept waiting."""

import re
from pathlib import Path

from first_screen import FIRST_BLOCKS, eager_images, first_screen


def test_the_first_screen_ends_with_the_articles_last_first_block():
    blocks = "".join(f'<p class="b{i}">{i}<br><span>x</span></p>' for i in range(9))
    html = (
        '<nav><p>menu</p></nav><article class="md-content__inner md-typeset">'
        f"<hr>{blocks}</article><footer></footer>"
    )
    head = first_screen(html, blocks=3)  # the <hr>, b0 and b1
    assert 'class="b1"' in head
    assert 'class="b2"' not in head
    assert first_screen(html, blocks=20) == html[: html.index("</article>")]


def test_a_page_without_an_article_is_all_first_screen():
    assert first_screen("<p>1</p><p>2</p>", blocks=1) == "<p>1</p><p>2</p>"


def test_the_first_screen_is_what_the_stylesheet_always_renders():
    css = (Path(__file__).parents[1] / "docs/assets/extra.css").read_text("utf-8")
    assert re.findall(r":nth-child\(n \+ (\d+)\)", css) == [str(FIRST_BLOCKS + 1)]


def test_images_of_the_first_screen_load_at_once_and_later_ones_lazily():
    lazy = '<p><img src="a.svg" alt="A" loading="lazy"></p>'
    blocks = [lazy.replace("a.svg", f"{n}.svg") for n in range(FIRST_BLOCKS + 2)]
    html = '<article class="md-content__inner">' + "".join(blocks) + "</article>"
    out = eager_images(html)
    assert '<img src="0.svg" alt="A">' in out
    assert f'<img src="{FIRST_BLOCKS - 1}.svg" alt="A">' in out
    assert f'<img src="{FIRST_BLOCKS}.svg" alt="A" loading="lazy">' in out
    assert out.count('loading="lazy"') == 2
