"""Numbers quoted on the page "From one network to any network", by handgrad.

The 1-20-1 ReLU network on the bell data (``handgrad.data.bell``): the
shapes of its arrays in the forward and the backward pass, read off the
arrays themselves. Its training is the next page's
(docs/values/training-any-network.py).
"""

import numpy as np

from handgrad.data import bell
from handgrad.losses import mse_gradient
from handgrad.network import Network, backward, forward

SIZES = [1, 20, 1]
ACTIVATIONS = ["relu", "identity"]

_X, _Y = bell()
m = len(_X)
n_hidden = SIZES[1]

# --- The shapes, read off the arrays the passes compute ---------------------
_net = Network.init(SIZES, ACTIVATIONS, seed=1)
n_parameters = _net.n_parameters
_Z, _A = forward(_net, _X)
_dC_dW, _dC_db = backward(_net, _Z, _A, mse_gradient(_A[-1], _Y))
# backward keeps dC/dZ and dC/dA to itself: the same formulas give them here.
_dC_dA = {2: mse_gradient(_A[2], _Y)}
_dC_dZ = {}
for _i in (1, 0):
    _dC_dZ[_i] = _dC_dA[_i + 1] * _net.activations[_i].prime(_Z[_i])
    _dC_dA[_i] = _dC_dZ[_i] @ _net.W[_i].T


def _shape(array: np.ndarray) -> str:
    return f"${tuple(array.shape)}$"


_ROWS = [
    # (maths, name in forward and backward with i = l - 1, general shape,
    #  the array in each layer)
    (r"$A^{[l-1]}$", "`A[i]`, `A_prev`", r"$(m, n_{l-1})$", lambda i: _A[i]),
    (r"$W^{[l]}$", "`W[i]`", r"$(n_{l-1}, n_l)$", lambda i: _net.W[i]),
    (r"$b^{[l]}$", "`b[i]`", r"$(n_l,)$", lambda i: _net.b[i]),
    (r"$Z^{[l]}$", "`Z[i]`", r"$(m, n_l)$", lambda i: _Z[i]),
    (r"$A^{[l]}$", "`A[i + 1]`", r"$(m, n_l)$", lambda i: _A[i + 1]),
    (
        r"$\frac{\partial C}{\partial A^{[l]}}$",
        "`dC_dA`, as the layer starts",
        r"$(m, n_l)$",
        lambda i: _dC_dA[i + 1],
    ),
    (
        r"$\frac{\partial C}{\partial Z^{[l]}}$",
        "`dC_dZ`",
        r"$(m, n_l)$",
        lambda i: _dC_dZ[i],
    ),
    (
        r"$\frac{\partial C}{\partial W^{[l]}}$",
        "`dC_dW[i]`",
        r"$(n_{l-1}, n_l)$",
        lambda i: _dC_dW[i],
    ),
    (
        r"$\frac{\partial C}{\partial b^{[l]}}$",
        "`dC_db[i]`",
        r"$(n_l,)$",
        lambda i: _dC_db[i],
    ),
    (
        r"$\frac{\partial C}{\partial A^{[l-1]}}$",
        "`dC_dA`, as the layer ends",
        r"$(m, n_{l-1})$",
        lambda i: _dC_dA[i],
    ),
]
shapes_table = "\n".join(
    [
        "| Array | In the code | Shape | Layer $l = 1$ | Layer $l = 2$ |",
        "| --- | --- | --- | --- | --- |",
        *(
            f"| {maths} | {code} | {shape} | {_shape(get(0))} | {_shape(get(1))} |"
            for maths, code, shape, get in _ROWS
        ),
    ]
)
