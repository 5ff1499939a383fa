"""Pages split in two keep their old links: the API reference (docs/reference/),
split from one page in issue 11, so an old link to reference/#<anchor> still
finds its object; and "From one network to any network", whose training
sections became the page after it.

docs/assets/moved.js, loaded by such a page with its own address
(``data-from``), sends an anchor the page lost (a section heading, or an
object ``handgrad.<module>...``) to the page that holds it now. The script
runs here in QuickJS with stand-ins for ``location`` and the script element;
where each anchor now lives is read from the pages' sources.
"""

import json
import re
from pathlib import Path

import pytest
import quickjs
from markdown.extensions.toc import slugify

DOCS = Path(__file__).resolve().parent.parent / "docs"
REFERENCE = DOCS / "reference"
SCRIPT = (DOCS / "assets" / "moved.js").read_text(encoding="utf-8")


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


def sent_to(hash_: str, page: str = "reference/") -> str | None:
    """Where moved.js, loaded by ``page`` with ``data-from="<page>"``, sends
    ``page`` + ``hash_``: an address relative to ``page``, or None when it
    leaves the reader there."""
    context = quickjs.Context()
    context.eval(
        "var sent = null;"
        f"var location = {{hash: {json.dumps(hash_)},"
        " replace: function (to) { sent = to; }};"
        "var document = {currentScript: {getAttribute: function (name) {"
        f"  return name === 'data-from' ? {json.dumps(page)} : null; }}}}}};"
    )
    context.eval(SCRIPT)
    return context.eval("sent")


def loads_moved_js(source: Path, page: str, script: str) -> bool:
    """Whether the page ``source`` loads the script at the address ``script``
    (relative to the page) as the page ``page``."""
    tag = f'<script src="{script}" data-from="{page}" async></script>'
    return tag in source.read_text(encoding="utf-8").splitlines()


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


def test_the_index_loads_the_script_as_reference():
    assert loads_moved_js(REFERENCE / "index.md", "reference/", "../assets/moved.js")


def test_a_page_that_loads_the_script_without_its_address_stays():
    assert sent_to("#a-straight-line", page="") is None
    assert sent_to("#training", page="chain-rule/") is None


# "From one network to any network" before the split: its headings' anchors.
ANY_NETWORK_BEFORE = [
    "the-forward-pass-for-any-layer-sizes",
    "the-shape-of-every-array",
    "the-backward-pass",
    "the-code",
    "training",
    "the-1-20-1-network-learns-the-bell",
    "the-same-network-in-pytorch",
    "float32-on-request",
    "summary",
    "exercises",
]
TRAINING = "training-any-network"


def heading_ids(source: Path) -> set[str]:
    """The ids of the headings (levels 2 to 6) of a page's source: an
    explicit ``{#id}``, or what the toc extension makes of the text."""
    ids = set()
    for text in re.findall(r"^#{2,6} (.+)$", source.read_text(encoding="utf-8"), re.M):
        explicit = re.search(r"\{#([\w-]+)\}\s*$", text)
        ids.add(explicit[1] if explicit else slugify(text, "-"))
    return ids


def test_any_network_loads_the_script_as_itself():
    source = DOCS / "any-network.md"
    assert loads_moved_js(source, "any-network/", "../assets/moved.js")


@pytest.mark.parametrize("anchor", ANY_NETWORK_BEFORE)
def test_an_old_anchor_of_any_network_finds_its_section(anchor):
    kept = heading_ids(DOCS / "any-network.md")
    if anchor in kept:
        assert sent_to("#" + anchor, page="any-network/") is None
    else:
        assert anchor in heading_ids(DOCS / f"{TRAINING}.md")
        assert sent_to("#" + anchor, page="any-network/") == f"../{TRAINING}/#{anchor}"


def test_the_training_sections_left_any_network():
    kept = heading_ids(DOCS / "any-network.md")
    assert {"training", "the-same-network-in-pytorch", "float32-on-request"}.isdisjoint(
        kept
    )
