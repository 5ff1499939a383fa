"""The digits network, trained once per build and shared by a page's scripts.

The page "A network that reads digits" quotes numbers (docs/values/) and
draws figures (docs/figures/) of one trained network. Those scripts run in
separate processes, two at a time, so each would train it again. Instead
they call :func:`digits_fit`, which trains it once with
:func:`handgrad.digits.train_digits` and keeps the result in
``.cache/digits/<key>.npz``, keyed by a hash of the library's sources and
the versions of NumPy and scikit-learn (which ships the data): the same
inputs give the same network, so a cached one is as good as a new one. A
lock makes a second process wait for the first instead of training too.

The scripts import this module when the build runs them (``tools/`` is on
their path); run by a reader, they call ``train_digits`` themselves.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
from importlib.metadata import version
from pathlib import Path

import numpy as np

from handgrad.digits import DigitsSplit, train_digits
from handgrad.fit import Fit
from handgrad.network import Network

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "handgrad"
CACHE = Path(os.environ.get("HANDGRAD_CACHE_DIR", ROOT / ".cache")) / "digits"


def _key() -> str:
    h = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")):
        h.update(path.relative_to(PACKAGE).as_posix().encode())
        h.update(path.read_bytes())
    for library in ("numpy", "scikit-learn"):
        h.update(f"{library}=={version(library)}".encode())
    return h.hexdigest()[:16]


def _save(path: Path, fit: Fit[Network], data: DigitsSplit) -> None:
    net = fit.params
    arrays = {f"W{i}": w for i, w in enumerate(net.W)}
    arrays |= {f"b{i}": v for i, v in enumerate(net.b)}
    arrays |= {f"history_{k}": v for k, v in fit.history.items()}
    arrays |= {f"data_{k}": v for k, v in data._asdict().items()}
    names = np.array([f.name for f in net.activations])
    partial = path.with_suffix(".partial.npz")
    np.savez(partial, loss=fit.loss, converged=fit.converged, names=names, **arrays)
    partial.replace(path)  # whole or not at all


def _load(path: Path) -> tuple[Fit[Network], DigitsSplit]:
    with np.load(path) as stored:
        layers = len(stored["names"])
        net = Network(
            [stored[f"W{i}"] for i in range(layers)],
            [stored[f"b{i}"] for i in range(layers)],
            [str(name) for name in stored["names"]],
        )
        history = {
            k.removeprefix("history_"): stored[k]
            for k in stored.files
            if k.startswith("history_")
        }
        fit = Fit(net, stored["loss"], bool(stored["converged"]), history=history)
        data = DigitsSplit(*(stored[f"data_{k}"] for k in DigitsSplit._fields))
    return fit, data


def digits_fit() -> tuple[Fit[Network], DigitsSplit]:
    """``train_digits()``'s network and split: trained at most once per build."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"{_key()}.npz"
    with (CACHE / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not path.is_file():
            for old in CACHE.glob("*.npz"):
                old.unlink()
            _save(path, *train_digits())
    return _load(path)
