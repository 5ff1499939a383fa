"""Gradient descent on the intercept, step by step, from where the reader starts.

The problem of "Gradient descent, one parameter": the SSR of the
mass/height data against the intercept b, with the slope held at 2. The
reader chooses the learning rate, the starting intercept and how many steps
to take; the page script (explorables.js) runs the loop of
``handgrad.descent.gradient_descent`` on the data below and draws the path
on the SSR curve, with the step number, b and the SSR.
tests/browser/test_explorables.py checks what it shows against the library.
"""

import inspect

import numpy as np

from handgrad.data import mass_height
from handgrad.descent import gradient_descent
from handgrad.fit import GROWTH_LIMIT

W_HELD = 2.0
_defaults = inspect.signature(gradient_descent).parameters

x, y = mass_height()

script = "explorables.js"
data = {
    # The room it takes: its drawing's height over width, and em for the
    # controls and the readout (docs/assets/extra.css).
    "room": {"ratio": 0.62, "em": 13},
    "kind": "path",
    "x": x,
    "y": y,
    "w": W_HELD,
    "b_best": float(np.mean(y - W_HELD * x)),
    "curvature": 2 * len(x),
    # The page's run starts at b = 0 with eta = 0.002 and shows three steps.
    "rate": {"min": "0.0005", "max": "0.025", "step": "0.0005", "value": "0.002"},
    "start": {"min": "-30", "max": "90", "step": "5", "value": "0"},
    "steps": {"min": "0", "max": "20", "step": "1", "value": "3"},
    "tolerance": _defaults["tolerance"].default,
    "max_steps": _defaults["max_steps"].default,
    "growth_limit": GROWTH_LIMIT,
}
