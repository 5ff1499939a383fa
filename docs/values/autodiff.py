"""Numbers quoted on the page "An autodiff engine", computed by handgrad.

Counts of work, not times: the operations of one forward pass (F) and of
one backward sweep (B) of a 1-h-1 network's graph, counted on the engine's
own graphs, against the 2P forward passes of central differences. And a
small network of values trained next to the matrix code.
"""

import numpy as np

from handgrad import training
from handgrad.autodiff import Value
from handgrad.data import bell
from handgrad.network import Network
from handgrad.value_network import ValueNetwork, train


def _counts(h):
    """(P, F, B) of the 1-h-1 tanh network on one sample, counted on its graph."""
    net = Network.init([1, h, 1], ["tanh", "identity"])
    C = ValueNetwork(net).loss([[0.5]], [[1.0]])
    operations = [v for v in C.topological_order() if v.inputs]
    return net.n_parameters, len(operations), sum(len(v.inputs) for v in operations)


# F and B grow by the same amount with each hidden unit: a straight line in
# h, read off two small graphs and checked on a third before it is used for
# networks too large to build here (100,000 parameters is 500,000 values).
_P20, _F20, _B20 = _counts(20)
_P40, _F40, _B40 = _counts(40)
_per_unit_F, _per_unit_B = (_F40 - _F20) // 20, (_B40 - _B20) // 20
_h = 300
assert _counts(_h) == (
    3 * _h + 1,
    _F20 + _per_unit_F * (_h - 20),
    _B20 + _per_unit_B * (_h - 20),
)

per_unit_F, per_unit_B = _per_unit_F, _per_unit_B
smallest_P = _P20  # the 1-20-1 network
largest_h = 33_333
largest_P = 3 * largest_h + 1


def work(h):
    """(P, F, B) for a 1-h-1 network, from the counted line."""
    return 3 * h + 1, _F20 + _per_unit_F * (h - 20), _B20 + _per_unit_B * (h - 20)


_, F_small, B_small = work(20)
_, F_large, B_large = work(largest_h)
# In units of one forward pass: backprop costs (F + B) / F, differences 2P.
backprop_small = (F_small + B_small) / F_small
backprop_large = (F_large + B_large) / F_large
differences_small = 2 * smallest_P
differences_large = 2 * largest_P
speedup_large = differences_large / backprop_large

# A 1-4-1 tanh network of values, trained on 8 points of the bell curve, and
# the same network trained by the matrix code.
learning_rate, steps = 0.3, 50
_X, _Y = bell(8)
_net = Network.init([1, 4, 1], ["tanh", "identity"])
_values = ValueNetwork(_net)
_fit = train(_values, _X, _Y, learning_rate=learning_rate, steps=steps)
_matrix = training.train(_net, _X, _Y, learning_rate=learning_rate, steps=steps)
loss_start, loss_end = float(_fit.loss[0]), float(_fit.loss[-1])
largest_loss_difference = float(np.max(np.abs(_fit.loss - _matrix.loss)))
graph_size = len(_values.loss(_X, _Y).topological_order())

# The two-paths example of the page: f = x^2 * exp(x) at x = 1.
_x = Value(1.0)
(_x**2 * _x.exp()).backward()
two_paths_grad = _x.grad
