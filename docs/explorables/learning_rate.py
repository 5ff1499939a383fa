"""The learning rate on one problem: slide eta, watch descent settle or blow up.

The problem of "Gradient descent, one parameter" and "The learning rate":
the SSR of the mass/height data against the intercept b, the slope held at
2, descent from b = 0. The page script (explorables.js) draws the SSR curve and
the path of descent, the loss against the step, and where eta falls between
the limits 1/curvature and 2/curvature; it runs the loop of
``handgrad.descent.gradient_descent`` itself on the data below, and
tests/browser/test_explorables.py checks every slider position against it.
"""

import inspect

import numpy as np

from handgrad.data import mass_height
from handgrad.descent import gradient_descent
from handgrad.fit import GROWTH_LIMIT

W_HELD = 2.0
_defaults = inspect.signature(gradient_descent).parameters

x, y = mass_height()
m = len(x)
curvature = 2 * m  # d²SSR/db², the same at every b

script = "explorables.js"
data = {
    # The room it takes: its drawing's height over width, and em for the
    # controls and the readout (docs/assets/extra.css).
    "room": {"ratio": 1.2, "em": 8.5},
    "kind": "rate",
    "x": x,
    "y": y,
    "w": W_HELD,
    "start": 0.0,
    "b_best": float(np.mean(y - W_HELD * x)),
    "curvature": curvature,
    # The slider: eta from 0.0005 to 0.025 in steps of 0.0005, starting at
    # the page's "about right" rate; the limits 1/curvature and 2/curvature
    # fall on it.
    "rate": {"min": "0.0005", "max": "0.025", "step": "0.0005", "value": "0.005"},
    "tolerance": _defaults["tolerance"].default,
    "max_steps": _defaults["max_steps"].default,
    "growth_limit": GROWTH_LIMIT,
    "shown_steps": 8,  # steps drawn on the curve
    "loss_steps": 30,  # steps on the loss curve
}
