"""Numbers quoted on the page "Gradient descent, two parameters", computed by handgrad.

Two runs of gradient descent on the mean squared error of the mass/height
data, both from (b, w) = (0.01, 0.01): one on raw x with learning rate 1e-4
for 1000 steps, one on standardised x with learning rate 0.1.
"""

import numpy as np

from handgrad.data import TRUE_INTERCEPT, TRUE_SLOPE, mass_height
from handgrad.descent import gradient_descent
from handgrad.linear import least_squares, line_mse, line_mse_gradient

START = (0.01, 0.01)
RAW_LEARNING_RATE = 1e-4
RAW_STEPS = 1000
STD_LEARNING_RATE = 0.1
STD_TOLERANCE = 1e-12
# A loss-change rule with this threshold stops on the raw run's plateau.
LOSS_CHANGE = 1e-5
# After this many steps the raw run's slope has fitted its intercept.
SETTLED = 10


def _tex(value: float, digits: int = 1) -> str:
    """``value`` in scientific notation for KaTeX: ``3.8 \\times 10^{-6}``."""
    mantissa, exponent = f"{value:.{digits}e}".split("e")
    return f"{mantissa} \\times 10^{{{int(exponent)}}}"


_x, _y = mass_height()
m = len(_x)
true_b, true_w = TRUE_INTERCEPT, TRUE_SLOPE
ls_b, ls_w = least_squares(_x, _y)
ls_mse = line_mse(_x, _y, ls_b, ls_w)
ls_true_gap_b = abs(ls_b - TRUE_INTERCEPT)
start_b, start_w = START
raw_learning_rate_tex = _tex(RAW_LEARNING_RATE, 0)
raw_steps = RAW_STEPS

# --- The raw run -----------------------------------------------------------
_raw = gradient_descent(
    _x,
    _y,
    learning_rate=RAW_LEARNING_RATE,
    start=START,
    loss="mse",
    max_steps=RAW_STEPS,
)
_h = _raw.path
raw_b, raw_w = _raw.intercept, _raw.slope
raw_mse = line_mse(_x, _y, raw_b, raw_w)
raw_converged = _raw.converged
# How far the intercept moved, and how far it still is from least squares.
raw_b_moved = abs(raw_b - start_b)
raw_b_gap = abs(raw_b - ls_b)
# The best slope for the intercept the raw run ended at.
best_w_for_raw_b = float(np.sum(_x * (_y - raw_b)) / np.sum(_x**2))
# The two lines' predictions over the masses in the data differ by at most this.
_masses = np.linspace(_x.min(), _x.max(), 201)
raw_vs_ls_max_cm = float(
    np.max(np.abs((raw_b + raw_w * _masses) - (ls_b + ls_w * _masses)))
)

# The gradients at the start: the slope's is a weighted mean of x times the
# intercept's, because every residual is positive there.
ratio_start = float(_h.d_slope[0] / _h.d_intercept[0])
first_step_b = float(abs(_h.step_intercept[0]))
first_step_w = float(abs(_h.step_slope[0]))
first_new_w = float(_h.slope[1])
settled = SETTLED
settled_w = float(_h.slope[SETTLED])
late_step_b = float(np.max(np.abs(_h.step_intercept[SETTLED:])))
late_step_b_tex = _tex(late_step_b)
# Even at the largest of those steps, covering the gap takes at least this many.
steps_to_cover_gap = int(raw_b_gap / late_step_b)
# The first step at which the MSE changed by at most LOSS_CHANGE since the
# step before.
_changes = np.abs(np.diff(_raw.loss))
small_change_step = int(np.argmax(_changes <= LOSS_CHANGE)) + 1
loss_change_tex = _tex(LOSS_CHANGE, 0).replace("1 \\times ", "")
# How far the gradient has shrunk since the start, when the run stops.
_size = np.maximum(np.abs(_h.d_intercept), np.abs(_h.d_slope))
raw_gradient_shrink = float(_size[-1] / _size[0])
raw_gradient_shrink_tex = _tex(raw_gradient_shrink)
small_change_b = float(_h.intercept[small_change_step])
# A change in the slope of this much moves the line's height at the mean
# mass, x̄, by as much as the intercept gap.
x_mean = float(np.mean(_x))
x_std = float(np.std(_x))
x_var = float(np.var(_x))
slope_gap = abs(raw_w - ls_w)
slope_gap_times_mean = slope_gap * x_mean
raw_mse_excess_pct = 100 * (raw_mse / ls_mse - 1)

# --- The standardised run --------------------------------------------------
_std = gradient_descent(
    _x,
    _y,
    learning_rate=STD_LEARNING_RATE,
    start=START,
    loss="mse",
    standardize=True,
    tolerance=STD_TOLERANCE,
)
std_learning_rate = STD_LEARNING_RATE
std_tolerance_tex = _tex(STD_TOLERANCE, 0)
std_steps = _std.steps
std_b, std_w = _std.intercept, _std.slope
std_b_error_tex = _tex(abs(std_b - ls_b))
std_w_error_tex = _tex(abs(std_w - ls_w))
std_end_b, std_end_w = float(_std.path.intercept[-1]), float(_std.path.slope[-1])
y_mean = float(np.mean(_y))

# --- Exercise 2: one step by hand on the raw data, MSE, from (0.01, 0.01) ----
_xh, _yh = mass_height()
hand_dC_db, hand_dC_dw = (float(g) for g in line_mse_gradient(_xh, _yh, 0.01, 0.01))
hand_b = 0.01 - 1e-4 * hand_dC_db
hand_w = 0.01 - 1e-4 * hand_dC_dw
