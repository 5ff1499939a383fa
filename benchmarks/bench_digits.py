"""The digits network: handgrad against PyTorch and scikit-learn's MLPClassifier.

All three train the network of the page "A network that reads digits"
(``handgrad.digits``: 64 inputs, 64 ReLU units, 10 scores, softmax with
cross-entropy) on the same split (``load_digits()``), for the same number
of epochs of minibatch SGD with momentum, with the same minibatch size,
learning rate and momentum, in float64. They train for ``EPOCHS`` epochs,
as ``train_digits()`` does from seed 0: its early stopping (``PATIENCE``)
does not end that run sooner, and the script checks it.

- handgrad: ``train_classifier`` as ``train_digits`` calls it, without the
  validation records (the others keep none), so that the time is training;
- PyTorch: the same first weights and the same minibatch order,
  ``nn.Sequential`` of ``nn.Linear``, ``F.cross_entropy`` and
  ``torch.optim.SGD(momentum=...)``, on one thread; its final weights must
  match handgrad's (to 1e-6 relative, after some 1,400 steps), or the
  script fails: the comparison is only fair if both computed the same thing;
- scikit-learn: ``MLPClassifier`` with the same settings (``solver="sgd"``,
  no Nesterov, no L2 penalty, a constant learning rate) from its own first
  weights, and, for reference, with its defaults (Adam, L2 1e-4) for the
  same number of epochs.

It prints, for each, the test accuracy and the time per epoch (fastest of
``REPEATS`` runs, alternating: other work on the machine only slows a run),
and the test accuracy of ``train_digits(seed=...)``, early stopping
included, for five seeds of the first weights and the minibatch order:
with 360 test images, one image is 0.28 points.

    .venv/bin/python benchmarks/bench_digits.py      (or: make bench)
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before NumPy loads OpenBLAS

import sys
import time
import warnings

import numpy as np

from handgrad import digits
from handgrad.digits import load_digits, train_digits
from handgrad.metrics import accuracy
from handgrad.minibatch import minibatches, train_classifier
from handgrad.network import Network
from handgrad.optim import Momentum

try:
    import torch
    from torch import nn
except ImportError:  # pragma: no cover
    sys.exit("bench_digits.py compares with PyTorch, not installed: run `make torch`")
try:
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier
except ImportError:  # pragma: no cover
    sys.exit("bench_digits.py needs scikit-learn: run `make env`")

REPEATS = 3
SEED = 0
EPOCHS, BATCH, RATE, BETA = (
    digits.EPOCHS,
    digits.BATCH_SIZE,
    digits.LEARNING_RATE,
    digits.BETA,
)
SIZES = digits.SIZES
data = load_digits()


def run_handgrad(seed: int = SEED) -> tuple[float, Network]:
    net = Network.init(SIZES, ["relu", "identity"], seed=seed)
    start = time.perf_counter()
    train_classifier(
        net,
        data.X_train,
        data.y_train,
        optimizer=Momentum(RATE, beta=BETA),
        epochs=EPOCHS,
        batch_size=BATCH,
        seed=seed,
    )
    return time.perf_counter() - start, net


def run_torch() -> tuple[float, list[np.ndarray], nn.Module]:
    torch.set_num_threads(1)
    start_net = Network.init(SIZES, ["relu", "identity"], seed=SEED)
    layers = []
    for W, b in zip(start_net.W, start_net.b, strict=True):
        linear = nn.Linear(*W.shape, dtype=torch.float64)
        with torch.no_grad():
            linear.weight.copy_(torch.tensor(W.T))
            linear.bias.copy_(torch.tensor(b))
        layers += [linear, nn.ReLU()]
    model = nn.Sequential(*layers[:-1])
    optimizer = torch.optim.SGD(model.parameters(), lr=RATE, momentum=BETA)
    X, y = torch.tensor(data.X_train), torch.tensor(data.y_train)
    rng = np.random.default_rng(SEED)  # the order train_classifier draws
    start = time.perf_counter()
    for _ in range(EPOCHS):
        for rows in minibatches(len(data.X_train), BATCH, rng):
            rows = torch.from_numpy(rows)
            optimizer.zero_grad()
            nn.functional.cross_entropy(model(X[rows]), y[rows]).backward()
            optimizer.step()
    elapsed = time.perf_counter() - start
    weights = [layer.weight.detach().numpy().T for layer in model[::2]]
    return elapsed, weights, model


def run_sklearn(**settings: object) -> tuple[float, MLPClassifier]:
    model = MLPClassifier(
        hidden_layer_sizes=(SIZES[1],),
        batch_size=BATCH,
        max_iter=EPOCHS,
        random_state=SEED,
        n_iter_no_change=EPOCHS + 1,  # every epoch, like the others
        tol=0.0,
        **settings,
    )
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # it ran out of epochs
        model.fit(data.X_train, data.y_train)
    return time.perf_counter() - start, model


def main() -> None:
    same = {
        "solver": "sgd",
        "learning_rate_init": RATE,
        "momentum": BETA,
        "nesterovs_momentum": False,
        "alpha": 0.0,
        "learning_rate": "constant",
    }
    times: dict[str, list[float]] = {
        k: [] for k in ("handgrad", "torch", "sk", "sk-adam")
    }
    for _ in range(REPEATS):
        t, net = run_handgrad()
        times["handgrad"].append(t)
        t, torch_W, model = run_torch()
        times["torch"].append(t)
        t, sk = run_sklearn(**same)
        times["sk"].append(t)
        t, sk_adam = run_sklearn()
        times["sk-adam"].append(t)
    for mine, theirs in zip(net.W, torch_W, strict=True):
        np.testing.assert_allclose(mine, theirs, rtol=1e-6, atol=1e-9)
    recipes = [train_digits(seed=seed)[0] for seed in range(5)]  # SEED among them
    if recipes[SEED].steps != EPOCHS:
        steps = recipes[SEED].steps
        sys.exit(f"train_digits stopped after {steps} epochs, not {EPOCHS}")

    with torch.no_grad():
        torch_scores = model(torch.tensor(data.X_test)).numpy()
    scores = {
        "handgrad": accuracy(data.y_test, net(data.X_test).argmax(axis=1)),
        "torch": accuracy(data.y_test, torch_scores.argmax(axis=1)),
        "sk": sk.score(data.X_test, data.y_test),
        "sk-adam": sk_adam.score(data.X_test, data.y_test),
    }
    names = {
        "handgrad": "handgrad train_classifier",
        "torch": "PyTorch, torch.optim.SGD",
        "sk": "scikit-learn MLPClassifier, same SGD",
        "sk-adam": "scikit-learn MLPClassifier, defaults (Adam)",
    }
    sizes = "-".join(map(str, SIZES))
    print(f"digits {sizes} ReLU, {EPOCHS} epochs of minibatches of {BATCH}, float64,")
    print(
        f"momentum {BETA}, learning rate {RATE}; train {len(data.y_train)}, "
        f"test {len(data.y_test)} (fastest of {REPEATS})"
    )
    print(f"{'':45} {'test acc':>9} {'ms/epoch':>9} {'vs torch':>9}")
    torch_epoch = min(times["torch"]) / EPOCHS
    for key, name in names.items():
        epoch = min(times[key]) / EPOCHS
        print(
            f"{name:45} {scores[key]:9.4f} {1e3 * epoch:9.2f} "
            f"{torch_epoch / epoch:8.2f}x"
        )
    spread = [
        accuracy(data.y_test, fit.params(data.X_test).argmax(axis=1)) for fit in recipes
    ]
    print(
        "handgrad train_digits test accuracy, seeds 0-4:",
        " ".join(f"{a:.4f}" for a in spread),
    )


if __name__ == "__main__":
    main()
