"""Explorables: figures the reader moves, with every number from the library.

An explorable is a static figure that a small page script turns, as it
nears the screen, into a drawing with controls. It has two parts:

- ``docs/explorables/<name>.py``, a data script in the manner of the figure
  and values scripts: it computes what the drawing needs with ``handgrad``
  (seeded) and leaves it in a global dict ``data``, whose ``kind`` names the
  function of the page script that draws it. :func:`build_data` runs each in
  a fresh Python, again only when the cache key (``scripts.py``) changed,
  and writes ``explorables/<name>.json``.
- ``docs/explorables/<script>.js``, the page script: it registers
  ``window.hgExplorables[kind] = function (box, data)``, which draws into the
  box and only draws and looks up (or, for a tiny formula, computes what a
  browser test then compares with the library: tests/browser).

A page shows one by wrapping its figure in a ``div`` that names the data::

    <div class="hg-explorable" data-explorable="learning_rate" markdown>
    ![alt text](figures/plot_learning_rates.svg)
    </div>

:func:`enhance` gives each such ``div`` the addresses of its data and page
script, and the page one small inline loader (:data:`LOADER`): it fetches
both only after the page has loaded and when an explorable nears the screen,
so a page without one loads nothing more and a page with one nothing while it
loads. Without JavaScript, or if
either file fails, the figure stays. No MkDocs here.

    python tools/explorables.py OUT_DIR SCRIPT [SCRIPT ...]   # the worker
"""

from __future__ import annotations

import difflib
import json
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import markup
from scripts import run_stale, worker_main

CLASS = "hg-explorable"
# The loader, once per page after its last explorable. It reserves each
# explorable's room at once (the class hg-explorable--js, extra.css); once the
# page has loaded, so that they never compete with what the page needs first,
# it fetches an explorable's data and page script as it comes within a screen
# of view. A failure puts the static figure back and says why in the console.
LOADER = """<script>(function () {
  var boxes = document.querySelectorAll(".hg-explorable[data-json]");
  if (!("IntersectionObserver" in window) || !window.fetch) return;
  var scripts = {};
  function load(src) {
    return scripts[src] || (scripts[src] = new Promise(function (done, fail) {
      var s = document.createElement("script");
      s.src = src; s.async = true; s.onload = done; s.onerror = fail;
      document.head.appendChild(s);
    }));
  }
  function show(box) {
    Promise.all([fetch(box.dataset.json).then(function (r) {
      if (!r.ok) throw new Error(r.status + " " + r.url);
      return r.json();
    }), load(box.dataset.script)]).then(function (got) {
      window.hgExplorables[got[0].kind](box, got[0]);
      box.classList.add("hg-explorable--live");
    }).catch(function (error) {
      box.classList.remove("hg-explorable--js");
      console.warn("explorable", box.dataset.explorable, error);
    });
  }
  function watch() {
    var seen = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) { seen.unobserve(entry.target); show(entry.target); }
      });
    }, { rootMargin: "100% 0px" });
    boxes.forEach(function (box) { seen.observe(box); });
  }
  boxes.forEach(function (box) { box.classList.add("hg-explorable--js"); });
  if (document.readyState === "complete") watch();
  else addEventListener("load", watch);
})();</script>"""


class ExplorableError(RuntimeError):
    """A data script failed, or a page refers to an explorable badly."""


@dataclass(frozen=True)
class Explorable:
    """One explorable's data (``json``) and the page script that draws it."""

    name: str
    json: Path
    script: str  # its file name in docs/explorables/
    room: tuple[float, float]  # its drawing's height over width; em for the rest


def data_files(script_dir: Path, cache_dir: Path) -> list[Path]:
    """Where :func:`build_data` writes each data script's JSON (run or not yet)."""
    return [_json(cache_dir, s) for s in sorted(script_dir.glob("*.py"))]


def _json(cache_dir: Path, script: Path) -> Path:
    return cache_dir / f"{script.stem}.json"


def build_data(
    script_dir: Path, package_dir: Path, cache_dir: Path
) -> dict[str, Explorable]:
    """Run every data script ``script_dir/<name>.py`` whose cache key changed.

    Returns each :class:`Explorable` by name. Raises :class:`ExplorableError`
    with the script's name and traceback if one fails, or if it names a page
    script that ``script_dir`` does not hold.
    """
    data_scripts = sorted(script_dir.glob("*.py"))
    run_stale(
        __file__,
        data_scripts,
        package_dir,
        cache_dir,
        lambda script: [_json(cache_dir, script)],
        ExplorableError,
    )
    found = {}
    for script in data_scripts:
        target = _json(cache_dir, script)
        record = json.loads(target.read_text(encoding="utf-8"))
        page_script, room = record["script"], record["room"]
        if not (script_dir / page_script).is_file():
            raise ExplorableError(
                f"{script}: its data names the page script {page_script!r}, which"
                f" is not in {script_dir}: write it there, or fix `script`"
            )
        room = (float(room["ratio"]), float(room["em"]))
        found[script.stem] = Explorable(script.stem, target, page_script, room)
    return found


def enhance(
    tree: markup.Element,
    known: Mapping[str, Explorable],
    where: str,
    source: str,
    to_root: str,
) -> list[markup.Edit]:
    """The edits that give each ``div.hg-explorable`` of a page (parsed as
    ``tree``) the addresses of its data and page script, and the page the
    loader. ``to_root`` leads from the page's address to the site's root
    (``"../"``). Raises :class:`ExplorableError`, naming the page (``where``)
    and the line of its ``source``, for an explorable without a data script
    or without a static figure to fall back on."""
    edits: list[markup.Edit] = []
    boxes = tree.find("div", CLASS)
    for box in boxes:
        name = box.attrs.get("data-explorable") or ""
        line = markup.line_of(source, f'data-explorable="{name}"')
        here = f"{where}:{line}" if line else where
        if name not in known:
            close = difflib.get_close_matches(name, known, n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            raise ExplorableError(
                f"{here}: no data script for the explorable {name!r}: {hint}"
                f"write docs/explorables/{name}.py, which leaves a dict `data`."
            )
        if not any(
            "figures/plot_" in (i.attrs.get("src") or "") for i in box.find("img")
        ):
            raise ExplorableError(
                f"{here}: the explorable {name!r} holds no figure: put the static"
                " figure (![alt](figures/plot_<what>.svg)) inside its div, for"
                " print and for readers without JavaScript."
            )
        found = known[name]
        attrs = box.attrs | {
            "data-json": f"{to_root}explorables/{found.json.name}",
            "data-script": f"{to_root}explorables/{found.script}",
            "style": "--hg-x-ratio: {:g}; --hg-x-extra: {:g}em".format(*found.room),
        }
        edits.append((box.start, box.inner, markup.start_tag("div", attrs)))
    if boxes:
        edits.append((boxes[-1].end, boxes[-1].end, LOADER))
    return edits


def _write(out_dir: Path, script: Path) -> None:
    """The worker's step for one script: run ``script`` and write its
    ``data`` as JSON."""
    import runpy

    import numpy as np

    namespace = runpy.run_path(str(script), run_name="__explorable__")
    data, page_script = namespace.get("data"), namespace.get("script")
    if not isinstance(data, dict) or not isinstance(data.get("kind"), str):
        raise TypeError(
            "expected a global `data`, a dict with a str 'kind' (the page"
            f" script's function), got {type(data).__name__}"
        )
    room = data.get("room")
    if not (
        isinstance(room, dict)
        and all(
            isinstance(room.get(k), int | float) and room[k] > 0
            for k in ("ratio", "em")
        )
    ):
        raise TypeError(
            "expected data['room'], the room the drawing takes: a dict with a"
            " positive 'ratio' (its drawing's height over its width) and 'em'"
            f" (the height of its controls and readout), got {room!r}"
        )
    if not isinstance(page_script, str):
        raise TypeError(
            "expected a global `script`, the name of the page script in"
            f" docs/explorables/ (such as 'explorables.js'), got {page_script!r}"
        )

    def plain(value: object) -> object:
        if isinstance(value, np.ndarray | np.generic):
            return value.tolist()
        raise TypeError(f"data holds a {type(value).__name__}, not JSON: {value!r}")

    record = {**data, "script": page_script}
    text = json.dumps(record, sort_keys=True, allow_nan=False, default=plain)
    (out_dir / f"{script.stem}.json").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(worker_main(_write, "explorable data script"))
