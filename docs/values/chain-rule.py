"""Numbers quoted on the page "The chain rule", computed by handgrad."""

import math

from handgrad.chain_rule import ds_dx

# Slopes of the tangents drawn in the figure, at x = -2, 0 and 1.
slope_left = float(ds_dx(-2.0))
slope_bottom = float(ds_dx(0.0))
slope_at_1 = float(ds_dx(1.0))

# f = u v with u = x^2 and v = sin x, at x = 1: the two paths' products.
path_u = 2 * math.sin(1.0)  # df/du * du/dx = v * 2x
path_v = math.cos(1.0)  # df/dv * dv/dx = u * cos x
two_paths_total = path_u + path_v
