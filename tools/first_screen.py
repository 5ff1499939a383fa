"""The first screen of a page: its article's first ``FIRST_BLOCKS`` blocks,
the ones ``docs/assets/extra.css`` always renders while the blocks after
them wait until they near the screen. No MkDocs here.

What the reader sees first should not wait for anything, so
:func:`eager_images` lets its images load at once (``mathfonts.py`` asks
for its fonts the same way), while a figure further down loads lazily.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

FIRST_BLOCKS = 10  # ":nth-child(n + 11)" in docs/assets/extra.css

_VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "source", "wbr"})
_LAZY = re.compile(r'(<img\b[^>]*?) loading="lazy"')


class _FirstBlocks(HTMLParser):
    """Finds where the ``count``-th child of Material's article ends."""

    def __init__(self, count: int) -> None:
        super().__init__(convert_charrefs=True)
        self.count, self.depth, self.children = count, -1, 0
        self.end: tuple[int, int] | None = None  # (line, column)

    def handle_starttag(self, tag, attrs):
        if self.end:
            return
        if self.depth < 0:
            classes = (dict(attrs).get("class") or "").split()
            if tag == "article" and "md-content__inner" in classes:
                self.depth = 0
            return
        self.children += self.depth == 0
        if tag in _VOID:
            self._ended_child()
        else:
            self.depth += 1

    def handle_endtag(self, tag):
        if self.end or self.depth < 0 or tag in _VOID:
            return
        self.depth -= 1
        if self.depth < 0:  # the article itself
            self.end = self.getpos()
        self._ended_child()

    def _ended_child(self) -> None:
        if self.depth == 0 and self.children >= self.count:
            self.end = self.getpos()  # where its end tag starts


def first_screen(html: str, blocks: int = FIRST_BLOCKS) -> str:
    """``html`` up to the end of its article's ``blocks``-th block (without
    that block's end tag), or all of it when it has no Material article."""
    finder = _FirstBlocks(blocks)
    for start in range(0, len(html), 16_384):  # stop reading once it is found
        finder.feed(html[start : start + 16_384])
        if finder.end:
            break
    if not finder.end:
        return html
    line, column = finder.end  # HTMLParser counts lines by "\n" alone
    offset = sum(len(text) + 1 for text in html.split("\n")[: line - 1])
    return html[: offset + column]


def eager_images(html: str) -> str:
    """``html`` with no ``loading="lazy"`` on the images of its first screen."""
    head = first_screen(html)
    return _LAZY.sub(r"\1", head) + html[len(head) :]
