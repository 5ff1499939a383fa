"""The UCI handwritten digits: one fixed split, and the network that reads them.

The data are the test part of the UCI "Optical Recognition of Handwritten
Digits" set (Alpaydin and Kaynak, 1998; CC BY 4.0), as scikit-learn ships it
inside its wheel (``sklearn.datasets.load_digits``: nothing is downloaded):
1,797 images of 8 x 8 pixels, each pixel a count from 0 to 16, and the
digit each shows, 0 to 9. scikit-learn is needed here only (it is in the
``docs`` and ``test`` dependency groups).

:func:`load_digits` scales the pixels to [0, 1], flattens each image into a
row of 64 inputs (samples are rows), and splits the samples once, with a
fixed seed and stratified by digit (each part holds every digit in the same
proportion), into 60 % for training, 20 % for validation and 20 % for the
test. :func:`train_digits` is the network the page "A network that reads
digits" trains, with its settings.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from handgrad._checks import checks
from handgrad._validate import DEFAULT_SEED, seed
from handgrad.fit import Fit
from handgrad.minibatch import train_classifier
from handgrad.network import Network
from handgrad.optim import Momentum

__all__ = [
    "BATCH_SIZE",
    "BETA",
    "EPOCHS",
    "LEARNING_RATE",
    "SIZES",
    "DigitsSplit",
    "load_digits",
    "train_digits",
]

# The digits network: 64 pixels, 32 ReLU units, 10 scores; minibatch SGD
# with momentum.
SIZES = [64, 32, 10]
EPOCHS = 40
BATCH_SIZE = 32
LEARNING_RATE = 0.05
BETA = 0.9


class DigitsSplit(NamedTuple):
    """The digits in three parts: inputs ``(m, 64)`` in [0, 1], labels ``(m,)``."""

    X_train: NDArray[np.float64]
    y_train: NDArray[np.intp]
    X_val: NDArray[np.float64]
    y_val: NDArray[np.intp]
    X_test: NDArray[np.float64]
    y_test: NDArray[np.intp]


@checks(seed=seed)
def load_digits(*, seed: int = DEFAULT_SEED) -> DigitsSplit:
    """The 1,797 digits, split 60/20/20 into training, validation and test.

    The split is stratified by digit and drawn from ``seed``: the same rows
    land in the same part on every machine.
    """
    try:
        from sklearn.datasets import load_digits as sklearn_digits
        from sklearn.model_selection import train_test_split
    except ImportError:  # pragma: no cover - scikit-learn is in the test group
        raise ImportError(
            "handgrad.digits needs scikit-learn, which ships the data: "
            "pip install scikit-learn"
        ) from None
    digits = sklearn_digits()
    X = digits.data.astype(np.float64) / 16.0
    y = digits.target.astype(np.intp)
    X_train, X_rest, y_train, y_rest = train_test_split(
        X, y, test_size=0.4, stratify=y, random_state=seed
    )
    X_val, X_test, y_val, y_test = train_test_split(
        X_rest, y_rest, test_size=0.5, stratify=y_rest, random_state=seed
    )
    return DigitsSplit(X_train, y_train, X_val, y_val, X_test, y_test)


@checks(seed=seed)
# --8<-- [start:train_digits]
def train_digits(*, seed: int = DEFAULT_SEED) -> tuple[Fit[Network], DigitsSplit]:
    """The digits network, trained on the training part: its Fit, and the split.

    ``seed`` draws the first weights and the order of the minibatches; the
    split is always the one of ``load_digits()``.
    """
    data = load_digits()
    net = Network.init(SIZES, ["relu", "identity"], seed=seed)
    fit = train_classifier(
        net,
        data.X_train,
        data.y_train,
        optimizer=Momentum(LEARNING_RATE, beta=BETA),
        epochs=EPOCHS,
        batch_size=BATCH_SIZE,
        validation=(data.X_val, data.y_val),
        seed=seed,
    )
    return fit, data


# --8<-- [end:train_digits]
