"""Numbers quoted on the page "The learning rate", computed by handgrad.

Part one is the problem of "Gradient descent, one parameter": the intercept
of the mass/height line with the slope held at 2, SSR, from b = 0. Part two
is the two-parameter MSE fit, on raw and on standardised x.
"""

import numpy as np

from handgrad.data import mass_height
from handgrad.descent import gradient_descent
from handgrad.fit import DivergenceError

W_HELD = 2.0
# The three learning rates of the figure: too small, about right, too large.
SMALL, GOOD, LARGE = 0.0002, 0.005, 0.025
ONE_PARAMETER_RATES = (0.0002, 0.001, 0.002, 0.005, 0.01, 0.015, 0.019, 0.021, 0.025)
RAW_RATES = (1e-4, 2.5e-4, 3e-4)
STANDARDISED_RATES = (0.01, 0.1, 0.3, 0.5, 0.9, 1.1)
START = (0.01, 0.01)

_x, _y = mass_height()
m = len(_x)
w_held = W_HELD
b_best = float(np.mean(_y - W_HELD * _x))
small_rate, good_rate, large_rate = SMALL, GOOD, LARGE
small_factor, good_factor, large_factor = (1 - 2 * m * r for r in (SMALL, GOOD, LARGE))
large_overshoot = -large_factor
curvature = 2 * m  # d²SSR/db², the same at every b
one_step_rate = 1 / curvature  # lands on b* in one step
limit_rate = 2 / curvature  # at and above this, |1 - 2 m η| >= 1


def _tex(value: float, digits: int = 2) -> str:
    """``value`` in scientific notation for KaTeX: ``2.69 \\times 10^{-4}``."""
    mantissa, exponent = f"{value:.{digits}e}".split("e")
    return f"{mantissa} \\times 10^{{{int(exponent)}}}"


def _falls_steadily(**options: object) -> bool:
    """Whether the loss falls at every one of a few dozen steps."""
    try:
        fit = gradient_descent(_x, _y, max_steps=30, **options)
    except DivergenceError:
        return False
    return bool(np.all(np.diff(fit.loss) < 0))


def _outcome(**options: object) -> str:
    """What one run of gradient descent did, as a table cell."""
    try:
        fit = gradient_descent(_x, _y, **options)
    except DivergenceError as error:
        return f"diverges: `DivergenceError` at step {error.step}"
    if not fit.converged:
        return f"still moving after {fit.steps} steps"
    return f"converges in {fit.steps} step" + ("s" if fit.steps != 1 else "")


def _rate(value: float) -> str:
    return f"{value:g}"


_rows = [
    "| learning rate $\\eta$ | $1 - 2m\\eta$ | what happens |",
    "| ---: | ---: | :--- |",
]
for _r in ONE_PARAMETER_RATES:
    _what = _outcome(learning_rate=_r, fit="intercept", fixed_slope=W_HELD)
    _rows.append(f"| {_rate(_r)} | ${1 - 2 * m * _r:.2f}$ | {_what} |")
one_parameter_table = "\n".join(_rows)
small_loss_pct = 100 * 2 * m * SMALL
zigzag_rate = 0.019
zigzag_steps = gradient_descent(
    _x, _y, learning_rate=zigzag_rate, fit="intercept", fixed_slope=W_HELD
).steps
# A zigzag that converges fast: the factor 1 - 2 m eta is -0.1.
quick_zigzag_rate = 1.1 / (2 * m)
quick_zigzag_factor = 1 - 2 * m * quick_zigzag_rate
quick_zigzag_steps = gradient_descent(
    _x, _y, learning_rate=quick_zigzag_rate, fit="intercept", fixed_slope=W_HELD
).steps

# The figure shows four steps of the diverging run.
large_ssr_shown = float(
    gradient_descent(
        _x, _y, learning_rate=LARGE, fit="intercept", fixed_slope=W_HELD, max_steps=4
    ).loss[-1]
)
small_steps = gradient_descent(
    _x, _y, learning_rate=SMALL, fit="intercept", fixed_slope=W_HELD
).steps
good_steps = gradient_descent(
    _x, _y, learning_rate=GOOD, fit="intercept", fixed_slope=W_HELD
).steps
try:
    gradient_descent(_x, _y, learning_rate=LARGE, fit="intercept", fixed_slope=W_HELD)
except DivergenceError as _error:
    large_diverges_at = _error.step
    large_message = str(_error)

# --- Two parameters, MSE ---------------------------------------------------
# The matrix of second derivatives of the MSE is 2 [[1, mean x], [mean x, mean x²]];
# its eigenvalues are the largest and the smallest curvature.
_second = 2 * np.array([[1.0, np.mean(_x)], [np.mean(_x), np.mean(_x**2)]])
raw_low_curvature, raw_high_curvature = (float(v) for v in np.linalg.eigvalsh(_second))
raw_limit_rate = 2 / raw_high_curvature
raw_curvature_ratio = raw_high_curvature / raw_low_curvature
raw_w_over_b_curvature = float(np.mean(_x**2))  # (2 mean x²) / 2
raw_limit_rate_tex = _tex(raw_limit_rate)
# Below the limit, one step removes at most this share of the distance along
# the valley.
raw_valley_share_tex = _tex(raw_limit_rate * raw_low_curvature, 1)
standardised_curvature = 2.0
standardised_limit_rate = 2 / standardised_curvature

_rows = [
    "| input | learning rate $\\eta$ | what happens |",
    "| :--- | ---: | :--- |",
]
for _r in RAW_RATES:
    _what = _outcome(learning_rate=_r, start=START, loss="mse")
    _rows.append(f"| raw | {_rate(_r)} | {_what} |")
for _r in STANDARDISED_RATES:
    _what = _outcome(learning_rate=_r, start=START, loss="mse", standardize=True)
    _rows.append(f"| standardised | {_rate(_r)} | {_what} |")
two_parameter_table = "\n".join(_rows)

try:
    gradient_descent(_x, _y, learning_rate=RAW_RATES[-1], start=START, loss="mse")
except DivergenceError as _error:
    raw_diverges_at = _error.step
raw_too_large_rate = RAW_RATES[-1]

# --- The rule of thumb: a grid of learning rates a factor of 10 apart --------
GRID = (1.0, 0.1, 0.01, 0.001, 0.0001)
grid_rate = next(
    r
    for r in GRID
    if _falls_steadily(learning_rate=r, fit="intercept", fixed_slope=W_HELD)
)
grid_steps = gradient_descent(
    _x, _y, learning_rate=grid_rate, fit="intercept", fixed_slope=W_HELD
).steps
grid_rate_share = 100 * grid_rate / limit_rate
std_grid_rate = next(
    r
    for r in GRID
    if _falls_steadily(learning_rate=r, start=START, loss="mse", standardize=True)
)
std_grid_steps = gradient_descent(
    _x, _y, learning_rate=std_grid_rate, start=START, loss="mse", standardize=True
).steps
