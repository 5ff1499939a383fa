"""Claims in the prose of docs/autodiff.md, checked against the library."""

from pathlib import Path

import numpy as np
from page_facts import asks_for, page_values, states

from handgrad.gradcheck import numerical_gradient
from handgrad.network import Network

ROOT = Path(__file__).resolve().parent.parent
PAGE = (ROOT / "docs" / "autodiff.md").read_text()
VALUES = page_values("autodiff")


def test_the_counted_sizes_span_61_to_100000_parameters():
    assert VALUES["smallest_P"] == 61
    assert VALUES["largest_P"] == 100_000


def test_backprop_costs_under_three_forward_passes_whatever_p():
    for key in ("backprop_small", "backprop_large"):
        assert 2 < VALUES[key] < 3
    assert VALUES["per_unit_B"] < 2 * VALUES["per_unit_F"]  # B < 2F
    # The page quotes both counts, and central differences' 2P beside them.
    assert {"backprop_small", "backprop_large", "differences_small"} <= asks_for(PAGE)
    assert states(PAGE, "2P")


def test_central_differences_call_the_cost_twice_per_parameter():
    # The 2P of the page, counted on handgrad.gradcheck itself.
    net = Network.init([1, 20, 1], ["tanh", "identity"])
    X, Y = np.array([[0.5]]), np.array([[1.0]])
    calls = 0

    def cost():
        nonlocal calls
        calls += 1
        return net.loss(X, Y)

    for array in net.W + net.b:
        numerical_gradient(cost, array)
    assert calls == 2 * net.n_parameters == VALUES["differences_small"]


def test_the_network_of_values_trains_like_the_matrix_code():
    assert VALUES["loss_end"] < VALUES["loss_start"] / 10
    assert VALUES["largest_loss_difference"] < 1e-14
    assert {"loss_start", "loss_end", "largest_loss_difference"} <= asks_for(PAGE)
