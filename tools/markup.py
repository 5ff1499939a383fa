"""A page's HTML as a tree of elements that know where they are in the text.

The build changes a few elements of what Python-Markdown and nbconvert
wrote. A regular expression has to guess where an element ends;
:func:`parse` asks the standard library's HTML parser, and records for each
element the offsets of its tags, so that :func:`replace` can swap exactly
those spans and leave every other byte of the page as it was. No MkDocs here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser
from itertools import accumulate

Edit = tuple[int, int, str]  # html[start:end] is to become the text
VOID = frozenset(  # elements with no content and no end tag
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"}
    | {"source", "track", "wbr"}
)


@dataclass(eq=False)
class Element:
    """One element: ``html[start:inner]`` is its start tag, ``html[inner:close]``
    its content and ``html[close:end]`` its end tag (empty for a void one)."""

    tag: str
    attrs: dict[str, str | None]
    start: int
    inner: int
    close: int
    end: int
    children: list[Element] = field(default_factory=list)

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    def find(self, tag: str | None = None, cls: str | None = None) -> list[Element]:
        """The elements inside this one with this tag and/or class, in order."""
        found = []
        for child in self.children:
            if (tag is None or child.tag == tag) and (
                cls is None or cls in child.classes
            ):
                found.append(child)
            found += child.find(tag, cls)
        return found

    def text(self, skip: frozenset[str] = frozenset()) -> Iterator[tuple[int, int]]:
        """The spans of text (entities not decoded) inside this element, but
        not inside the elements it holds whose tag is in ``skip``."""
        last = self.inner
        for child in self.children:
            if child.start > last:
                yield last, child.start
            if child.tag not in skip:
                yield from child.text(skip)
            last = child.end
        if self.close > last:
            yield last, self.close


class _TreeBuilder(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=False)
        # HTMLParser counts lines by "\n" alone; so do these offsets.
        self.lines = [0, *accumulate(len(line) + 1 for line in html.split("\n"))]
        self.html = html
        self.open = [Element("", {}, 0, 0, len(html), len(html))]

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def handle_starttag(self, tag, attrs):
        start = self._offset()
        inner = start + len(self.get_starttag_text() or "")
        element = Element(tag, dict(attrs), start, inner, inner, inner)
        self.open[-1].children.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.open.pop()

    def handle_endtag(self, tag):
        if tag in VOID or all(e.tag != tag for e in self.open[1:]):
            return  # a stray end tag, which a browser ignores too
        start = self._offset()
        end = self.html.index(">", start) + 1
        while True:  # an element left open ends where its parent does
            element = self.open.pop()
            element.close, element.end = start, end
            if element.tag == tag:
                return
            element.end = start


def parse(html: str) -> Element:
    """The whole of ``html`` as an element with no tag, holding the others."""
    builder = _TreeBuilder(html)
    builder.feed(html)
    builder.close()
    for element in builder.open[1:]:  # never closed: they run to the end
        element.close = element.end = len(html)
    return builder.open[0]


def replace(html: str, edits: Iterable[Edit]) -> str:
    """``html`` with each span ``[start, end)`` replaced by its text. The spans
    must not overlap."""
    pieces, last = [], 0
    for start, end, text in sorted(edits, key=lambda edit: edit[0]):
        if start < last:
            raise ValueError(f"edits: overlapping spans at offset {start}")
        pieces += [html[last:start], text]
        last = end
    pieces.append(html[last:])
    return "".join(pieces)


def start_tag(tag: str, attrs: dict[str, str | None]) -> str:
    """A start tag with these attributes, their values escaped."""
    written = "".join(
        f" {name}" if value is None else f' {name}="{escape(value, quote=True)}"'
        for name, value in attrs.items()
    )
    return f"<{tag}{written}>"


def line_of(source: str, needle: str, occurrence: int = 1) -> int | None:
    """The line (from 1) of ``source`` on which ``needle`` occurs for the
    ``occurrence``-th time, or None: where a piece of a page was written."""
    at = -1
    for _ in range(occurrence):
        at = source.find(needle, at + 1)
        if at < 0:
            return None
    return source.count("\n", 0, at) + 1
