"""What the browser tests share: where things are, the nav, one page visit."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
AXE = ROOT / "tools" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
# Headless, and reaching no host of its own accord (updates, sync, ...).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORTS = {"desktop": (1280, 800), "phone": (375, 740)}
# Each width once and each palette once: what depends on the width (layout,
# sideways scrolling, figure text) is checked at both, what depends on the
# palette (colours, contrast, which figure shows and prints) in both.
CONFIGS = ["desktop-light", "phone-dark"]
# Pages open at once: two keep two cores busy; more only add contention.
AT_ONCE = 2
# Where the copy buttons are tried, on every page (once is enough).
COPY_CONFIG = "desktop-light"

# Long pages render a block only when it nears the screen (content-visibility:
# auto, "Long pages" in docs/assets/extra.css). In the page: every such
# block, rendered as a reader scrolling to it sees it (contained) and as if
# the rule were not there (free); [where each child of the article is, in
# both]; and the blocks whose content reaches outside them further than the
# half em they may draw there. The page is left with every block rendered,
# free, for what is measured next.
RENDER_LATER = """async () => {
  const frame = () => new Promise((done) => requestAnimationFrame(() => done()));
  const article = document.querySelector(".md-content__inner");
  if (!article) return { blocks: 0, contained: [], free: [], clipped: [] };
  const children = [...article.children];
  const blocks = children.filter(
    (el) => getComputedStyle(el).contentVisibility === "auto");
  blocks.forEach((el) => el.classList.add("hg-probe"));
  const style = document.createElement("style");
  document.head.append(style);
  const where = () => children.map((el) => {
    const box = el.getBoundingClientRect();
    return `${el.tagName.toLowerCase()}.${el.classList[0] || ""} ` +
      [box.top + scrollY, box.left, box.width, box.height]
        .map((x) => x.toFixed(1)).join(" ");
  });
  style.textContent = ".hg-probe { content-visibility: visible !important;" +
    " contain: layout style paint !important; }";
  await frame();
  const contained = where();
  style.textContent = ".hg-probe { content-visibility: visible !important; }";
  await frame();
  const free = where();
  const em = (el) => parseFloat(getComputedStyle(el).fontSize);
  const clipped = blocks.filter((el) =>
    getComputedStyle(el).overflow === "visible" &&
    (el.scrollWidth > el.clientWidth + em(el) / 2 ||
     el.scrollHeight > el.clientHeight + em(el) / 2)
  ).map((el) => `${el.tagName.toLowerCase()}: ${el.innerText.slice(0, 60)}`);
  return { blocks: blocks.length, contained, free, clipped };
}"""

# Material mounts a code block (its copy button, its keyboard focus) when
# the block first comes into view. Polled after the window has been made as
# tall as the page: the code blocks of the article, and those mounted.
CODE_BLOCKS = """() => ["code", "nav.md-code__nav"].map((what) =>
  document.querySelectorAll(`.md-content__inner .highlight > pre > ${what}`).length)"""

# What one visit measures, in the page, after it has loaded.
MEASURE = """async () => {
  const box = (el) => el.getBoundingClientRect();
  const unloaded = new Map([...document.images].filter((img) => !img.complete)
    .map((img) => [img, box(img).height]));
  for (const img of document.images) img.loading = "eager";
  await Promise.all([...document.images].map((img) => img.complete ? null :
    new Promise((done) => { img.onload = img.onerror = done; })));
  const visible = (el) => el.checkVisibility() && box(el).width > 0;
  const wide = [...document.querySelectorAll(
    ".math-display, .md-typeset pre > code, .md-typeset__scrollwrap," +
    " .jupyter-wrapper .jp-Cell-inputWrapper, .jupyter-wrapper .jp-OutputArea-output"
  )].filter(visible).map((el) => ({
    what: el.className || el.tagName,
    scrolls: el.scrollWidth > el.clientWidth + 1,
    overflowX: getComputedStyle(el).overflowX,
    right: box(el).right,
  }));
  return {
    text: document.body.innerText,
    arithmatex: document.querySelectorAll(".arithmatex").length,
    arithmatexWithoutMath: [...document.querySelectorAll(".arithmatex")]
      .filter((el) => !el.querySelector("math")).length,
    math: document.querySelectorAll("math").length,
    mathErrors: document.querySelectorAll("merror").length,
    images: [...document.images].map((img) => ({
      src: img.getAttribute("src") || "",
      alt: (img.getAttribute("alt") || "").trim(),
      naturalWidth: img.naturalWidth,
      width: box(img).width,
      height: box(img).height,
      // Its height while it had not loaded yet (null: it had by then).
      heightUnloaded: unloaded.has(img) ? unloaded.get(img) : null,
      textPx: img.dataset.textPx === "none" ? null
        : parseFloat(img.dataset.textPx || "0"),
      visible: visible(img),
      // A figure an explorable stands in for (tools/explorables.py).
      replaced: img.closest(".hg-explorable--js") !== null,
    })),
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    wide,
    notebook: document.querySelector(".jupyter-wrapper") !== null,
    outputs: [...document.querySelectorAll(".jupyter-wrapper .jp-OutputArea-output")]
      .map((el) => ({ text: el.innerText, images: el.querySelectorAll("img").length })),
    downloads: [...document.querySelectorAll("a[download]")]
      .map((a) => ({ text: a.innerText.trim(), href: a.href })),
  };
}"""

# axe-core runs in every configuration, with its colour-contrast rule.
AXE_CONFIGS = CONFIGS
# Its serious and critical findings. Inside the formulas' <math> elements it
# looks at nothing: a formula has the colour of the text around it, which is
# checked (test_site.py: no formula sets a colour), and skipping its
# thousands of elements takes a third off axe's time on a long page. Nor
# does it run the rules whose every check is of moderate or minor impact
# (26 of its 90, such as region and heading-order): a rule's finding has the
# impact of its checks, so they could only find what is not reported, and
# they took a fifth of axe's time.
AXE_RUN = """async () => {
  const impacts = (rule) => [rule.impact, ...[...rule.any, ...rule.all, ...rule.none]
    .map((check) => (axe._audit.checks[check.id || check] || {}).impact)];
  const rules = axe._audit.rules
    .filter((rule) => rule.enabled !== false && !rule.tags.includes("experimental"))
    .filter((rule) => impacts(rule).some((i) => i === "serious" || i === "critical"))
    .map((rule) => rule.id);
  const expected = ["color-contrast", "image-alt", "button-name"];
  if (!expected.every((id) => rules.includes(id))) {
    throw new Error("AXE_RUN (tests/browser/browsing.py) no longer finds axe-core's " +
      "serious rules in its metadata: " + rules.join(", "));
  }
  const result = await axe.run({ exclude: [["math"]] }, {
    resultTypes: ["violations"], runOnly: { type: "rule", values: rules } });
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => n.target.join(" ") + ": " +
        (n.failureSummary || "").replace(/\\s+/g, " ")),
    }));
}"""

# Every solution (<details>) opened, before anything is measured.
OPEN_SOLUTIONS = """() => {
  document.querySelectorAll("details").forEach((d) => { d.open = true; });
}"""

# Every copy button clicked in turn (solutions are open by then, see
# mount_code_blocks): Material's on code blocks and the notebook cells'
# own. [code it points at, what was copied].
COPY_ALL = """async () => {
  const found = [];
  const buttons = document.querySelectorAll(
    "button[data-clipboard-target], .jupyter-wrapper clipboard-copy");
  for (const button of buttons) {
    await navigator.clipboard.writeText("");
    button.click();
    // Read at once (the click copies as it runs), then every 10 ms for up
    // to 10 s: on a busy machine the copy can take seconds.
    const deadline = performance.now() + 10000;
    let copied = await navigator.clipboard.readText();
    while (!copied && performance.now() < deadline) {
      await new Promise((done) => setTimeout(done, 10));
      copied = await navigator.clipboard.readText();
    }
    const target = button.getAttribute("data-clipboard-target");
    found.push([target ? document.querySelector(target).innerText
      : document.getElementById(button.getAttribute("for")).textContent, copied]);
  }
  return found;
}"""


# The page as it prints, straight after opening. FONTS_AT_IDLE: the maths
# fonts that its formulas use and that are not loaded once the page is idle
# (a formula far down is laid out only as it nears the screen, so its fonts
# would wait for that, and print does not wait for them). PRINTED_FIGURES:
# under print media, after "beforeprint", which figures show and whether
# they loaded.
FONTS_AT_IDLE = """async () => {
  const within = (promise, ms) =>
    Promise.race([promise, new Promise((done) => setTimeout(done, ms))]);
  // The page fetches its fonts when idle, or after 3 s (overrides/main.html).
  await new Promise((done) => requestIdleCallback(done, { timeout: 4000 }));
  await within(document.fonts.ready, 5000);
  const faces = new Set();
  for (const el of document.querySelectorAll("math, math *")) {
    if (![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) {
      continue;
    }
    const style = getComputedStyle(el);
    const family = style.fontFamily.split(",")[0].replace(/["']/g, "").trim();
    if (family === "Latin Modern Math" || family === "Temml") {
      faces.add(`${style.fontStyle} ${style.fontWeight} 12px ${family}`);
    }
  }
  return [...faces].filter((face) => !document.fonts.check(face)).sort();
}"""

PRINTED_FIGURES = """async () => {
  dispatchEvent(new Event("beforeprint"));
  const figures = [...document.querySelectorAll('img[src*="figures/plot_"]')];
  const shown = figures.filter((img) => getComputedStyle(img).display !== "none");
  const loaded = shown.map((img) => img.decode().catch(() => null));
  await Promise.race([
    Promise.all(loaded), new Promise((done) => setTimeout(done, 5000)),
  ]);
  return figures.map((img) => ({
    src: img.getAttribute("src"),
    shown: getComputedStyle(img).display !== "none",
    loaded: img.complete && img.naturalWidth > 0,
  }));
}"""


@dataclass
class Visit:
    """What the browser saw of one page in one viewport and palette."""

    path: str
    url: str
    requests: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    measured: dict = field(default_factory=dict)
    axe: list[dict] | None = None
    copies: list[tuple[str, str]] = field(default_factory=list)  # (expected, got)
    render_later: dict = field(default_factory=dict)  # RENDER_LATER's answer
    fonts_at_idle: list[str] = field(default_factory=list)  # FONTS_AT_IDLE's
    printed_figures: list[dict] = field(default_factory=list)  # PRINTED_FIGURES's
    code_blocks: tuple[int, int] = (0, 0)  # CODE_BLOCKS's answer
    pending: set = field(default_factory=set)  # requests not answered yet
    stop_recording: Callable[[], None] = field(  # set by open_page
        default=lambda: None, repr=False, compare=False
    )


class _NavLinks(HTMLParser):
    """The page links of Material's primary navigation, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self._depth = 0  # inside <nav class="md-nav--primary">

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "nav" and (self._depth or "md-nav--primary" in classes):
            self._depth += 1
        if self._depth and tag == "a" and "md-nav__link" in classes:
            self.hrefs.append(a.get("href") or "")

    def handle_endtag(self, tag):
        if tag == "nav" and self._depth:
            self._depth -= 1


def nav_pages(site: Path) -> list[str]:
    """Every page in the nav, as a path from the site root ("" for home)."""
    parser = _NavLinks()
    parser.feed((site / "index.html").read_text(encoding="utf-8"))
    pages = []
    for href in parser.hrefs:
        split = urlsplit(href)
        if split.scheme or split.netloc or (not split.path and split.fragment):
            continue  # another site, or a heading of the home page
        path = urlsplit(urljoin("http://site/", href)).path.lstrip("/")
        if path not in pages:
            pages.append(path)
    return pages


async def open_page(context, base_url: str, path: str, page=None):
    """A tab at ``path``, loaded, and the Visit it records into: ``page``, a
    tab that :func:`leave` has emptied, or else a new one."""
    visit = Visit(path=path or "/", url=base_url + path)
    if page is None:
        page = await context.new_page()

    def on_response(response):
        if response.status >= 400:
            visit.failures.append(f"{response.status} {response.url}")

    def on_console(message):
        if message.type == "error":
            visit.console_errors.append(message.text)

    def on_request(request):
        visit.requests.append(request.url)
        visit.pending.add(request)

    def on_failed(request):
        visit.failures.append(f"{request.failure} {request.url}")
        visit.pending.discard(request)

    handlers = {
        "request": on_request,
        "response": on_response,
        "requestfinished": lambda request: visit.pending.discard(request),
        "requestfailed": on_failed,
        "console": on_console,
        "pageerror": lambda error: visit.console_errors.append(str(error)),
    }
    for event, handler in handlers.items():
        page.on(event, handler)

    def stop_recording():
        for event, handler in handlers.items():
            page.remove_listener(event, handler)

    visit.stop_recording = stop_recording
    await page.goto(visit.url, wait_until="load")
    return page, visit


async def leave(page, visit) -> None:
    """End ``visit``: stop recording it and empty its tab (``about:blank``,
    which ends whatever the page still fetched), ready for the next visit.
    A tab that goes on to the next page took 7 core-seconds for the 29 pages
    of the nav, where a new tab for each took 14: no new renderer process,
    and Material's scripts compiled once."""
    visit.stop_recording()
    await page.goto("about:blank")


async def settle(page, visit, timeout_ms: int = 5000) -> None:
    """Wait until every request the page made has been answered or failed."""
    for _ in range(timeout_ms // 50):
        if not visit.pending:
            return
        await page.wait_for_timeout(50)
    visit.failures += [f"no answer in {timeout_ms} ms: {r.url}" for r in visit.pending]


@dataclass
class Browsed:
    """Everything the browser tests check, gathered in one run of Chromium."""

    visits: dict[str, dict[str, Visit]]  # config -> page path -> Visit
    search: Visit  # the home page after a search for SEARCH_FOR
    search_results: list[str]
    not_found_search: Visit  # the 404 page's form, sent with SEARCH_FOR
    not_found_results: list[str]


SEARCH_FOR = "backpropagation"
# The page a server shows for an address with no page (overrides/404.html).
NOT_FOUND = "404.html"


async def browse(base_url: str, pages: list[str], axe: str | None) -> Browsed:
    """Visit every page in every configuration, a few at a time, and search."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        contexts = {
            config: await new_context(browser, base_url, config) for config in CONFIGS
        }
        at_once = asyncio.Semaphore(AT_ONCE)
        clipboard = asyncio.Lock()  # one clipboard for the whole browser
        tabs = {config: [] for config in CONFIGS}  # emptied, for the next visit

        async def visit(config: str, path: str) -> Visit:
            async with at_once:
                # A tab that opens takes the focus, and a page that changes
                # may hand it on; a copy needs it: no tab opens and no page
                # changes while another page copies.
                async with clipboard:
                    tab = tabs[config].pop() if tabs[config] else None
                    page, found = await open_page(contexts[config], base_url, path, tab)
                try:
                    found.fonts_at_idle = await page.evaluate(FONTS_AT_IDLE)
                    if config == COPY_CONFIG:
                        # Everything mounted, as a reader who scrolled sees
                        # it (and axe then checks it: focusable code and
                        # tables). On a phone Material gives a code block no
                        # focus (test_accessibility) and the copy buttons are
                        # tried here: the phone's visit skips the tall window
                        # that mounts them, a third of its time on long pages.
                        found.code_blocks = await mount_code_blocks(page, config)
                    else:
                        await page.evaluate(OPEN_SOLUTIONS)
                    found.render_later = await page.evaluate(RENDER_LATER)
                    found.measured = await page.evaluate(MEASURE)
                    if axe is not None and config in AXE_CONFIGS:
                        await page.add_script_tag(content=axe)
                        found.axe = await page.evaluate(AXE_RUN)
                    if config == COPY_CONFIG:
                        async with clipboard:
                            # A copy needs the focused tab: other pages of
                            # the browser are open at the same time.
                            await page.bring_to_front()
                            copies = await page.evaluate(COPY_ALL)
                        found.copies = [tuple(pair) for pair in copies]
                    await page.emulate_media(media="print")
                    found.printed_figures = await page.evaluate(PRINTED_FIGURES)
                    await page.emulate_media(media="screen")
                    await settle(page, found)
                finally:
                    async with clipboard:
                        await leave(page, found)
                tabs[config].append(page)
                return found

        jobs = [(config, path) for config in CONFIGS for path in pages]
        done = await asyncio.gather(*(visit(*job) for job in jobs))
        visits = {config: {} for config in CONFIGS}
        for (config, _), found in zip(jobs, done, strict=True):
            visits[config][found.path] = found
        search, results = await search_home(contexts[COPY_CONFIG], base_url)
        lost, lost_results = await search_from_404(contexts[COPY_CONFIG], base_url)
        await browser.close()
    return Browsed(
        visits=visits,
        search=search,
        search_results=results,
        not_found_search=lost,
        not_found_results=lost_results,
    )


async def mount_code_blocks(page, config: str) -> tuple[int, int]:
    """Open every solution and show the whole page at once, so that every code
    block mounts, then restore the window; CODE_BLOCKS's answer once they all
    have (or after 5 s)."""
    await page.evaluate(OPEN_SOLUTIONS)
    width, height = VIEWPORTS[config.split("-")[0]]
    for _ in range(100):
        # Blocks that render grow the page, so the window follows it.
        tall = await page.evaluate("document.documentElement.scrollHeight")
        await page.set_viewport_size({"width": width, "height": max(height, tall)})
        counts = tuple(await page.evaluate(CODE_BLOCKS))
        if counts[0] == counts[1]:
            break
        await page.wait_for_timeout(50)
    await page.set_viewport_size({"width": width, "height": height})
    return counts


async def new_context(browser, base_url: str, config: str):
    """A context in one viewport and palette, allowed to use the clipboard."""
    viewport, palette = config.split("-")
    width, height = VIEWPORTS[viewport]
    context = await browser.new_context(
        viewport={"width": width, "height": height},
        color_scheme=palette,
        is_mobile=viewport == "phone",
        has_touch=viewport == "phone",
    )
    await context.grant_permissions(
        ["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/")
    )
    return context


async def search_home(context, base_url: str) -> tuple[Visit, list[str]]:
    """Type SEARCH_FOR into Material's search box on the home page."""
    page, visit = await open_page(context, base_url, "")
    try:
        await page.locator(".md-search__input").click()
        await page.keyboard.type(SEARCH_FOR)  # key by key: Material reads keyup
        results = page.locator(".md-search-result__item")
        await results.first.wait_for(state="visible", timeout=10_000)
        found = await results.all_inner_texts()
        await settle(page, visit)
    finally:
        await page.close()
    return visit, found


async def search_from_404(context, base_url: str) -> tuple[Visit, list[str]]:
    """Send SEARCH_FOR with the 404 page's own form: the home page opens with
    Material's search showing what it found."""
    page, visit = await open_page(context, base_url, NOT_FOUND)
    try:
        await page.locator("#hg-not-found-query").fill(SEARCH_FOR)
        async with page.expect_navigation(wait_until="load"):
            await page.locator(".hg-not-found-search button").click()
        results = page.locator(".md-search-result__item")
        await results.first.wait_for(state="visible", timeout=10_000)
        found = await results.all_inner_texts()
        visit.url = page.url
        await settle(page, visit)
    finally:
        await page.close()
    return visit, found
