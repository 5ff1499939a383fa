"""Claims in the prose of docs/training-work.md, checked against the library."""

import runpy
from pathlib import Path

import numpy as np
import pytest
from page_facts import asks_for, figure_settings, states

ROOT = Path(__file__).resolve().parent.parent
PAGE = (ROOT / "docs" / "training-work.md").read_text()
VALUES = runpy.run_path(str(ROOT / "docs" / "values" / "training-work.py"))


def test_equal_weights_stay_exactly_equal():
    assert VALUES["symmetric_spread"] == 0.0
    assert "symmetric_spread" in asks_for(PAGE)


def test_he_scale_keeps_activations_near_one_and_others_shrink_or_blow_up():
    assert 0.5 < VALUES["std_he"] < 2
    assert VALUES["std_small"] < 0.01
    assert VALUES["std_large"] > 100


def test_sigmoid_gradients_vanish_and_relu_ones_do_not():
    assert VALUES["sigmoid_ratio"] > 1e4
    assert VALUES["relu_ratio"] < 10
    assert {"sigmoid_ratio_rounded", "relu_ratio", "hidden_layers"} <= asks_for(PAGE)
    # Exercise 2: (1/4)^8, the sigmoid's largest slope through 8 layers, is
    # the order of the ratio measured (the weights move it up or down).
    assert VALUES["hidden_layers"] == 8
    assert 0.1 < VALUES["sigmoid_ratio"] * 0.25**8 < 10


def test_the_small_network_overfits_and_early_stopping_stops_after_patience():
    assert VALUES["best_epoch"] < VALUES["over_epochs"] - VALUES["patience"]
    assert VALUES["val_loss_end"] > VALUES["val_loss_best"]  # "creeps up"
    assert VALUES["train_loss_end"] < 0.01 * VALUES["val_loss_best"]
    assert VALUES["train_accuracy_end"] == 100.0
    assert VALUES["stopped_epoch"] == VALUES["best_epoch"] + VALUES["patience"]
    # "Its validation accuracy hardly moves"
    assert abs(VALUES["val_accuracy_end"] - VALUES["val_accuracy_best"]) < 2


def test_early_stopping_says_it_stopped():
    assert VALUES["_early"].converged is True
    assert VALUES["_full"].converged is False
    assert len(VALUES["_full"].loss) == VALUES["over_epochs"] + 1


def test_scaling_every_relu_weight_by_two_scales_the_output_by_two_per_layer():
    # ReLU(c z) = c ReLU(z) and the biases are 0: exactly 2**depth, to rounding.
    factor = VALUES["two_to_depth"]
    assert factor == 2 ** VALUES["depth"]
    assert VALUES["std_large"] / VALUES["std_he"] == pytest.approx(factor, rel=1e-12)
    assert VALUES["std_he"] / VALUES["std_small"] == pytest.approx(factor, rel=1e-12)


def test_the_variance_of_a_sum_of_fan_in_terms():
    # Var Z = n s^2 q for independent weights of mean 0 and inputs of mean
    # square q: checked on 4000 units, within 5 % (sampling error ~2 %).
    rng = np.random.default_rng(0)
    n, s = 64, 0.3
    A = rng.uniform(0, 1.5, (200, n))  # not centred: q is their mean square
    W = rng.normal(0, s, (n, 4000))
    q = np.mean(A**2)
    assert np.var(A @ W) == pytest.approx(n * s**2 * q, rel=0.05)
    assert states(PAGE, r"\operatorname{Var} Z^{[l]}_{ik} = n_{l-1}\, s^2\, q")


def test_relu_halves_the_mean_square_of_a_symmetric_input():
    z = np.random.default_rng(0).standard_normal(1_000_000)
    assert np.mean(np.maximum(z, 0) ** 2) == pytest.approx(
        0.5 * np.mean(z**2), rel=0.01
    )


def test_the_sigmoid_gradient_shrinks_by_about_four_or_more_per_layer():
    v = VALUES
    assert v["sigmoid_ratio_rounded"] == pytest.approx(v["sigmoid_ratio"], rel=0.05)
    per_layer = v["_sigmoid"][1:] / v["_sigmoid"][:-1]
    assert per_layer.min() > 3  # "about 4 or more": each layer's factor
    assert v["sigmoid_per_layer"] > 4
    assert v["sigmoid_per_layer"] ** v["hidden_layers"] == pytest.approx(
        v["sigmoid_ratio"]
    )
    assert {"sigmoid_ratio_rounded", "sigmoid_per_layer"} <= asks_for(PAGE)


def test_equal_weights_give_equal_gradient_columns_and_rows():
    from handgrad.data import bell
    from handgrad.network import Network

    X, Y = bell(64)
    net = Network(
        [np.full((1, 4), 0.5), np.full((4, 1), 0.5)],
        [np.zeros(4), np.zeros(1)],
        ["tanh", "identity"],
    )
    dC_dW, dC_db = net.gradients(X, Y)
    assert np.ptp(dC_dW[0]) == 0.0  # the four columns of dC/dW1
    assert np.ptp(dC_db[0]) == 0.0
    assert np.ptp(dC_dW[1]) == 0.0  # the four rows of dC/dW2
    assert abs(dC_dW[0][0, 0]) > 0  # equal, but not zero: they do move


def test_the_figures_draw_what_the_alt_texts_quote():
    scale = figure_settings("plot_init_scale")
    assert (scale["DEPTH"], scale["WIDTH"]) == (VALUES["depth"], VALUES["width"])
    assert (
        figure_settings("plot_vanishing_gradients")["HIDDEN"] == VALUES["hidden_layers"]
    )
    over = figure_settings("plot_overfitting")
    assert (over["M_SMALL"], over["EPOCHS"], over["BATCH"], over["PATIENCE"]) == (
        VALUES["m_small"],
        VALUES["over_epochs"],
        VALUES["over_batch"],
        VALUES["patience"],
    )
