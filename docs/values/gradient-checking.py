"""Numbers quoted on the page "Checking gradients", computed by handgrad.

The error-against-eps numbers repeat the computation of
docs/figures/plot_gradcheck_eps.py (same seed, points and grid), so the prose
quotes what the figure shows; tests/test_page_gradient_checking.py checks
that the two agree.
"""

import numpy as np

from handgrad.activations import relu, sigmoid, sigmoid_prime
from handgrad.gradcheck import EPS, FLOOR
from handgrad.two_two_one import init_params


def _tex(x, digits=1):
    """``x`` in scientific notation for TeX: 1.1 \\times 10^{-16}, or 10^{-5}."""
    mantissa, exponent = f"{x:.{digits}e}".split("e")
    power = f"10^{{{int(exponent)}}}"
    return power if float(mantissa) == 1 else rf"{mantissa} \times {power}"


def _code(x):
    """``x`` as Python code would write it: 1e-5, 0.001."""
    mantissa, exponent = f"{x:e}".split("e")
    return f"{float(mantissa):g}e{int(exponent)}" if abs(x) < 1e-3 else f"{x:g}"


# EPS and FLOOR, imported above, as the code writes them and in TeX.
eps_code, floor_code = _code(EPS), _code(FLOOR)
eps_tex = _tex(EPS)

# Unit roundoff: the largest relative error of one rounding.
# The binary digits each format keeps (with the implicit leading one), and
# float64's in decimal digits.
float64_bits = np.finfo(np.float64).nmant + 1
float32_bits = np.finfo(np.float32).nmant + 1
float64_decimals = round(float64_bits * float(np.log10(2)))
u64 = float(np.finfo(np.float64).eps / 2)
u32 = float(np.finfo(np.float32).eps / 2)
cbrt_u64 = u64 ** (1 / 3)
sqrt_u64 = u64**0.5
cbrt_u32 = u32 ** (1 / 3)
# The rounding noise of a central difference of a cost of order 1 at EPS, and
# what "relative error below 1e-7" means under the floor.
noise_at_eps = u64 / EPS
absolute_under_floor = 1e-7 * FLOOR
u64_tex, u32_tex = _tex(u64), _tex(u32)
cbrt_u64_tex, sqrt_u64_tex, cbrt_u32_tex = (
    _tex(cbrt_u64),
    _tex(sqrt_u64, 0),
    _tex(cbrt_u32, 0),
)
noise_at_eps_tex = _tex(noise_at_eps, 0)
absolute_under_floor_tex = _tex(absolute_under_floor, 0)

# The sweep of the figure.
_EPS_GRID = np.logspace(-13, -1, 49)
_rng = np.random.default_rng(0)
_z64 = _rng.uniform(0.2, 1.0, 400)
_z32 = _z64.astype(np.float32)
_exact = sigmoid_prime(_z64)


def _median_error(estimate):
    n = np.asarray(estimate, dtype=np.float64)
    return float(np.median(np.abs(n - _exact) / (np.abs(n) + np.abs(_exact))))


def _best(errors):
    errors = np.array(errors)
    k = int(np.argmin(errors))
    return float(_EPS_GRID[k]), float(errors[k])


_central = [
    _median_error((sigmoid(_z64 + e) - sigmoid(_z64 - e)) / (2 * e)) for e in _EPS_GRID
]
_one_sided = [_median_error((sigmoid(_z64 + e) - sigmoid(_z64)) / e) for e in _EPS_GRID]
_central32 = [
    _median_error(
        (sigmoid(_z32 + np.float32(e)) - sigmoid(_z32 - np.float32(e)))
        / (2 * np.float32(e))
    )
    for e in _EPS_GRID
]
best_eps_central, best_err_central = _best(_central)
best_eps_one_sided, best_err_one_sided = _best(_one_sided)
best_eps_f32, best_err_f32 = _best(_central32)
best_eps_central_tex, best_err_central_tex = (
    _tex(best_eps_central, 0),
    _tex(best_err_central, 0),
)
best_eps_one_sided_tex, best_err_one_sided_tex = (
    _tex(best_eps_one_sided, 0),
    _tex(best_err_one_sided, 0),
)
best_eps_f32_tex, best_err_f32_tex = _tex(best_eps_f32, 0), _tex(best_err_f32, 0)
_at_default = int(np.argmin(np.abs(np.log(_EPS_GRID / EPS))))
err_f32_at_default = _central32[_at_default]
err_one_sided_at_default = _one_sided[_at_default]
err_central_at_default = _central[_at_default]

# ReLU's kink, as the figure draws it: z = 0 and an exaggerated eps.
kink_eps_shown = 0.5
kink_chord = float(
    (relu(kink_eps_shown) - relu(-kink_eps_shown)) / (2 * kink_eps_shown)
)

# The cost of a full check of the 2-2-1 network: two evaluations per entry.
_params = init_params()
n_params_221 = sum(getattr(_params, k).size for k in ("W1", "b1", "W2", "b2"))
evaluations_221 = 2 * n_params_221
