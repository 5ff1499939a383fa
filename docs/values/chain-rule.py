"""Numbers quoted on the page "The chain rule", computed by handgrad."""

from handgrad.chain_rule import ds_dx

# Slopes of the tangents drawn in the figure, at x = -2, 0 and 1.
slope_left = float(ds_dx(-2.0))
slope_bottom = float(ds_dx(0.0))
slope_at_1 = float(ds_dx(1.0))
