"""Claims in the prose of docs/classification.md, checked against the library."""

import runpy
from pathlib import Path

import numpy as np
import pytest
from page_facts import alt_text, asks_for, numbers, states

from handgrad.softmax import cross_entropy, one_hot, softmax

ROOT = Path(__file__).resolve().parent.parent
PAGE = (ROOT / "docs" / "classification.md").read_text()
VALUES = runpy.run_path(str(ROOT / "docs" / "values" / "classification.py"))


def test_softmax_example_sums_to_one_and_keeps_the_order():
    probabilities = [VALUES["a1"], VALUES["a2"], VALUES["a3"]]
    assert sum(probabilities) == pytest.approx(1.0, abs=1e-15)
    assert probabilities == sorted(probabilities, reverse=True)


def test_a_confident_right_answer_costs_less_than_a_wrong_one():
    assert VALUES["loss_right"] < VALUES["loss_wrong"]
    assert VALUES["loss_right"] == pytest.approx(-np.log(VALUES["a1"]))


def test_the_gradient_check_passes():
    assert VALUES["gradient_error"] < 1e-7
    assert "gradient_error" in asks_for(PAGE)


def test_the_saturated_neuron_is_slower_under_the_mean_squared_error():
    assert VALUES["a_start"] > 0.95  # "confidently wrong"
    assert VALUES["slope_mse"] < 0.1 * VALUES["slope_ce"]
    assert VALUES["ce_steps_to_half"] < VALUES["mse_steps_to_half"]
    assert VALUES["mse_after_50"] > 0.9 > VALUES["ce_after_50"]
    assert VALUES["mse_steps_above_09"] > 3 * VALUES["ce_steps_to_half"]
    # "it stays above 0.9 for N steps": the first step below 0.9 is N.
    outputs, n = VALUES["_mse"], VALUES["mse_steps_above_09"]
    assert outputs[n] < 0.9 <= outputs[n - 1]
    assert 0.9 in numbers(alt_text(PAGE, "plot_saturation"))
    assert {"mse_steps_above_09", "ce_steps_to_half"} <= asks_for(PAGE)


def test_two_class_softmax_of_zero_and_z_is_the_sigmoid():
    z = np.linspace(-5, 5, 11)
    scores = np.column_stack([np.zeros_like(z), z])
    np.testing.assert_allclose(softmax(scores)[:, 1], 1 / (1 + np.exp(-z)), rtol=1e-14)
    assert cross_entropy([[0.0, 4.0]], one_hot([0], 2)) == pytest.approx(
        -np.log(1 - 1 / (1 + np.exp(-4.0)))
    )


def test_exp_overflows_above_about_709():
    assert np.isfinite(np.exp(709.0))
    with np.errstate(over="ignore"):
        assert np.isinf(np.exp(710.0))
    # The largest float64 is about e^709.78: the page's "about 709".
    assert int(np.log(np.finfo(np.float64).max)) == 709
    assert 709 in numbers(PAGE)


def test_the_softmax_jacobian_on_the_page_matches_central_differences():
    from handgrad.gradcheck import numerical_gradient, relative_error

    z = np.array([[0.3, -1.2, 2.0, 0.5]])
    a = softmax(z)[0]
    jacobian = np.array(
        [[a[k] * ((k == j) - a[j]) for j in range(4)] for k in range(4)]
    )
    numeric = np.array(
        [numerical_gradient(lambda k=k: softmax(z)[0, k], z)[0] for k in range(4)]
    )
    assert relative_error(jacobian, numeric) < 1e-7
    assert states(PAGE, r"= a_k \bigl([k = j] - a_j\bigr)")
    assert states(PAGE, r"\frac{\partial C}{\partial Z} = \frac{A - Y}{m}")


def test_the_log_sum_exp_form_is_log_softmax():
    from handgrad.softmax import log_softmax

    Z = np.array([[3.0, -1.0, 800.0], [0.0, 0.1, -0.2]])
    mu = Z.max(axis=1, keepdims=True)
    by_page = (Z - mu) - np.log(np.exp(Z - mu).sum(axis=1, keepdims=True))
    np.testing.assert_allclose(log_softmax(Z), by_page, rtol=1e-14)
    assert states(
        PAGE, r"\log A_{ik} = (Z_{ik} - \mu_i) - \log \sum_{j} e^{Z_{ij} - \mu_i}"
    )


def test_the_mean_squared_errors_slope_peaks_at_two_thirds():
    a = np.linspace(0, 1, 300001)
    slope = 2 * a**2 * (1 - a)  # 2 (a - y) a (1 - a) with y = 0
    assert a[np.argmax(slope)] == pytest.approx(2 / 3, abs=1e-5)
    assert states(PAGE, "a = 2/3")


def test_the_two_class_cross_entropys_slope_is_a_minus_y():
    # c = -y log a - (1 - y) log(1 - a), a = sigma(z): dc/dz = a - y.
    def c(z, y):
        a = 1 / (1 + np.exp(-z))
        return -y * np.log(a) - (1 - y) * np.log(1 - a)

    eps = 1e-6
    for z in np.linspace(-4, 4, 9):
        for y in (0.0, 1.0):
            numeric = (c(z + eps, y) - c(z - eps, y)) / (2 * eps)
            assert numeric == pytest.approx(1 / (1 + np.exp(-z)) - y, abs=1e-8)
    assert states(PAGE, r"\frac{1}{1 - a} \cdot a (1 - a) = a = a - y")
