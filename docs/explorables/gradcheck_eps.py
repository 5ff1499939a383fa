"""Slide the step eps of a finite difference: its error, and the two parts of it.

The sweep of docs/figures/plot_gradcheck_eps.py (the same seed, points and
grid of eps): the slope of the sigmoid at 400 points z, measured by the
central and the one-sided difference in float64, each scored by the median
relative error |n - a| / (|n| + |a|) against the exact slope a. Beside each
measured error, the page's model of its two parts, also as a median
relative error: truncation, eps² |f'''| / 6 (central) or eps |f''| / 2
(one-sided), and rounding, u |f| / eps. The page script (explorables.js) only
looks these up.
"""

import numpy as np

from handgrad.activations import sigmoid, sigmoid_prime
from handgrad.gradcheck import EPS

EXPONENTS = np.linspace(-13, -1, 49)  # eps = 10**exponent, a quarter decade apart
EPS_GRID = np.logspace(-13, -1, 49)
U = np.finfo(np.float64).eps / 2  # the unit roundoff

rng = np.random.default_rng(0)
z = rng.uniform(0.2, 1.0, 400)
s, exact = sigmoid(z), sigmoid_prime(z)
second = exact * (1 - 2 * s)  # sigma'' and sigma''' of sigma' = s (1 - s)
third = exact * (1 - 6 * s + 6 * s**2)


def median_relative(error):
    """The median over the points of an error in the slope, made relative as
    the measured ones are: |n - a| / (|n| + |a|), with n close to a."""
    return float(np.median(np.abs(error) / (2 * np.abs(exact))))


def measured(estimate):
    return float(
        np.median(np.abs(estimate - exact) / (np.abs(estimate) + np.abs(exact)))
    )


script = "explorables.js"
data = {
    "kind": "eps",
    "room": {"ratio": 0.75, "em": 11},
    "eps": EPS_GRID,
    "exponent": {
        "min": "-13",
        "max": "-1",
        "step": "0.25",
        "value": f"{np.log10(EPS):g}",
    },
    "library_eps": EPS,
    "central": [
        measured((sigmoid(z + e) - sigmoid(z - e)) / (2 * e)) for e in EPS_GRID
    ],
    "one_sided": [measured((sigmoid(z + e) - s) / e) for e in EPS_GRID],
    "rounding": [median_relative(U * s / e) for e in EPS_GRID],
    "truncation_central": [median_relative(e**2 * third / 6) for e in EPS_GRID],
    "truncation_one_sided": [median_relative(e * second / 2) for e in EPS_GRID],
}
