"""Softmax with cross-entropy: the cost of a classifier, beside its gradient.

A classifier's last layer computes one score per class, ``Z`` of shape
``(m, K)`` for ``m`` samples and ``K`` classes (samples are rows, as
everywhere). Softmax turns each row of scores into probabilities,

    A_ik = exp(Z_ik) / sum_j exp(Z_ij),

and the cross-entropy of those probabilities against the targets ``Y``
(one-hot rows: 1 in the column of the true class, 0 elsewhere) is

    C = -(1/m) sum_i sum_k Y_ik log A_ik.

Its gradient with respect to the scores is ``dC/dZ = (A - Y) / m``
(derived on the page "Classification"). The functions take the scores
``Z``, not the probabilities, so that ``log A`` is computed as
``Z - logsumexp(Z)``, which never takes the log of 0 and never overflows:
the same as PyTorch's ``F.cross_entropy(Z, labels)``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from handgrad._arrays import as_array, same_length
from handgrad._checks import checks
from handgrad._validate import count, show

__all__ = [
    "cross_entropy",
    "cross_entropy_gradient",
    "log_softmax",
    "one_hot",
    "softmax",
]

Array = NDArray[np.float64]


def scores(value: ArrayLike, name: str, checked: object = None) -> Array:
    """The rule for scores ``Z``: a finite ``(m, K)`` float64 array."""
    return as_array(value, name, ndim=2)


def labels(value: ArrayLike, name: str, checked: dict[str, Any]) -> NDArray[np.intp]:
    """The rule for class labels: whole numbers from 0 to ``n_classes - 1``.

    ``n_classes`` is the argument of that name (None: no upper bound), or
    the number of columns of the checked ``Z``.
    """
    if "n_classes" in checked:
        n = checked["n_classes"]
        K = None if n is None else count(n, "n_classes")
    else:
        K = checked["Z"].shape[1]
    array = np.asarray(value) if not isinstance(value, str | bytes) else None
    if array is None or array.dtype.kind not in "iuf" or array.dtype == bool:
        raise TypeError(f"{name} must be integer class labels, got {show(value)}")
    if array.ndim != 1 or array.size == 0:
        raise ValueError(f"{name} must be a non-empty 1-D array, got {show(array)}")
    if array.dtype.kind == "f" and not (np.isfinite(array) & (array % 1 == 0)).all():
        bad = array[~(np.isfinite(array) & (array % 1 == 0))][0]
        raise TypeError(
            f"{name} must be whole numbers (class labels), got {bad.item()!r}"
        )
    if K is None and array.min() < 0:
        bad = array[array < 0][0]
        raise ValueError(
            f"{name} must be class labels of at least 0, got {bad.item()!r}"
        )
    if K is not None and (array.min() < 0 or array.max() >= K):
        bad = array[(array < 0) | (array >= K)][0]
        raise ValueError(
            f"{name} must be class labels from 0 to {K - 1}, got {bad.item()!r}"
        )
    return array.astype(np.intp)


def probability_rows(value: ArrayLike, name: str, checked: dict[str, Any]) -> Array:
    """The rule for targets ``Y``: rows of probabilities, shaped like ``Z``."""
    Z = checked["Z"]
    Y = as_array(value, name, ndim=2)
    if Y.shape != Z.shape:
        raise ValueError(
            f"{name} must have the shape of Z, {Z.shape}, got {Y.shape}: "
            "one row per sample, one column per class (one_hot makes it)"
        )
    if Y.min() < 0 or not np.allclose(Y.sum(axis=1), 1.0, rtol=0, atol=1e-9):
        row = int(np.argmax((Y < 0).any(axis=1) | ~np.isclose(Y.sum(axis=1), 1.0)))
        raise ValueError(
            f"{name} must hold probabilities, each row at least 0 and summing "
            f"to 1, got row {row} = {Y[row].tolist()!r}"
        )
    return Y


@checks(y=labels, n_classes=count)
# --8<-- [start:one_hot]
def one_hot(y: ArrayLike, n_classes: int) -> Array:
    """Targets ``Y``, ``(m, n_classes)``: row i is 1 in column ``y[i]``, else 0."""
    Y = np.zeros((len(y), n_classes))
    Y[np.arange(len(y)), y] = 1.0
    return Y


# --8<-- [end:one_hot]


@checks(Z=scores)
# --8<-- [start:log_softmax]
def log_softmax(Z: ArrayLike) -> Array:
    """``log A`` for ``A = softmax(Z)``, row by row: ``Z - logsumexp(Z)``.

    Subtracting each row's largest score first changes nothing (it cancels
    in the fraction) and keeps every ``exp`` at most 1: no overflow.
    """
    Z = Z - Z.max(axis=1, keepdims=True)
    return Z - np.log(np.exp(Z).sum(axis=1, keepdims=True))


# --8<-- [end:log_softmax]


@checks(Z=scores)
# --8<-- [start:softmax]
def softmax(Z: ArrayLike) -> Array:
    """Probabilities ``A = exp(Z) / sum(exp(Z))``, row by row: each row sums to 1."""
    return np.exp(log_softmax.plain(Z))


# --8<-- [end:softmax]


@checks(Z=scores, Y=probability_rows)
# --8<-- [start:cross_entropy]
def cross_entropy(Z: ArrayLike, Y: ArrayLike) -> float:
    """``C = -(1/m) sum(Y * log softmax(Z))``: the mean over the ``m`` rows.

    ``Z`` holds the scores, ``(m, K)``, and ``Y`` the targets, one row of
    probabilities per sample (``one_hot(y, K)`` for labels ``y``).
    """
    m = len(Z)
    return float(-(Y * log_softmax.plain(Z)).sum() / m)


# --8<-- [end:cross_entropy]


@checks(Z=scores, Y=probability_rows)
# --8<-- [start:cross_entropy_gradient]
def cross_entropy_gradient(Z: ArrayLike, Y: ArrayLike) -> Array:
    """``dC/dZ = (A - Y) / m`` with ``A = softmax(Z)``: shape ``(m, K)``, like ``Z``."""
    m = len(Z)
    A = softmax.plain(Z)
    return (A - Y) / m


# --8<-- [end:cross_entropy_gradient]


def check_labels_for(X: Array, y: Any, name: str, n_classes: int) -> NDArray[np.intp]:
    """Labels ``y`` for the samples ``X``: one per row, from 0 to ``n_classes - 1``."""
    y = labels(y, name, {"n_classes": n_classes})
    same_length(X, "X" if name == "y" else f"X{name[1:]}", y, name)
    return y
