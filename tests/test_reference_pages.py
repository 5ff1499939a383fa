"""The API reference's pages (docs/reference/): split from one page in
issue 11, so an old link to reference/#<anchor> still finds its object.

docs/reference/moved.js, run on reference/, sends an anchor of the old page
(a section heading, or an object ``handgrad.<module>...``) to the page that
holds it now. The script runs here in QuickJS with a stand-in for
``location``; where each anchor now lives is read from the pages' sources.
"""

import json
import re
from pathlib import Path

import pytest
import quickjs
from markdown.extensions.toc import slugify

REFERENCE = Path(__file__).resolve().parent.parent / "docs" / "reference"
SCRIPT = (REFERENCE / "moved.js").read_text(encoding="utf-8")


def anchors() -> list[tuple[str, str]]:
    """(anchor, page) for each section heading and module of each page."""
    found = []
    for source in sorted(REFERENCE.glob("*.md")):
        text = source.read_text(encoding="utf-8")
        page = "" if source.stem == "index" else source.stem + "/"
        for heading in re.findall(r"^## (.+)$", text, re.M):
            found.append((slugify(heading, "-"), page))
        for module in re.findall(r"^::: handgrad\.(\w+)$", text, re.M):
            found.append((f"handgrad.{module}", page))
            found.append((f"handgrad.{module}.SomeObject.method", page))
    return found


def sent_to(hash_: str) -> str | None:
    """Where moved.js sends reference/ + ``hash_``: a relative address, or
    None when it leaves the reader on the index."""
    context = quickjs.Context()
    context.eval(
        "var sent = null;"
        f"var location = {{hash: {json.dumps(hash_)},"
        " replace: function (to) { sent = to; }};"
    )
    context.eval(SCRIPT)
    return context.eval("sent")


def test_every_module_of_the_package_has_a_page():
    modules = {a for a, _ in anchors() if re.fullmatch(r"handgrad\.\w+", a)}
    package = Path(__file__).resolve().parent.parent / "src" / "handgrad"
    public = {f"handgrad.{p.stem}" for p in package.glob("[!_]*.py")}
    assert public - modules == set(), "modules on no page of docs/reference/"


@pytest.mark.parametrize(("anchor", "page"), anchors())
def test_an_old_anchor_is_sent_to_the_page_that_holds_it(anchor, page):
    assert page, f"docs/reference/index.md has '{anchor}': moved.js would leave it"
    assert sent_to("#" + anchor) == page + "#" + anchor


@pytest.mark.parametrize("hash_", ["", "#", "#api-reference", "#handgrad", "#%E0%A4%A"])
def test_the_index_keeps_a_reader_whose_anchor_never_moved(hash_):
    assert sent_to(hash_) is None
