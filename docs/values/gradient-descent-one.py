"""Numbers quoted on the page "Gradient descent, one parameter", computed by handgrad.

The page fits the intercept b of the line b + w·x to the mass/height data
with the slope held at W_HELD, by gradient descent on the SSR from b = 0.
"""

import inspect
import math

import numpy as np

from handgrad.data import mass_height
from handgrad.descent import gradient_descent
from handgrad.linear import least_squares, ssr, ssr_gradient

W_HELD = 2.0
LEARNING_RATE = 0.002
TABLE_ROWS = 6

_x, _y = mass_height()
m = len(_x)
# The range of the masses, widened to whole kilograms.
x_min, x_max = math.floor(_x.min()), math.ceil(_x.max())
w_held = W_HELD
learning_rate = LEARNING_RATE

# The least-squares line, for comparison with the held slope.
b_ls, w_ls = least_squares(_x, _y)

# Where dSSR/db = 0 with w held: b* = mean(y - w x).
b_best = float(np.mean(_y - W_HELD * _x))
ssr_best = ssr(_x, _y, b_best, W_HELD)

# The tangents drawn in the first figure.
slope_at_0 = ssr_gradient(_x, _y, 0.0, W_HELD)[0]
slope_at_15 = ssr_gradient(_x, _y, 15.0, W_HELD)[0]
slope_at_45 = ssr_gradient(_x, _y, 45.0, W_HELD)[0]
ssr_at_0 = ssr(_x, _y, 0.0, W_HELD)

# The first step, by hand.
step_0 = LEARNING_RATE * slope_at_0
b_1 = 0.0 - step_0
ssr_at_b_1 = ssr(_x, _y, b_1, W_HELD)
# The slip: moving to b + step size instead of b - step size.
ssr_at_wrong_b = ssr(_x, _y, step_0, W_HELD)

# Each step multiplies the distance to b* by 1 - 2 m learning_rate.
shrink = 1 - 2 * m * LEARNING_RATE

_fit = gradient_descent(
    _x, _y, learning_rate=LEARNING_RATE, fit="intercept", fixed_slope=W_HELD
)
steps = _fit.steps
b_end = _fit.intercept
tolerance = float(inspect.signature(gradient_descent).parameters["tolerance"].default)
max_steps = int(inspect.signature(gradient_descent).parameters["max_steps"].default)
start_slope = float(_fit.path.d_intercept[0])
final_slope = float(_fit.path.d_intercept[-1])


def _tex(value: float) -> str:
    mantissa, exponent = f"{value:.1e}".split("e")
    return f"{mantissa} \\times 10^{{{int(exponent)}}}"


final_slope_tex = _tex(final_slope)
tolerance_tex = _tex(tolerance).replace("1.0 \\times ", "")
# Exercise 1: the best intercept with the slope held at 2.5 instead.
b_best_25 = float(np.mean(_y - 2.5 * _x))
# Exercise 2: the gradient shrinks by |shrink| a step, so reaching
# tolerance * its start takes ln(1 / tolerance) / ln(1 / |shrink|) steps.
steps_exact = math.log(1 / tolerance) / math.log(1 / abs(shrink))
steps_by_formula = math.ceil(steps_exact)
first_step_size = float(_fit.path.step_intercept[0])

_h = _fit.path
_rows = [
    "| step $t$ | $b$ | $\\mathrm{SSR}$ | $\\frac{d\\,\\mathrm{SSR}}{db}$ "
    "| step size | new $b$ |",
    "| ---: | ---: | ---: | ---: | ---: | ---: |",
]
for _t in range(TABLE_ROWS):
    _b, _L, _d, _s = (
        _h.intercept[_t],
        _fit.loss[_t],
        _h.d_intercept[_t],
        _h.step_intercept[_t],
    )
    _rows.append(
        f"| {_t} | {_b:.3f} | {_L:,.0f} | {_d:,.1f} | {_s:.3f} | {_b - _s:.3f} |"
    )
first_steps_table = "\n".join(_rows)

# Exercise 4: the learning rate at which one step lands on b*, 1 / (2m).
one_step_rate = 1 / (2 * m)
_one_step = gradient_descent(
    _x, _y, learning_rate=one_step_rate, fit="intercept", fixed_slope=W_HELD
)
one_step_b = float(_one_step.path.intercept[1])
one_step_steps = int(_one_step.steps)
