"""The built site, read as files: reproducible, self-contained, fully rendered."""

import filecmp
import html
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import material
import pytest
import tomllib
from conftest import REPO_URL, ROOT, SITE_URL
from notebooks import PLACEHOLDER_ALT
from packaging.specifiers import SpecifierSet
from PIL import Image

CARD = "assets/social-card.png"  # the link-preview image (tools/social_card.py)

# A built page may *link* anywhere, but may *load* nothing from another host.
EXTERNAL = re.compile(r"^(https?:)?//", re.I)
LOADING_LINK_RELS = {
    "stylesheet",
    "preload",
    "modulepreload",
    "icon",
    "manifest",
    "prefetch",
    "preconnect",
    "dns-prefetch",
}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.loads: list[str] = []
        self.images: list[dict[str, str | None]] = []
        self.inline_scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in {"script", "img", "iframe", "audio", "video", "source", "embed"}:
            for key in ("src", "srcset", "data"):
                if a.get(key) is not None:
                    self.loads.append(a[key] or "")
        if tag == "link" and set((a.get("rel") or "").split()) & LOADING_LINK_RELS:
            self.loads.append(a.get("href") or "")
        if tag == "img":
            self.images.append(a)
        if tag == "script" and a.get("src") is None:
            self._in_script = True
            self.inline_scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.inline_scripts[-1] += data


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_two_builds_are_byte_identical(site, clean_build):
    """Nothing on the site depends on the clock, the folder or the order of
    work: a clean build equals the session's (clean on a fresh clone; from
    the build's cache after that, which must give what a clean build gives)."""
    other = clean_build
    first = sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file())
    second = sorted(p.relative_to(other) for p in other.rglob("*") if p.is_file())
    assert first == second
    _, mismatch, errors = filecmp.cmpfiles(site, other, first, shallow=False)
    assert mismatch == []
    assert errors == []


def test_pages_load_nothing_from_other_hosts(site):
    offenders = []
    for path in html_pages(site):
        page = parse(path)
        offenders += [
            f"{path.relative_to(site)}: {url}"
            for url in page.loads
            if not url or EXTERNAL.match(url)
        ]
        offenders += [
            f"{path.relative_to(site)}: inline script loads {m}"
            for script in page.inline_scripts
            for m in re.findall(r"https?://[^\s\"'`)]+", script)
        ]
    for css in site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text()):
            if EXTERNAL.match(url):
                offenders.append(f"{css.relative_to(site)}: {url}")
        offenders += [
            f"{css.relative_to(site)}: @import"
            for _ in re.findall(r"@import", css.read_text())
        ]
    assert offenders == []


def test_no_formula_sets_a_colour(site):
    """A formula has the colour of the text around it, whose contrast axe-core
    checks: the browser tests leave the <math> elements out of axe's run."""
    coloured = re.compile(r"mathcolor|mathbackground|style=\"[^\"]*(color|background)")
    found = [
        f"{path.relative_to(site)}: {formula[:80]}"
        for path in html_pages(site)
        for formula in re.findall(r"<math\b.*?</math>", path.read_text(), flags=re.S)
        if coloured.search(formula)
    ]
    assert found == []
    assert any("<math" in path.read_text() for path in html_pages(site))


def test_every_formula_is_rendered_at_build_time(site):
    for path in html_pages(site):
        text = path.read_text(encoding="utf-8")
        assert 'class="arithmatex">\\(' not in text
        visible = re.sub(
            r"<(script|pre|code|annotation)\b.*?</\1>", "", text, flags=re.S
        )
        assert "\\[" not in visible
    chain = (site / "chain-rule" / "index.html").read_text(encoding="utf-8")
    assert chain.count("<math") >= 20  # MathML, which browsers lay out and read
    assert "merror" not in chain  # Temml's mark of a formula it could not render


def test_every_image_has_alt_text_and_exists(site):
    for path in html_pages(site):
        for image in parse(path).images:
            assert (image.get("alt") or "").strip(), f"{path}: {image}"
            assert image["alt"] != PLACEHOLDER_ALT, f"{path}: {image}"
            src = (image.get("src") or "").split("#")[0]
            if src and not src.startswith("data:"):
                assert (path.parent / src).resolve().is_file(), f"{path}: {src}"


@pytest.mark.parametrize("theme", ["only-light", "only-dark"])
def test_each_figure_has_a_light_and_a_dark_image(site, theme):
    chain = parse(site / "chain-rule" / "index.html")
    sources = [i["src"] for i in chain.images if "plot_chain_rule" in (i["src"] or "")]
    assert any(src.endswith(f"#{theme}") for src in sources)


def test_notebook_page_shows_its_outputs(site):
    text = (site / "notebooks" / "chain-rule-check" / "index.html").read_text()
    assert re.search(r"largest difference over 1000 ages: \d\.\de-\d\d", text)
    assert "data:image/png;base64" in text  # the plot cell's figure
    assert (site / "notebooks" / "chain-rule-check" / "chain-rule-check.py").is_file()


def test_library_code_is_included_by_named_section(site):
    text = (site / "chain-rule" / "index.html").read_text()
    assert "ds_dh" in text
    assert "--8&lt;--" not in text
    assert "--8<--" not in text


def test_the_search_override_is_materials_partial_plus_a_dialog_name():
    """overrides/partials/search.html must follow Material's when it changes."""
    theirs = Path(material.__file__).parent / "templates" / "partials" / "search.html"
    ours = Path(__file__).parent.parent / "overrides" / "partials" / "search.html"
    named = 'role="dialog" aria-label="{{ lang.t(\'search\') }}">'
    body = ours.read_text().split("-#}\n", 1)[1].replace(named, 'role="dialog">')
    assert body == theirs.read_text().split("-#}\n", 1)[1]


class _Head(HTMLParser):
    """The <meta> tags of a page, by property or name."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        key = a.get("property") or a.get("name")
        if tag == "meta" and key:
            self.meta[key] = a.get("content") or ""


def meta_of(path: Path) -> dict[str, str]:
    head = _Head()
    head.feed(path.read_text(encoding="utf-8"))
    return head.meta


def test_every_page_has_a_link_preview_with_title_description_and_image(site):
    pages = html_pages(site)
    assert (site / "404.html") in pages
    titles = set()
    for path in pages:
        meta = meta_of(path)
        where = path.relative_to(site)
        for key in ("title", "description", "image", "image:alt"):
            assert meta.get(f"og:{key}", "").strip(), f"{where}: no og:{key}"
            assert meta.get(f"twitter:{key}", "").strip(), f"{where}: no twitter:{key}"
        assert meta["twitter:card"] == "summary_large_image", where
        assert meta["og:image"] == meta["twitter:image"] == f"{SITE_URL}{CARD}"
        titles.add(meta["og:title"])
    assert len(titles) > len(pages) // 2, "pages share their preview titles"
    chain = meta_of(site / "chain-rule" / "index.html")
    assert chain["og:title"] == "The chain rule - handgrad"
    assert chain["og:url"] == f"{SITE_URL}chain-rule/"


def test_the_preview_image_is_on_the_site_and_drawn_by_our_code(site):
    card = site / CARD
    with Image.open(card) as image:
        assert (image.format, image.size) == ("PNG", (1200, 630))
    meta = meta_of(site / "index.html")
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")


def test_each_page_links_to_its_source_to_edit_and_to_view(site):
    chain = (site / "chain-rule" / "index.html").read_text(encoding="utf-8")
    assert f'href="{REPO_URL}/edit/main/docs/chain-rule.md"' in chain
    assert f'href="{REPO_URL}/raw/main/docs/chain-rule.md"' in chain
    notebook = site / "notebooks" / "chain-rule-check" / "index.html"
    source = f"{REPO_URL}/edit/main/docs/notebooks/chain-rule-check.py"
    assert f'href="{source}"' in notebook.read_text(encoding="utf-8")


def test_each_figure_links_to_its_script_in_the_repository(site):
    figures_dir = Path(__file__).parent.parent / "docs" / "figures"
    scripts = {p.stem for p in figures_dir.glob("plot_*.py")}
    linked = set()
    for path in html_pages(site):
        text = path.read_text(encoding="utf-8")
        shown = set(re.findall(r'src="[^"]*figures/(plot_\w+?)(?:-dark)?\.svg', text))
        found = re.findall(
            rf'<a class="hg-figure-script" href="{re.escape(REPO_URL)}'
            r'/blob/main/docs/figures/(plot_\w+)\.py">',
            text,
        )
        assert shown == set(found), path.relative_to(site)
        linked |= set(found)
    assert linked == scripts, "a figure script no page shows, or the other way"


def test_the_repository_link_asks_no_api_for_stars_and_forks(site):
    """Material's script fetches a repository's stars and forks from its
    host's API for an element marked data-md-component="source"."""
    for path in html_pages(site):
        assert 'data-md-component="source"' not in path.read_text(encoding="utf-8")
    home = (site / "index.html").read_text(encoding="utf-8")
    assert f'<a href="{REPO_URL}" title="Go to repository" class="md-source">' in home


def test_the_source_override_is_materials_partial_without_the_api_call():
    """overrides/partials/source.html must follow Material's when it changes."""
    theirs = Path(material.__file__).parent / "templates" / "partials" / "source.html"
    ours = Path(__file__).parent.parent / "overrides" / "partials" / "source.html"
    body = ours.read_text().split("-#}\n", 1)[1]
    marked = body.replace(
        'class="md-source">', 'class="md-source" data-md-component="source">'
    )
    assert marked == theirs.read_text().split("-#}\n", 1)[1]


def test_the_404_page_offers_a_search_and_the_way_home(site):
    page = (site / "404.html").read_text(encoding="utf-8")
    home = urlsplit(SITE_URL).path
    assert "<title>Page not found - handgrad</title>" in page
    assert re.search(rf'<form [^>]*action="{home}" method="get" role="search">', page)
    assert '<input id="hg-not-found-query" type="search" name="q"' in page
    assert '<label for="hg-not-found-query">' in page
    assert f'<a href="{home}">home page</a>' in page


def test_home_page_states_the_install_command_and_versions(site):
    home = html.unescape((site / "index.html").read_text(encoding="utf-8"))
    assert f'pip install "handgrad @ git+{REPO_URL}"' in home
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    (python,) = SpecifierSet(project["requires-python"])
    assert f"Python {python.version} or newer" in home
    (numpy,) = [d for d in project["dependencies"] if d.startswith("numpy")]
    assert f"NumPy {numpy.removeprefix('numpy>=')} or newer" in home
    assert f'href="{REPO_URL}"' in home
    assert "{{" not in home


def test_the_maths_font_holds_every_character_the_formulas_show(site):
    """The build cuts Latin Modern Math down to the site's characters
    (tools/mathfont.py): a symbol missing from it would be drawn in another
    font, without the sizes of its MATH table."""
    from fontTools.ttLib import TTFont
    from mathfont import FONT_NAME, characters

    shown = set()
    for path in html_pages(site):
        shown |= characters(path.read_text(encoding="utf-8"))
    assert len(shown) > 50
    font = TTFont(site / "assets" / "temml" / FONT_NAME)
    assert "MATH" in font
    missing = {c for c in shown if ord(c) not in font.getBestCmap()}
    assert missing == set()
