"""The UCI handwritten digits: one fixed split, and the network that reads them.

The data are the test part of the UCI "Optical Recognition of Handwritten
Digits" set (Alpaydin and Kaynak, 1998; CC BY 4.0), as scikit-learn ships it
inside its wheel (``sklearn.datasets.load_digits``: nothing is downloaded):
1,797 images of 8 x 8 pixels, each pixel a count from 0 to 16, and the
digit each shows, 0 to 9. scikit-learn must be installed for its data file
(it is in the ``docs`` and ``test`` dependency groups); nothing else here
needs it.

`load_digits` scales the pixels to [0, 1], flattens each image into a
row of 64 inputs (samples are rows), and splits the samples once, with a
fixed seed and stratified by digit (each part holds every digit in the same
proportion), into 60 % for training, 20 % for validation and 20 % for the
test. `train_digits` is the network the page "A network that reads
digits" trains, with its settings.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
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
    "PATIENCE",
    "SIZES",
    "DigitsSplit",
    "load_digits",
    "train_digits",
]

# The digits network: 64 pixels, 64 ReLU units, 10 scores; minibatch SGD
# with momentum, for at most EPOCHS epochs, stopped early once the
# validation loss has not improved for PATIENCE epochs. Chosen on the
# validation set, never the test set, by benchmarks/choose_digits.py.
SIZES = [64, 64, 10]
EPOCHS = 40
BATCH_SIZE = 16
LEARNING_RATE = 0.1
BETA = 0.9
PATIENCE = 10


class DigitsSplit(NamedTuple):
    """The digits in three parts: inputs ``(m, 64)`` in [0, 1], labels ``(m,)``."""

    X_train: NDArray[np.float64]
    y_train: NDArray[np.intp]
    X_val: NDArray[np.float64]
    y_val: NDArray[np.intp]
    X_test: NDArray[np.float64]
    y_test: NDArray[np.intp]


def _digits_file() -> Path:
    """The digits as scikit-learn ships them, found without importing it."""
    spec = importlib.util.find_spec("sklearn")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover
        raise ImportError(
            "handgrad.digits reads the digits that scikit-learn ships: "
            "pip install scikit-learn"
        )
    return Path(spec.submodule_search_locations[0], "datasets", "data", "digits.csv.gz")


@checks(seed=seed)
def load_digits(*, seed: int = DEFAULT_SEED) -> DigitsSplit:
    """The 1,797 digits, split 60/20/20 into training, validation and test.

    The same numbers as ``sklearn.datasets.load_digits()``, read from the
    file scikit-learn ships (without importing it, which is slow), with the
    pixels divided by 16. The split is stratified: the rows of each digit are
    shuffled by ``default_rng(seed)`` and dealt 60/20/20, so every part holds
    each digit in the same proportion, and the same rows land in the same
    part on every machine.
    """
    table = np.loadtxt(_digits_file(), delimiter=",")
    X, y = table[:, :-1] / 16.0, table[:, -1].astype(np.intp)
    rng = np.random.default_rng(seed)
    parts: list[list[NDArray[np.intp]]] = [[], [], []]
    for digit in range(10):
        rows = rng.permutation(np.flatnonzero(y == digit))
        n_train, n_val = round(0.6 * len(rows)), round(0.2 * len(rows))
        parts[0].append(rows[:n_train])
        parts[1].append(rows[n_train : n_train + n_val])
        parts[2].append(rows[n_train + n_val :])
    train, val, test = (rng.permutation(np.concatenate(p)) for p in parts)
    return DigitsSplit(X[train], y[train], X[val], y[val], X[test], y[test])


@checks(seed=seed)
# --8<-- [start:train_digits]
def train_digits(*, seed: int = DEFAULT_SEED) -> tuple[Fit[Network], DigitsSplit]:
    """The digits network, trained on the training part: its Fit, and the split.

    ``seed`` draws the first weights and the order of the minibatches; the
    split is always the one of ``load_digits()``. Training stops early, with
    the weights it has then, once the validation loss has not improved for
    ``PATIENCE`` epochs.
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
        patience=PATIENCE,
        seed=seed,
    )
    return fit, data


# --8<-- [end:train_digits]
