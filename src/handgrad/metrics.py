"""How often a classifier is right: accuracy and the confusion matrix.

Both compare true class labels ``y`` with predicted ones, each an array of
``m`` whole numbers from 0 to ``K - 1``. A network that outputs scores
``Z`` (or probabilities ``A``), ``(m, K)``, predicts the class of the
largest: ``predicted = Z.argmax(axis=1)``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from handgrad._arrays import same_length
from handgrad._checks import checks
from handgrad._validate import count
from handgrad.softmax import labels

__all__ = ["accuracy", "confusion_matrix"]


def _any_labels(value: ArrayLike, name: str, checked: dict[str, Any]) -> NDArray:
    array = labels(value, name, {"n_classes": checked.get("n_classes")})
    if name == "predicted":
        same_length(checked["y"], "y", array, "predicted")
    return array


@checks(y=_any_labels, predicted=_any_labels)
# --8<-- [start:accuracy]
def accuracy(y: ArrayLike, predicted: ArrayLike) -> float:
    """The fraction of samples whose predicted class is the true one."""
    return float(np.mean(predicted == y))


# --8<-- [end:accuracy]


@checks(y=_any_labels, predicted=_any_labels, n_classes=count)
# --8<-- [start:confusion_matrix]
def confusion_matrix(y: ArrayLike, predicted: ArrayLike, n_classes: int) -> NDArray:
    """Counts, ``(n_classes, n_classes)``: entry ``[i, j]`` counts the samples
    of class ``i`` predicted as ``j``. The diagonal holds the right answers."""
    counts = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(counts, (y, predicted), 1)
    return counts


# --8<-- [end:confusion_matrix]
