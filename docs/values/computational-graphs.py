"""Numbers quoted on the page "Computational graphs", computed by handgrad.

The sigmoid neuron of the figure, C = (sigmoid(w x + b) - y)^2 with the
square written d * d, swept by handgrad.autodiff; and the 2-2-1 network of
"Backpropagation by hand" as a graph of values, against two_two_one.
"""

import numpy as np

from handgrad import two_two_one
from handgrad.autodiff import Value
from handgrad.network import Network
from handgrad.value_network import ValueNetwork

# The example of the figure (docs/figures/plot_graph_neuron.py holds the same).
EXAMPLE = {"x": 1.5, "w": 0.8, "b": -0.5, "y": 1.0}
x, w, b, y = (EXAMPLE[k] for k in "xwby")

_x, _w, _b = Value(x), Value(w), Value(b)
_p = _w * _x
_z = _p + _b
_a = _z.sigmoid()
_d = _a - y
_C = _d * _d
_C.backward()

p, z, a, d, C = (v.data for v in (_p, _z, _a, _d, _C))
dC_dx, dC_dw, dC_db = _x.grad, _w.grad, _b.grad
dC_dp, dC_dz, dC_da, dC_dd = _p.grad, _z.grad, _a.grad, _d.grad
sigmoid_slope = a * (1 - a)  # the local slope of sigma at z
nodes = len(_C.topological_order())

# The 2-2-1 network on the example, as a graph of values and by hand.
_params = two_two_one.init_params()
_X, _Y = np.array(two_two_one.EXAMPLE_X), np.array(two_two_one.EXAMPLE_Y)
_hand = two_two_one.backward(_params, two_two_one.forward(_params, _X), _Y)
_net = Network([_params.W1, _params.W2], [_params.b1, _params.b2], ["sigmoid"] * 2)
_values = ValueNetwork(_net)
_loss = _values.loss(_X, _Y)
network_nodes = len(_loss.topological_order())
_dC_dW, _dC_db = _values.gradients(_X, _Y)
_pairs = {
    "W_1": (_dC_dW[0], _hand.dC_dW1),
    "b_1": (_dC_db[0], _hand.dC_db1),
    "W_2": (_dC_dW[1], _hand.dC_dW2),
    "b_2": (_dC_db[1], _hand.dC_db2),
}
largest_difference = max(float(np.max(np.abs(g - h))) for g, h in _pairs.values())


def _entries(array):
    return ", ".join(f"{v:.6f}" for v in np.ravel(array))


network_table = "\n".join(
    [
        "| Gradient | By the graph | By hand (the matrix formulas) |",
        "| --- | --- | --- |",
        *(
            f"| $\\partial C / \\partial {name}$ | {_entries(g)} | {_entries(h)} |"
            for name, (g, h) in _pairs.items()
        ),
    ]
)
