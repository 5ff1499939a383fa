"""The built site, read as files: reproducible, self-contained, fully rendered."""

import filecmp
import re
from html.parser import HTMLParser
from pathlib import Path

import material
import pytest
from conftest import build_site
from notebooks import PLACEHOLDER_ALT

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


def test_two_clean_builds_are_byte_identical(site, tmp_path):
    other = build_site(tmp_path)
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


def test_every_formula_is_rendered_at_build_time(site):
    for path in html_pages(site):
        text = path.read_text(encoding="utf-8")
        assert 'class="arithmatex">\\(' not in text
        visible = re.sub(
            r"<(script|pre|code|annotation)\b.*?</\1>", "", text, flags=re.S
        )
        assert "\\[" not in visible
    chain = (site / "chain-rule" / "index.html").read_text(encoding="utf-8")
    assert chain.count('class="katex"') >= 20
    assert "<math" in chain  # MathML for screen readers


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
