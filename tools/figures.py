"""Figure scripts to SVG files: cached, byte-reproducible, light and dark.

Every ``docs/figures/plot_<what>.py`` leaves one Matplotlib figure in a
global named ``fig``, coloured from the palette (``C0``..``C5``, the
default ink and grid). :func:`build_figures` runs each script once, in the
light palette, into a deterministic SVG, and writes its dark twin by
swapping each light colour for its dark one (:func:`in_dark`: the same
file a dark run draws, but for internal ids, at half the cost); again only
when the cache key (``scripts.py``) changed. :func:`light_and_dark` makes
each figure on a page a light and a dark image with a link to its script.
No MkDocs here. Run as a script, this module is the worker that draws in a
fresh Python, so that a page never shows a figure drawn by an old copy of
the library:

    python tools/figures.py OUT_DIR SCRIPT [SCRIPT ...]
"""

from __future__ import annotations

import difflib
import json
import math
import re
import sys
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from html import escape
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import markup
from cycler import cycler
from scripts import run_stale, worker_main

THEMES = ("light", "dark")
# The smallest text a figure may show on a phone, in CSS px (issue 11). A
# figure too wide for that at the phone's width scrolls sideways there.
PHONE_TEXT_PX = 11

# Colours that read well on Material's light (white) and dark (slate) pages.
_PALETTES = {
    "light": {
        "ink": "#1f2328",
        "grid": "#d0d7de",
        "cycle": ["#1f5fbf", "#c2410c", "#15803d", "#7e22ce", "#a16207", "#be185d"],
    },
    "dark": {
        "ink": "#e6edf3",
        "grid": "#3d444d",
        "cycle": ["#6cb6ff", "#ffa657", "#56d364", "#d2a8ff", "#e3b341", "#ff7eb6"],
    },
}


# Each colour of the light palette, and the one that replaces it in the dark.
_DARK_OF = {
    _PALETTES["light"][part]: _PALETTES["dark"][part] for part in ("ink", "grid")
} | dict(zip(_PALETTES["light"]["cycle"], _PALETTES["dark"]["cycle"], strict=True))
_LIGHT_COLOUR = re.compile("|".join(_DARK_OF))


def in_dark(svg: str) -> str:
    """The dark twin of a figure drawn in the light palette: each light
    colour replaced by the dark one (colours outside the palette, such as a
    colour map's, stay)."""
    return _LIGHT_COLOUR.sub(lambda found: _DARK_OF[found[0]], svg)


class FigureError(RuntimeError):
    """A figure script failed, or a page refers to a figure badly."""


@dataclass(frozen=True)
class Figure:
    """One figure: its name (``plot_<what>``) and an SVG file per theme."""

    name: str
    svgs: dict[str, Path]
    sizes: Path  # JSON: the figure's size and its smallest text, in CSS px

    def text_and_size(self) -> tuple[float | None, float, float]:
        """The figure's smallest text (None if it has none), its width and its
        height, in CSS px at its own size."""
        sizes = json.loads(self.sizes.read_text(encoding="utf-8"))
        return sizes["smallest_text_px"], sizes["width_px"], sizes["height_px"]


def phone_width(smallest_text_px: float, width_px: float) -> int:
    """The width in CSS px at which a figure's smallest text is
    :data:`PHONE_TEXT_PX`: the least a phone may show it at."""
    return math.ceil(width_px * PHONE_TEXT_PX / smallest_text_px)


def svg_name(name: str, theme: str) -> str:
    """File name of a figure's SVG in one theme: ``plot_x.svg``, ``plot_x-dark.svg``."""
    return f"{name}.svg" if theme == "light" else f"{name}-{theme}.svg"


def style(theme: str) -> dict[str, object]:
    """Matplotlib rcParams for one theme, including what makes SVGs reproducible."""
    colours = _PALETTES[theme]
    ink = colours["ink"]
    return {
        "axes.prop_cycle": cycler(color=colours["cycle"]),
        "axes.edgecolor": ink,
        "axes.labelcolor": ink,
        "axes.titlecolor": ink,
        "axes.facecolor": "none",
        "axes.grid": True,
        "grid.color": colours["grid"],
        "grid.linewidth": 0.6,
        "figure.facecolor": "none",
        "figure.figsize": (6.4, 3.6),
        "font.size": 11,
        "legend.frameon": False,
        "legend.labelcolor": ink,
        "savefig.transparent": True,
        "text.color": ink,
        "xtick.color": ink,
        "ytick.color": ink,
        # Reproducible SVG: fixed ids, text drawn as paths (no font needed).
        "svg.hashsalt": "handgrad",
        "svg.fonttype": "path",
    }


def planned(script_dir: Path, cache_dir: Path) -> list[Figure]:
    """One :class:`Figure` per ``plot_*.py`` in ``script_dir``, where
    :func:`build_figures` puts it in ``cache_dir`` (drawn or not yet)."""
    return [
        Figure(
            script.stem,
            {t: cache_dir / svg_name(script.stem, t) for t in THEMES},
            cache_dir / f"{script.stem}.sizes.json",
        )
        for script in sorted(script_dir.glob("plot_*.py"))
    ]


def build_figures(script_dir: Path, package_dir: Path, cache_dir: Path) -> list[Figure]:
    """Render every ``plot_*.py`` in ``script_dir`` that is not already cached.

    Returns one :class:`Figure` per script, stale or not. Raises
    :class:`FigureError` with the script's name and traceback if one fails.
    """
    figures = planned(script_dir, cache_dir)
    made = {f.name: [*f.svgs.values(), f.sizes] for f in figures}
    scripts = [script_dir / f"{f.name}.py" for f in figures]
    run_stale(
        __file__, scripts, package_dir, cache_dir, lambda s: made[s.stem], FigureError
    )
    return figures


def light_and_dark(
    html: str,
    tree: markup.Element,
    known: Collection[str],
    where: str,
    source: str,
    script_url: str | None = None,
) -> list[markup.Edit]:
    """The edits of ``html`` (parsed as ``tree``) that make each figure, an
    ``<img>`` of ``figures/plot_<what>.svg`` however the page wrote it, a
    light and a dark image.

    Material shows an image whose address ends in ``#only-light`` in the
    light palette only, ``#only-dark`` in the dark one. Both load lazily:
    the hidden one is never fetched, a figure far below not before the
    reader nears it. (Loading the first screen's at once showed them 0.2 s
    sooner on a slow phone but fetched the hidden copies too, up to 70 KB,
    and moved no LCP.) Raises :class:`FigureError`, naming the page
    (``where``) and the line of its ``source``, for a figure without alt
    text or without a script among ``known``.

    With ``script_url``, a template such as
    ``"https://github.com/o/r/blob/main/docs/figures/{name}.py"``, a link to
    the figure's script follows the images, in the same paragraph (class
    ``hg-figure-script``, styled in ``extra.css``).

    When ``known`` maps each name to the figure's smallest text, width and
    height (:meth:`Figure.text_and_size`), each image also gets the width a
    phone must show it at, ``--hg-phone-width`` (:func:`phone_width`, used
    by ``extra.css``), and its smallest text as ``data-text-px``; and, if the
    page gave it no size of its own, its ``width`` and ``height``, so that
    the page keeps its room before it loads: a lazy figure that arrives
    while the reader scrolls moves nothing.
    """
    edits, seen = [], []
    for image in tree.find("img"):
        address = urlsplit(image.attrs.get("src") or "")
        path = PurePosixPath(unquote(address.path))
        if address.fragment or path.parent.name != "figures" or path.suffix != ".svg":
            continue
        name = path.stem
        seen.append(name)
        line = markup.line_of(source, f"{name}.svg", seen.count(name))
        here = f"{where}:{line}" if line else where
        if not (image.attrs.get("alt") or "").strip():
            raise FigureError(
                f"{here}: the figure {name}.svg has no alt text. Say what it"
                f" shows: ![The loss falls, then levels off](figures/{name}.svg)"
            )
        if name not in known:
            close = difflib.get_close_matches(name, known, n=1)
            hint = f"did you mean {close[0]}.svg? " if close else ""
            raise FigureError(
                f"{here}: no script for the figure {name}.svg: {hint}Figures are"
                f" drawn by docs/figures/{name}.py, which leaves a Matplotlib"
                " figure in a global named `fig`."
            )
        folder = address.path[: address.path.rfind("/") + 1]
        attrs = image.attrs | {"loading": "lazy"}
        if isinstance(known, Mapping):
            text_px, width_px, height_px = known[name]
            if not {"width", "height"} & image.attrs.keys():
                attrs |= {"width": f"{width_px:.0f}", "height": f"{height_px:.0f}"}
            if text_px is None:  # no text to keep readable on a phone
                attrs |= {"data-text-px": "none"}
            else:
                attrs |= {
                    "style": f"--hg-phone-width: {phone_width(text_px, width_px)}px",
                    "data-text-px": f"{text_px:.2f}",
                }
        images = ""
        for theme in THEMES:
            src = f"{folder}{svg_name(name, theme)}#only-{theme}"
            images += markup.start_tag("img", attrs | {"src": src})
        if script_url is not None:
            href = escape(script_url.format(name=name))
            images += (
                f'\n<a class="hg-figure-script" href="{href}">'
                f"Script of this figure: <code>{name}.py</code></a>"
            )
        edits.append((image.start, image.inner, images))
    return edits


def _write_sizes(fig, path: Path) -> None:
    """Save the figure's width and height and its smallest visible text, in
    CSS px (a point is 4/3 px), as its SVG shows them at its own size."""
    from matplotlib.text import Text

    sizes = [
        text.get_fontsize()
        for text in fig.findobj(Text)
        if text.get_visible() and text.get_text().strip()
    ]
    record = {  # a figure of images alone has no text: None
        "smallest_text_px": round(min(sizes) * 4 / 3, 3) if sizes else None,
        "width_px": round(fig.get_figwidth() * 96, 3),
        "height_px": round(fig.get_figheight() * 96, 3),
    }
    path.write_text(json.dumps(record, sort_keys=True), encoding="utf-8")


def _draw(out_dir: Path, script: Path) -> None:
    """The worker's step for one script: run ``script`` in the light palette,
    save its ``fig`` as SVG, and write the dark twin (:func:`in_dark`)."""
    import runpy

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    try:
        with plt.rc_context(style("light")):
            namespace = runpy.run_path(str(script), run_name="__figure__")
            fig = namespace.get("fig")
            if not isinstance(fig, matplotlib.figure.Figure):
                raise TypeError(
                    "expected a global `fig` holding a matplotlib Figure, "
                    f"got {type(fig).__name__}"
                )
            light = out_dir / svg_name(script.stem, "light")
            fig.savefig(light, format="svg", metadata={"Date": None})
            _write_sizes(fig, out_dir / f"{script.stem}.sizes.json")
    finally:
        plt.close("all")
    dark = out_dir / svg_name(script.stem, "dark")
    dark.write_text(in_dark(light.read_text(encoding="utf-8")), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(worker_main(_draw, "figure script"))
