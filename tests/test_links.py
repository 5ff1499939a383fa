"""Every link in the built site leads somewhere: each relative address to a
file of the site, each ``#fragment`` to an element of the target page.

``mkdocs build --strict`` checks the links written in Markdown; this also
covers what the theme, the hook, mkdocstrings and the notebooks add.
"""

import functools
import re
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

# The attributes that hold an address the browser follows or loads.
ADDRESSES = {
    "a": "href",
    "link": "href",
    "area": "href",
    "img": "src",
    "script": "src",
    "source": "src",
    "iframe": "src",
}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.addresses: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if a.get(key):
                self.ids.add(a[key])
        address = a.get(ADDRESSES.get(tag, ""))
        if address is not None:
            self.addresses.append(address)


@functools.cache
def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def site_prefix(site: Path) -> str:
    """The path the site is served under, as its sitemap gives the home page."""
    home = re.search(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text())
    return urlsplit(home[1]).path if home else "/"


def broken_links(site: Path, page: Path, prefix: str) -> list[str]:
    problems = []
    for address in parse(page).addresses:
        split = urlsplit(address)
        if split.scheme or split.netloc:
            continue  # another site, mailto:, data:, javascript:
        if split.path.startswith("/"):  # from the site's root (404.html does)
            if not split.path.startswith(prefix):
                problems.append(f"{address}: outside the site's path {prefix}")
                continue
            target = site / unquote(split.path[len(prefix) :])
        elif split.path:
            target = page.parent / unquote(split.path)
        else:
            target = page
        if target.is_dir() or split.path.endswith("/"):
            target = target / "index.html"
        target = target.resolve()
        if not target.is_relative_to(site) or not target.is_file():
            problems.append(f"{address}: no such file")
        elif (
            split.fragment
            and target.suffix == ".html"
            and unquote(split.fragment) not in parse(target).ids
        ):
            where = PurePosixPath(target.relative_to(site))
            problems.append(f"{address}: no id {split.fragment!r} in {where}")
    return problems


def test_every_link_and_anchor_in_the_site_resolves(site):
    site = site.resolve()
    prefix = site_prefix(site)
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 3
    problems = [
        f"{page.relative_to(site)}: {problem}"
        for page in pages
        for problem in broken_links(site, page, prefix)
    ]
    assert problems == [], "\n".join(problems)


def test_the_link_checker_finds_a_broken_link_and_anchor(tmp_path):
    (tmp_path / "sitemap.xml").write_text("<loc>http://x/</loc>")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">A</h2>')
    page = tmp_path / "index.html"
    page.write_text(
        '<a href="a/">ok</a> <a href="a/#here">ok</a> <a href="#top" id="top">ok</a>'
        ' <a href="https://example.org/#x">other site</a> <img src="/a/">'
        ' <a href="b/">broken</a> <a href="a/#there">no anchor</a>'
        ' <a href="../../etc/passwd">outside</a>'
    )
    assert broken_links(tmp_path, page, site_prefix(tmp_path)) == [
        "b/: no such file",
        "a/#there: no id 'there' in a/index.html",
        "../../etc/passwd: no such file",
    ]
