"""The explorables (tools/explorables.py) in Chromium, on a 375 px phone.

Each explorable of the site is opened once: its room is reserved before it
is drawn and it does not move when drawn; it fits the phone, with text of
11 px or more; every control is a labelled native input, moved by keyboard
from its first position to its last, and every position changes the drawing
and the numbers, which equal what the library computes. The visit records
its requests and console errors too.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import runpy
from functools import partial

import numpy as np
import pytest

from handgrad.activations import sigmoid, sigmoid_prime
from handgrad.data import bell
from handgrad.descent import gradient_descent
from handgrad.fit import DivergenceError
from handgrad.network import Network
from handgrad.training import train
from handgrad.two_two_one import EXAMPLE_X, EXAMPLE_Y, backward, forward, init_params

from .browsing import (
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    VIEWPORTS,
    new_context,
    open_page,
    settle,
)

CONFIG = "phone-light"
PHONE_WIDTH = 375
SMALLEST_TEXT_PX = 11

# The explorable's state, in the page: its room, its controls, the numbers it
# shows (each [data-hg] element's text, by name) and a digest of its drawing.
STATE = """(box) => {
  const svg = box.querySelector(".hg-x__plot");
  const shown = {};
  box.querySelectorAll("[data-hg]").forEach((el) => {
    (shown[el.dataset.hg] = shown[el.dataset.hg] || []).push(el.textContent);
  });
  const controls = {};
  box.querySelectorAll("input").forEach((input) => {
    controls[input.dataset.hgControl] = input.value;
  });
  let digest = 0;
  for (const c of svg.innerHTML) digest = (digest * 31 + c.charCodeAt(0)) | 0;
  return { controls, shown, drawing: digest };
}"""

# With JavaScript off: each box's visible figures (their alt text) and drawings.
STATIC = """(boxes) => boxes.map((box) => ({
  figures: [...box.querySelectorAll("img")].filter((img) => img.checkVisibility()
    && img.getBoundingClientRect().height > 0).map((img) => img.alt),
  drawings: box.querySelectorAll(".hg-x").length,
}))"""

LAYOUT = """(box) => {
  const x = box.querySelector(".hg-x");
  const svg = x.querySelector(".hg-x__plot");
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const texts = [...svg.querySelectorAll("text")];
  return {
    height: box.getBoundingClientRect().height,
    right: x.getBoundingClientRect().right,
    overflows: x.scrollHeight > x.clientHeight + 1 || x.scrollWidth > x.clientWidth + 1,
    readoutOverflows: [...x.querySelectorAll(".hg-x__readout")].some(
      (p) => p.scrollHeight > p.clientHeight + 1),
    scrollWidth: document.documentElement.scrollWidth,
    smallestTextPx: Math.min(...texts.map(
      (t) => parseFloat(getComputedStyle(t).fontSize) * scale)),
    figuresShown: [...box.querySelectorAll("img")].filter(
      (img) => img.checkVisibility()).length,
    unlabelled: [...x.querySelectorAll("input")].filter(
      (input) => input.type !== "range" || input.labels.length !== 1).length,
    live: x.querySelectorAll("[aria-live]").length,
    svgLabel: svg.getAttribute("role") === "img" && !!svg.getAttribute("aria-label"),
  };
}"""


def explorable_pages(site) -> dict[str, list[str]]:
    """Each page of the built site that has explorables, and their names."""
    found = {}
    for html in sorted(site.rglob("*.html")):
        text = html.read_text(encoding="utf-8")
        names = re.findall(r'<div class="hg-explorable" data-explorable="(\w+)"', text)
        if names:
            found[html.parent.relative_to(site).as_posix() + "/"] = names
    return found


# The state after each move, recorded in the page as the move's "input"
# event reaches the box: the explorable redraws in that event's handler on
# the input, which runs first. A round trip to read it after each key press
# took half of the sweep's time.
RECORD = f"""(box) => {{
  const state = {STATE};
  box.hgStates = [];
  box.addEventListener("input", () => box.hgStates.push(state(box)));
}}"""


async def _sweep(page, box) -> list[dict]:
    """Every control moved by keyboard from its first position to its last."""
    states = [await box.evaluate(STATE)]
    await box.evaluate(RECORD)
    for control in await box.locator("input").all():
        await control.focus()
        await page.keyboard.press("Home")
        await box.evaluate("(box) => { box.hgStates = []; }")  # Home is no move
        states.append(await box.evaluate(STATE))
        lowest, highest, step = [
            float(await control.get_attribute(name)) for name in ("min", "max", "step")
        ]
        for _ in range(round((highest - lowest) / step)):
            await page.keyboard.press("ArrowRight")
        moved = await box.evaluate("(box) => box.hgStates")
        assert float(await control.input_value()) == highest
        states += [state | {"moved": True} for state in moved]
    return states


async def _without_javascript(browser, base_url, pages) -> dict[str, list]:
    """Each page's explorables with JavaScript off: what each box shows."""
    width, height = VIEWPORTS["phone"]
    context = await browser.new_context(
        viewport={"width": width, "height": height}, java_script_enabled=False
    )
    shown = {}
    for path in pages:
        page = await context.new_page()
        await page.goto(base_url + path, wait_until="load")
        shown[path] = await page.locator(".hg-explorable").evaluate_all(STATIC)
        await page.close()
    await context.close()
    return shown


async def _hold(release: asyncio.Event, route) -> None:
    """Answer a request once ``release`` is set."""
    await release.wait()
    await route.continue_()


async def _explore(base_url, pages) -> tuple[dict, dict]:
    from playwright.async_api import async_playwright

    found = {}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        context = await new_context(browser, base_url, CONFIG)
        for path, names in pages.items():
            # The data waits until the room kept for each explorable is measured.
            release = asyncio.Event()
            await context.route("**/explorables/*.json", partial(_hold, release))
            page, visit = await open_page(context, base_url, path)
            boxes = {
                name: page.locator(f'.hg-explorable[data-explorable="{name}"]')
                for name in names
            }
            before = {
                name: await box.evaluate(
                    "(b) => [b.className, b.getBoundingClientRect().height]"
                )
                for name, box in boxes.items()
            }
            release.set()
            for name, box in boxes.items():
                await box.scroll_into_view_if_needed()
                await page.wait_for_function(
                    "(b) => b.classList.contains('hg-explorable--live')",
                    arg=await box.element_handle(),
                    timeout=20_000,
                )
                found[name] = {
                    "before": before[name],
                    "layout": await box.evaluate(LAYOUT),
                    "states": await _sweep(page, box),
                    "visit": visit,
                }
            await context.unroute("**/explorables/*.json")
            await settle(page, visit)
            await page.close()
        static = await _without_javascript(browser, base_url, pages)
        await browser.close()
    return found, static


@pytest.fixture(scope="module")
def run(site, base_url):
    """One run of Chromium over the pages with explorables."""
    if not CHROMIUM.is_file():
        pytest.skip(f"no Chromium at {CHROMIUM}: apt-get install chromium")
    pytest.importorskip("playwright.async_api")
    return asyncio.run(_explore(base_url, explorable_pages(site)))


@pytest.fixture
def explored(run) -> dict:
    """Each explorable, by name, as the phone showed it and as it moved."""
    return run[0]


@pytest.fixture
def without_javascript(run) -> dict:
    """Each page's explorables, as the phone showed them with JavaScript off."""
    return run[1]


def data(site, name: str) -> dict:
    """An explorable's data, as the site publishes it."""
    return json.loads((site / "explorables" / f"{name}.json").read_text())


def agrees(shown: str, value: float) -> bool:
    """Whether the number ``shown`` (``-12.34`` or ``5.4e-12``) is ``value``
    rounded to its last digit."""
    mantissa, _, exponent = shown.partition("e")
    decimals = len(mantissa.split(".")[1]) if "." in mantissa else 0
    unit = 10.0 ** (int(exponent or 0) - decimals)
    return abs(float(shown) - value) <= 0.5 * unit * (1 + 1e-9)


def test_every_explorable_is_on_a_page_and_drawn(explored):
    scripts = sorted(p.stem for p in (ROOT / "docs" / "explorables").glob("*.py"))
    assert sorted(explored) == scripts


def test_without_javascript_each_shows_its_static_figure(without_javascript, site):
    pages = explorable_pages(site)
    assert sorted(without_javascript) == sorted(pages)
    for path, boxes in without_javascript.items():
        assert len(boxes) == len(pages[path]), path
        for box in boxes:
            assert box["drawings"] == 0, path
            assert len(box["figures"]) == 1, path  # the palette's own
            assert box["figures"][0].strip(), path


def test_no_console_error_and_only_local_requests(explored, base_url):
    for name, seen in explored.items():
        visit = seen["visit"]
        assert visit.console_errors + visit.failures == [], name
        assert any("explorables/" in url for url in visit.requests), name
        assert [u for u in visit.requests if not u.startswith(base_url)] == [], name


def test_its_room_is_reserved_before_it_is_drawn(explored):
    for name, seen in explored.items():
        classes, height = seen["before"]
        assert "hg-explorable--js" in classes.split(), name
        assert "hg-explorable--live" not in classes.split(), name
        assert seen["layout"]["height"] == pytest.approx(height, abs=1), name


def test_it_fits_the_phone_with_readable_text(explored):
    for name, seen in explored.items():
        layout = seen["layout"]
        assert layout["right"] <= PHONE_WIDTH, name
        assert layout["scrollWidth"] <= PHONE_WIDTH, name
        assert not layout["overflows"], name
        assert not layout["readoutOverflows"], name
        assert layout["smallestTextPx"] >= SMALLEST_TEXT_PX - 0.05, name
        assert layout["figuresShown"] == 0, name  # the drawing replaced it


def test_every_control_is_labelled_and_the_numbers_announced(explored):
    for name, seen in explored.items():
        layout = seen["layout"]
        assert layout["unlabelled"] == 0, name
        assert layout["live"] == 1, name
        assert layout["svgLabel"], name


def test_every_keyboard_move_changes_the_drawing_and_the_numbers(explored):
    for name, seen in explored.items():
        states = seen["states"]
        moves = [(a, b) for a, b in itertools.pairwise(states) if b.get("moved")]
        assert moves, name  # each test below checks every position was shown
        for before, after in moves:
            assert after["drawing"] != before["drawing"], (name, after["controls"])
            assert after["shown"] != before["shown"], (name, after["controls"])


def _outcome(fit_or_error) -> str:
    """What a run did, worded as docs/values/learning-rate.py words it."""
    if isinstance(fit_or_error, DivergenceError):
        return f"diverges: DivergenceError at step {fit_or_error.step}"
    if not fit_or_error.converged:
        return f"still moving after {fit_or_error.steps} steps"
    steps = fit_or_error.steps
    return f"converges in {steps} step" + ("s" if steps != 1 else "")


def test_the_learning_rate_explorable_shows_what_the_library_computes(explored, site):
    d = data(site, "learning_rate")
    x, y = np.array(d["x"]), np.array(d["y"])
    states = explored["learning_rate"]["states"]
    rates = {s["controls"]["rate"] for s in states}
    assert len(rates) == 50  # every position of the slider
    for state in states:
        rate, shown = float(state["controls"]["rate"]), state["shown"]
        try:
            fit = gradient_descent(
                x, y, learning_rate=rate, fit="intercept", fixed_slope=d["w"]
            )
        except DivergenceError as error:
            fit = error
        assert shown["outcome"] == [_outcome(fit)], rate
        assert agrees(shown["factor"][0], 1 - 2 * len(x) * rate), rate
        assert all(agrees(text, rate) for text in shown["rate"]), rate


def test_the_descent_path_explorable_shows_what_the_library_computes(explored, site):
    d = data(site, "intercept_path")
    x, y = np.array(d["x"]), np.array(d["y"])
    states = explored["intercept_path"]["states"]
    for state in states:
        controls, shown = state["controls"], state["shown"]
        rate, start = float(controls["rate"]), float(controls["start"])
        steps = int(controls["steps"])
        fit = gradient_descent(  # at least one step: the library asks for one
            x,
            y,
            learning_rate=rate,
            start=(start, d["w"]),
            fit="intercept",
            fixed_slope=d["w"],
            max_steps=max(steps, 1),
        )
        taken = min(steps, fit.steps)
        assert shown["step"] == [str(taken)], controls
        assert agrees(shown["b"][0], fit.path.intercept[taken]), controls
        assert agrees(shown["ssr"][0], fit.loss[taken]), controls
    positions = {
        k: len({s["controls"][k] for s in states}) for k in states[0]["controls"]
    }
    assert positions == {"rate": 50, "start": 25, "steps": 21}


def test_the_gradient_check_explorable_shows_the_librarys_errors(explored, site):
    d = data(site, "gradcheck_eps")
    states = explored["gradcheck_eps"]["states"]
    assert len({s["controls"]["exponent"] for s in states}) == len(d["eps"]) == 49
    # The sweep of docs/figures/plot_gradcheck_eps.py, and the page's model of
    # the two parts of the error: u |f| / eps, and eps² |f'''| / 6 (central) or
    # eps |f''| / 2 (one-sided), each made relative as the measured ones are.
    z = np.random.default_rng(0).uniform(0.2, 1.0, 400)
    s, exact = sigmoid(z), sigmoid_prime(z)
    u = np.finfo(np.float64).eps / 2

    def relative(estimate):
        return np.median(np.abs(estimate - exact) / (np.abs(estimate) + np.abs(exact)))

    def part(error):
        return np.median(np.abs(error) / (2 * exact))

    for state in states:
        exponent, shown = float(state["controls"]["exponent"]), state["shown"]
        eps = 10.0**exponent
        expected = {
            "eps": eps,
            "central": relative((sigmoid(z + eps) - sigmoid(z - eps)) / (2 * eps)),
            "one_sided": relative((sigmoid(z + eps) - s) / eps),
            "rounding": part(u * s / eps),
            "truncation_central": part(eps**2 * exact * (1 - 6 * s + 6 * s**2) / 6),
            "truncation_one_sided": part(eps * exact * (1 - 2 * s) / 2),
        }
        for name, value in expected.items():
            assert agrees(shown[name][-1], value), (exponent, name)
    values = runpy.run_path(str(ROOT / "docs" / "values" / "gradient-checking.py"))
    best = d["eps"][int(np.argmin(d["central"]))]
    assert best == pytest.approx(values["best_eps_central"], rel=1e-12)


def test_the_backprop_explorable_steps_through_the_librarys_numbers(explored):
    states = explored["backprop_steps"]["states"]
    params, X, Y = init_params(), np.array(EXAMPLE_X), np.array(EXAMPLE_Y)
    cache = forward(params, X)
    grads = backward(params, cache, Y)
    # Each step's value, by the page's formulas: the forward pass, the cost,
    # then the eight lines of the backward pass (m = 1).
    dC_dA2 = 2 * (cache.A2 - Y) / len(X)
    dC_dZ2 = dC_dA2 * cache.A2 * (1 - cache.A2)
    dC_dA1 = dC_dZ2 @ params.W2.T
    dC_dZ1 = dC_dA1 * cache.A1 * (1 - cache.A1)
    expected = [
        cache.Z1, cache.A1, cache.Z2, cache.A2, np.mean((cache.A2 - Y) ** 2),
        dC_dA2, dC_dZ2, grads.dC_dW2, dC_dZ2.sum(axis=0),
        dC_dA1, dC_dZ1, grads.dC_dW1, dC_dZ1.sum(axis=0),
    ]  # fmt: skip
    values = runpy.run_path(str(ROOT / "docs" / "values" / "backprop-by-hand.py"))
    tables = values["forward_table"] + values["backward_table"]
    seen = {}
    for state in states:
        step, shown = int(state["controls"]["step"]), state["shown"]
        numbers = re.findall(r"-?\d+\.\d+", shown["value"][0])
        value = np.ravel(expected[step - 1])
        assert len(numbers) == value.size, step
        assert all(agrees(n, v) for n, v in zip(numbers, value, strict=True)), step
        if step != 5:  # the cost is in the prose, not the tables
            assert all(n in tables for n in numbers), step
        seen[step] = shown["formula"][0]
    assert sorted(seen) == list(range(1, 14))
    assert seen[1].startswith("Z₁")
    assert seen[13].startswith("∂C/∂b₁")


def test_the_bent_lines_explorable_follows_the_librarys_training(explored, site):
    d = data(site, "bent_lines")
    states = explored["bent_lines"]["states"]
    X, Y = bell()
    net = Network.init([1, 20, 1], ["relu", "identity"], seed=1)
    losses = train(net, X, Y, learning_rate=0.05, steps=5_000).loss
    steps = [stage["step"] for stage in d["stages"]]
    assert {int(s["controls"]["stage"]) for s in states} == set(range(len(steps)))
    for state in states:
        stage, shown = d["stages"][int(state["controls"]["stage"])], state["shown"]
        assert shown["steps"] == [str(stage["step"])]
        assert agrees(shown["mse"][0], losses[stage["step"]]), stage["step"]
        assert agrees(shown["b2"][0], stage["b2"]), stage["step"]
    assert stage["b2"] == net.b[1][0]  # the last stage: the trained network
    values = runpy.run_path(str(ROOT / "docs" / "values" / "why-networks.py"))
    assert d["stages"][-1]["mse"] == pytest.approx(values["net_loss"], rel=1e-12)
    assert steps[-1] == values["STEPS"]
