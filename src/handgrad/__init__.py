"""handgrad: how a neural network learns, written out by hand.

The library behind the course pages. Each module holds one idea, and every
function sits beside its derivative:

- :mod:`handgrad.chain_rule` — the worked examples of the chain rule.
"""

__version__ = "0.1.0"
