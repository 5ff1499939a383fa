"""Every page in the nav as a reader's browser shows it, on a desktop and a phone,
in the light and the dark palette."""

import json
import re
import urllib.request

import nbformat
import pytest

from .browsing import CONFIGS, COPY_CONFIG, SEARCH_FOR, VIEWPORTS

RAW_TEX = re.compile(r"\\\(|\\\[|\$\$")


def offenders(visits, what) -> list[str]:
    """``what(visit)`` for every visit, as "page: problem" lines."""
    return [f"{v.path}: {problem}" for v in visits.values() for problem in what(v)]


@pytest.mark.parametrize("config", CONFIGS)
def test_no_console_error_and_no_failed_request(visits, config):
    found = offenders(visits(config), lambda v: v.console_errors + v.failures)
    assert found == []


@pytest.mark.parametrize("config", CONFIGS)
def test_every_request_goes_to_the_local_server(visits, config, base_url):
    done = visits(config)
    assert all(v.requests for v in done.values())
    found = offenders(
        done,
        lambda v: [
            url
            for url in v.requests
            if not url.startswith((base_url, "data:", "blob:"))
        ],
    )
    assert found == []


@pytest.mark.parametrize("config", CONFIGS)
def test_every_formula_is_rendered(visits, config):
    done = visits(config)

    def problems(v):
        m = v.measured
        if RAW_TEX.search(m["text"]):
            yield f"raw TeX on the page: {RAW_TEX.search(m['text'])[0]!r}"
        if m["arithmatexWithoutMath"]:
            yield f"{m['arithmatexWithoutMath']} formulas not rendered as MathML"
        if m["arithmatex"] and not m["math"]:
            yield "maths but no <math> element"
        if m["mathErrors"]:
            yield f"{m['mathErrors']} formula errors (<merror>)"

    assert offenders(done, problems) == []
    assert sum(v.measured["math"] for v in done.values()) > 0


@pytest.mark.parametrize("config", CONFIGS)
def test_every_visible_image_loads_and_has_alt_text(visits, config):
    def problems(v):
        for image in v.measured["images"]:
            if image["visible"] and not image["naturalWidth"]:
                yield f"did not load: {image['src'][:80]}"
            if image["visible"] and not image["alt"]:
                yield f"no alt text: {image['src'][:80]}"

    assert offenders(visits(config), problems) == []


def test_a_figure_keeps_its_room_before_it_loads(visits):
    """A figure loads lazily, as the reader nears it; the page must not move
    when it arrives (tools/figures.py gives it its width and height). On the
    phone, whose visit leaves the figures far down unloaded until measured."""
    done = visits("phone-dark")
    unloaded = [
        image
        for v in done.values()
        for image in v.measured["images"]
        if image["visible"] and image["heightUnloaded"] is not None
    ]

    def problems(v):
        for image in v.measured["images"]:
            before, after = image["heightUnloaded"], image["height"]
            if image["visible"] and before is not None and abs(after - before) > 1:
                yield f"{image['src'][:60]}: {before:.0f} px tall, {after:.0f} loaded"

    assert offenders(done, problems) == []
    assert len(unloaded) >= 3, "no figure was still loading: nothing was checked"


@pytest.mark.parametrize("config", CONFIGS)
def test_the_figures_shown_match_the_palette(visits, config):
    dark = config.endswith("dark")
    done = visits(config)

    def problems(v):
        for image in v.measured["images"]:
            if "figures/plot_" not in image["src"] or image["replaced"]:
                continue
            is_dark = image["src"].split("#")[0].endswith("-dark.svg")
            if image["visible"] != (is_dark == dark):
                shown = "shown" if image["visible"] else "hidden"
                yield f"{shown} in the {config} palette: {image['src']}"

    assert offenders(done, problems) == []
    figures = [i for v in done.values() for i in v.measured["images"]]
    assert any("figures/plot_" in i["src"] and i["visible"] for i in figures)


@pytest.mark.parametrize("config", CONFIGS)
def test_a_page_printed_straight_after_opening_is_complete(visits, config):
    """Every maths font its formulas use is loaded once the page is idle (a
    formula far down is laid out late, and print does not wait for its
    fonts), and it prints the light figures, loaded, in either palette."""
    done = visits(config)

    def problems(v):
        for face in v.fonts_at_idle:
            yield f"font not loaded: {face}"
        for image in v.printed_figures:
            light = not image["src"].split("#")[0].endswith("-dark.svg")
            if image["shown"] != light:
                yield f"{'prints' if image['shown'] else 'leaves out'} {image['src']}"
            if image["shown"] and not image["loaded"]:
                yield f"prints before it loaded: {image['src']}"

    assert offenders(done, problems) == []
    assert any(v.printed_figures for v in done.values())


@pytest.mark.parametrize("config", [c for c in CONFIGS if c.startswith("phone")])
def test_every_figures_text_is_at_least_11_px_on_a_phone(visits, config):
    """A figure's smallest text (its size in the SVG, data-text-px, written
    by tools/figures.py from the figure's own texts) times the scale the
    phone shows the figure at."""
    done = visits(config)

    def problems(v):
        for image in v.measured["images"]:
            if "figures/plot_" not in image["src"] or not image["visible"]:
                continue
            if image["textPx"] is None:  # a figure of images alone: no text
                continue
            if not image["textPx"]:
                yield f"no data-text-px: {image['src']}"
                continue
            shown = image["textPx"] * image["width"] / image["naturalWidth"]
            if shown < 11 - 0.05:
                yield f"text {shown:.1f} px: {image['src']}"

    assert offenders(done, problems) == []
    assert any(
        "figures/plot_" in i["src"] and i["visible"]
        for v in done.values()
        for i in v.measured["images"]
    )


@pytest.mark.parametrize("config", [c for c in CONFIGS if c.startswith("phone")])
def test_the_phone_page_never_scrolls_sideways(visits, config):
    width = VIEWPORTS["phone"][0]

    def problems(v):
        m = v.measured
        if m["innerWidth"] != width or m["scrollWidth"] > m["innerWidth"]:
            yield f"{m['scrollWidth']} px wide in a {m['innerWidth']} px window"
        for box in m["wide"]:
            if box["right"] > width + 1:
                yield f"{box['what']} reaches {box['right']:.0f} px"
            if box["scrolls"] and box["overflowX"] not in ("auto", "scroll"):
                yield f"{box['what']} is cut off (overflow-x: {box['overflowX']})"

    assert offenders(visits(config), problems) == []


@pytest.mark.parametrize("config", CONFIGS)
def test_blocks_rendered_later_move_and_clip_nothing(visits, config):
    """A block of a long page that waits to be rendered (docs/assets/extra.css)
    is, once shown, where it would be without the rule, and so is everything
    after it; and nothing in it reaches outside where it would be cut off."""
    done = visits(config)

    def problems(v):
        probe = v.render_later
        for contained, free in zip(probe["contained"], probe["free"], strict=True):
            if contained != free:
                yield f"moved: {free} -> {contained}"
        for block in probe["clipped"]:
            yield f"cut off: {block}"

    assert offenders(done, problems) == []
    assert sum(v.render_later["blocks"] for v in done.values()) > 100


def test_every_code_block_gets_a_copy_button(visits):
    done = visits(COPY_CONFIG)

    def problems(v):
        blocks, mounted = v.code_blocks
        if mounted != blocks:
            yield f"{mounted} of {blocks} code blocks have their buttons"

    assert offenders(done, problems) == []
    assert sum(v.code_blocks[0] for v in done.values()) > 50


def test_each_copy_button_copies_exactly_its_code_block(visits):
    done = visits(COPY_CONFIG)
    wrong = offenders(
        done,
        lambda v: [
            f"copied {got[:50]!r} for {expected[:50]!r}"
            for expected, got in v.copies
            if got.rstrip("\n") != expected.rstrip("\n")
        ],
    )
    assert wrong == []
    assert sum(len(v.copies) for v in done.values()) > 0, "no copy button anywhere"


def test_notebook_pages_show_outputs_and_download_as_ipynb(visits):
    notebooks = [v for v in visits(COPY_CONFIG).values() if v.measured["notebook"]]
    assert notebooks, "no notebook page in the nav"
    outputs = [o for v in notebooks for o in v.measured["outputs"]]
    assert any(o["images"] for o in outputs), "no figure in any notebook"
    for visit in notebooks:
        m = visit.measured
        assert any(o["text"].strip() or o["images"] for o in m["outputs"]), visit.path
        links = [d for d in m["downloads"] if d["href"].endswith(".ipynb")]
        assert [d["text"] for d in links] == ["Download this notebook (.ipynb)"]
        with urllib.request.urlopen(links[0]["href"]) as response:
            notebook = json.load(response)
        assert notebook["nbformat"] == 4
        assert notebook["cells"]
        nbformat.validate(nbformat.from_dict(notebook))


def test_search_finds_backpropagation(browsed):
    assert browsed.search_results, "no search result"
    assert SEARCH_FOR in browsed.search_results[0].lower()
    assert browsed.search.console_errors + browsed.search.failures == []
    assert any("search_index.json" in url for url in browsed.search.requests)


def test_the_404_pages_search_opens_the_sites_search_with_its_words(browsed):
    visit = browsed.not_found_search
    assert visit.url.split("?")[0].endswith("/"), visit.url  # the home page
    assert browsed.not_found_results, "no search result from the 404 page's form"
    assert SEARCH_FOR in browsed.not_found_results[0].lower()
    assert visit.console_errors + visit.failures == []
