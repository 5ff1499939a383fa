"""The image a link preview shows (OpenGraph, Twitter): drawn by our own code.

A chat or social site that previews a link to the course shows this card: the
site's name, its one-line description and a cost curve with gradient-descent
steps walking down it. It is one 1200 x 630 PNG for the whole site, drawn by
Matplotlib (its own DejaVu font, so no font is fetched or needed), reduced to
a few colours, about 30 KB, and byte-identical from build to build.

Like the figures, it is drawn in a fresh Python process and cached under
the key ``scripts.py`` makes (this file, the text, every installed
library's version). Nothing here knows about MkDocs.

    python tools/social_card.py OUT.png TITLE SUBTITLE   # the worker
"""

from __future__ import annotations

import itertools
import sys
import textwrap
from pathlib import Path

from scripts import digest, run_python

WIDTH, HEIGHT = 1200, 630  # what OpenGraph and Twitter's large card expect
NAME = "social-card.png"
_BACKGROUND, _INK, _SOFT, _ACCENT = "#1a237e", "#ffffff", "#c5cae9", "#ffb74d"


class SocialCardError(RuntimeError):
    """The card could not be drawn."""


def build_card(cache_dir: Path, title: str, subtitle: str) -> Path:
    """The card's PNG in ``cache_dir``, drawn again only when an input changed.

    Raises :class:`SocialCardError` with the worker's traceback if it fails.
    """
    if not title.strip():
        raise SocialCardError(f"title: expected the site's name, got {title!r}")
    cache_dir.mkdir(parents=True, exist_ok=True)
    card, stamp = cache_dir / NAME, cache_dir / f"{NAME}.sha256"
    key = digest([Path(__file__)], None, title, subtitle)
    if card.is_file() and stamp.is_file() and stamp.read_text() == key:
        return card
    stamp.unlink(missing_ok=True)
    (done,) = run_python([[__file__, str(card), title, subtitle]])
    if done.returncode != 0:
        raise SocialCardError(f"drawing {NAME} failed:\n{done.stderr.strip()}")
    stamp.write_text(key)
    return card


def _draw(out: Path, title: str, subtitle: str) -> None:
    """The worker: draw the card and save it as a small, reproducible PNG."""
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np
    from PIL import Image

    dpi = 100
    fig = plt.figure(figsize=(WIDTH / dpi, HEIGHT / dpi), dpi=dpi)
    fig.patch.set_facecolor(_BACKGROUND)
    fig.text(0.06, 0.80, title, color=_INK, fontsize=64, weight="bold", va="top")
    wrapped = "\n".join(textwrap.wrap(subtitle, width=36)[:5])
    fig.text(0.06, 0.58, wrapped, color=_SOFT, fontsize=25, va="top", linespacing=1.5)

    # A cost curve, and gradient descent stepping down it to the minimum.
    ax = fig.add_axes((0.67, 0.16, 0.29, 0.68))
    ax.set_axis_off()
    x = np.linspace(-1.25, 1.25, 201)
    ax.plot(x, x**2, color=_SOFT, linewidth=4, solid_capstyle="round")
    steps = [-1.15]
    for _ in range(5):  # w <- w - rate * dC/dw, a rate large enough to overshoot
        steps.append(steps[-1] - 0.75 * 2 * steps[-1])
    for a, b in itertools.pairwise(steps):
        ax.annotate(
            "",
            xy=(b, b**2),
            xytext=(a, a**2),
            arrowprops={"arrowstyle": "-|>", "color": _ACCENT, "lw": 3},
        )
    ax.plot(steps, np.square(steps), "o", color=_ACCENT, markersize=9)

    png = io.BytesIO()
    fig.savefig(png, format="png", dpi=dpi, facecolor=_BACKGROUND)
    plt.close(fig)
    image = Image.open(png).convert("RGB")
    small = image.quantize(colors=48, dither=Image.Dither.NONE)
    small.save(out, format="PNG", optimize=True)


if __name__ == "__main__":
    out, card_title, card_subtitle = sys.argv[1:]
    _draw(Path(out), card_title, card_subtitle)
