"""Accuracy and the confusion matrix (page "A network that reads digits")."""

import numpy as np
import pytest

from handgrad.metrics import accuracy, confusion_matrix


def test_accuracy_is_the_fraction_right():
    assert accuracy([0, 1, 2, 2], [0, 1, 1, 2]) == 0.75


def test_confusion_matrix_counts_true_class_by_predicted_class():
    counts = confusion_matrix([0, 1, 2, 2], [0, 1, 1, 2], 3)
    np.testing.assert_array_equal(counts, [[1, 0, 0], [0, 1, 0], [0, 1, 1]])
    assert np.trace(counts) / counts.sum() == accuracy([0, 1, 2, 2], [0, 1, 1, 2])


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: accuracy([0, 1], [0]), "y and predicted must have the same number"),
        (lambda: accuracy([0, -1], [0, 1]), "y must be class labels of at least 0"),
        (
            lambda: confusion_matrix([0, 3], [0, 1], 3),
            "y must be class labels from 0 to 2",
        ),
        (lambda: confusion_matrix([0], [0.5], 3), "predicted must be whole numbers"),
    ],
)
def test_bad_labels_are_named(call, message):
    with pytest.raises((TypeError, ValueError), match=message):
        call()
