"""The digits networks, trained once and shared by a page's scripts and tests.

The page "A network that reads digits" quotes numbers (docs/values/) and
draws figures (docs/figures/) of one trained network, and quotes the spread
of the same recipe over seeds 1 to 4. Those scripts run in separate
processes, and its page test runs the values script again, so each would
train again (1.2 s of CPU for seed 0, five times in a clean build; 3 s for
seeds 1 to 4, in the build and in every test run). Instead they call
:func:`digits_fit`, which trains each seed once with
:func:`handgrad.digits.train_digits` and keeps it in ``.cache/digits/``,
under the build's one cache key (``scripts.py``: the library's sources and
every installed distribution's version, scikit-learn's data among them).
A lock makes a second process wait for the first instead of training too.

The scripts import this module when the build runs them (``tools/`` is on
their path); run by a reader, they call ``train_digits`` themselves.
"""

from __future__ import annotations

import fcntl
import pickle
from pathlib import Path

from scripts import cache_dir, digest

from handgrad.digits import DEFAULT_SEED, DigitsSplit, train_digits
from handgrad.fit import Fit
from handgrad.network import Network

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "handgrad"
CACHE = cache_dir() / "digits"


def digits_fit(seed: int = DEFAULT_SEED) -> tuple[Fit[Network], DigitsSplit]:
    """``train_digits(seed=seed)``'s network and split, trained at most once
    while the library and its dependencies stay the same."""
    CACHE.mkdir(parents=True, exist_ok=True)
    key = digest([Path(__file__)], PACKAGE)[:16]
    path = CACHE / f"{key}-seed{seed}.pickle"
    with (CACHE / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not path.is_file():
            for old in CACHE.glob("*.pickle"):
                if not old.name.startswith(f"{key}-"):
                    old.unlink()
            fit, data = train_digits(seed=seed)
            net = fit.params  # its activations by name: the functions are ours
            names = [f.name for f in net.activations]
            kept = (net.W, net.b, names, fit.loss, fit.converged, fit.history, data)
            partial = path.with_suffix(".part")  # never a truncated network
            partial.write_bytes(pickle.dumps(kept))
            partial.replace(path)
    W, b, names, loss, converged, history, data = pickle.loads(path.read_bytes())
    return Fit(Network(W, b, names), loss, converged, history=history), data
