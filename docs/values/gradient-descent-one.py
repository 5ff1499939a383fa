"""Numbers quoted on the page "Gradient descent, one parameter", computed by handgrad.

The page fits the intercept b of the line b + w·x to the mass/height data
with the slope held at W_HELD, by gradient descent on the SSR from b = 0.
"""

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
last_step_size = float(abs(_fit.history.step_intercept[-1]))
_mantissa, _exponent = f"{last_step_size:.1e}".split("e")
last_step_size_tex = f"{_mantissa} \\times 10^{{{int(_exponent)}}}"

_h = _fit.history
_rows = [
    "| step $t$ | $b$ | $\\mathrm{SSR}$ | $\\frac{d\\,\\mathrm{SSR}}{db}$ "
    "| step size | new $b$ |",
    "| ---: | ---: | ---: | ---: | ---: | ---: |",
]
for _t in range(TABLE_ROWS):
    _b, _L, _d, _s = (
        _h.intercept[_t],
        _h.loss[_t],
        _h.d_intercept[_t],
        _h.step_intercept[_t],
    )
    _rows.append(
        f"| {_t} | {_b:.3f} | {_L:,.0f} | {_d:,.1f} | {_s:.3f} | {_b - _s:.3f} |"
    )
first_steps_table = "\n".join(_rows)
