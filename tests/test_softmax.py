"""Softmax with cross-entropy (page "Classification"): values, gradient, bad input.

The gradient dC/dZ = (A - Y) / m is checked against central differences of
the cost here, and against PyTorch in test_softmax_torch.py.
"""

import numpy as np
import pytest

from handgrad.gradcheck import numerical_gradient, relative_error
from handgrad.softmax import (
    cross_entropy,
    cross_entropy_gradient,
    log_softmax,
    one_hot,
    softmax,
)


def test_one_hot_puts_a_one_in_the_column_of_each_label():
    np.testing.assert_array_equal(
        one_hot([2, 0, 1], 3), [[0, 0, 1], [1, 0, 0], [0, 1, 0]]
    )


def test_softmax_rows_are_probabilities_that_keep_the_order_of_the_scores():
    Z = np.random.default_rng(0).standard_normal((6, 4)) * 5
    A = softmax(Z)
    assert (A > 0).all()
    np.testing.assert_allclose(A.sum(axis=1), 1.0, rtol=0, atol=1e-15)
    np.testing.assert_array_equal(A.argmax(axis=1), Z.argmax(axis=1))


def test_softmax_is_exp_over_sum_of_exp():
    Z = np.array([[1.0, 2.0, 3.0]])
    expected = np.exp(Z) / np.exp(Z).sum()
    np.testing.assert_allclose(softmax(Z), expected, rtol=1e-15)


def test_huge_scores_neither_overflow_nor_give_nan():
    Z = np.array([[1000.0, 0.0, -1000.0]])
    np.testing.assert_array_equal(softmax(Z), [[1.0, 0.0, 0.0]])
    assert log_softmax(Z)[0, 2] == -2000.0
    assert cross_entropy(Z, [[0.0, 0.0, 1.0]]) == 2000.0


def test_cross_entropy_of_uniform_scores_is_log_of_the_class_count():
    assert cross_entropy(np.zeros((3, 10)), one_hot([0, 4, 9], 10)) == pytest.approx(
        np.log(10), rel=1e-15
    )


@pytest.mark.parametrize("seed", range(4))
def test_cross_entropy_gradient_matches_central_difference(seed):
    rng = np.random.default_rng(seed)
    Z = rng.standard_normal((5, 4)) * 3
    Y = one_hot(rng.integers(0, 4, 5), 4)
    numeric = numerical_gradient(lambda: cross_entropy(Z, Y), Z)
    assert relative_error(cross_entropy_gradient(Z, Y), numeric) < 1e-7


def test_soft_targets_are_rows_of_probabilities_too():
    Z = np.array([[0.5, -0.5]])
    Y = np.array([[0.25, 0.75]])
    numeric = numerical_gradient(lambda: cross_entropy(Z, Y), Z)
    assert relative_error(cross_entropy_gradient(Z, Y), numeric) < 1e-7


@pytest.mark.parametrize(
    ("y", "error", "message"),
    [
        ([0, 3], ValueError, "y must be class labels from 0 to 2, got 3"),
        ([0, -1], ValueError, "y must be class labels from 0 to 2, got -1"),
        ([0.5], TypeError, "y must be whole numbers .class labels., got 0.5"),
        ([np.nan], TypeError, "y must be whole numbers"),
        (["a"], TypeError, "y must be integer class labels, got \\['a'\\]"),
        ([True], TypeError, "y must be integer class labels, got \\[True\\]"),
        ([[0, 1]], ValueError, "y must be a non-empty 1-D array"),
        ([], ValueError, "y must be a non-empty 1-D array"),
    ],
)
def test_bad_labels_are_named(y, error, message):
    with pytest.raises(error, match=message):
        one_hot(y, 3)


def test_whole_float_labels_are_accepted():
    np.testing.assert_array_equal(one_hot(np.array([1.0]), 2), [[0, 1]])


@pytest.mark.parametrize("n_classes", [0, 1.5, "3"])
def test_a_bad_class_count_is_named(n_classes):
    with pytest.raises((TypeError, ValueError), match="n_classes must be"):
        one_hot([0], n_classes)


@pytest.mark.parametrize(
    ("Y", "message"),
    [
        ([[0.5, 0.4, 0.0]], "Y must hold probabilities.*got row 0"),
        ([[1.5, -0.5, 0.0]], "Y must hold probabilities"),
        ([[1.0, 0.0]], "Y must have the shape of Z, \\(1, 3\\), got \\(1, 2\\)"),
        ([[np.nan, 1.0, 0.0]], "Y must be finite"),
    ],
)
@pytest.mark.parametrize("f", [cross_entropy, cross_entropy_gradient])
def test_targets_that_are_not_probabilities_are_refused(f, Y, message):
    with pytest.raises(ValueError, match=message):
        f([[0.0, 1.0, 2.0]], Y)


@pytest.mark.parametrize("f", [softmax, log_softmax])
def test_scores_must_be_a_finite_table(f):
    with pytest.raises(ValueError, match="Z must have 2 dimensions"):
        f([1.0, 2.0])
    with pytest.raises(ValueError, match="Z must be finite"):
        f([[np.inf, 0.0]])
