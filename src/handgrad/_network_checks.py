"""The input checks at the doors of `handgrad.network` and its training.

A network's parameters can be changed between calls (``net.W[0][...] = ...``
or ``net.W = ...``), so every public door checks them again, as it checks
the data it is given. Kept apart so that ``network.py`` reads as the maths.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, DTypeLike, NDArray

from handgrad._arrays import as_array, same_length
from handgrad._validate import count, show
from handgrad.activations import Activation, get_activation

__all__ = [
    "activations_for",
    "check_data",
    "check_inputs",
    "check_parameters",
    "float_dtype",
    "inputs_of",
    "layer_arrays",
    "names",
    "network_shapes",
    "output_gradient",
    "passes",
    "sizes",
    "targets_of",
]

Array = NDArray[np.floating]


def check_parameters(net: Any, *, finite: bool = True) -> None:
    """Raise unless ``net.W`` and ``net.b`` hold finite arrays of the right shapes.

    With ``finite=False`` only the shapes: for a caller that checks the
    numbers later, all at once.
    """
    try:  # the usual case, in two comparisons: what init made, or step kept
        arrays = net.W + net.b
        usual = [a.shape for a in arrays] == net.shapes
        if usual and not finite and {type(a) for a in arrays} == {np.ndarray}:
            return
    except (AttributeError, TypeError):
        pass  # not arrays, or not lists: said below
    for name, arrays, ndim in (("W", net.W, 2), ("b", net.b, 1)):
        if not isinstance(arrays, list) or len(arrays) != len(net.sizes) - 1:
            raise TypeError(
                f"{name} must be a list of {len(net.sizes) - 1} arrays, "
                f"got {show(arrays)}"
            )
        for i, array in enumerate(arrays):
            want = (net.sizes[i], net.sizes[i + 1])[2 - ndim :]
            if not (isinstance(array, np.ndarray) and array.shape == want):
                raise ValueError(
                    f"{name}[{i}] must be an array of shape {want}, got {show(array)}"
                )
            if finite and not np.isfinite(array).all():
                raise ValueError(f"{name}[{i}] must be finite, got NaN or inf")


def check_inputs(
    net: Any, X: ArrayLike, name: str = "X", *, finite: bool = True
) -> Array:
    """``X`` as a checked ``(m, n_0)`` array of the network's dtype."""
    X = as_array(X, name, ndim=2, dtype=net.dtype, finite=finite)
    if X.shape[1] != net.sizes[0]:
        raise ValueError(
            f"{name} must have {net.sizes[0]} column(s), one per input, "
            f"got shape {X.shape}"
        )
    return X


def check_data(
    net: Any, X: ArrayLike, Y: ArrayLike, *, finite: bool = True
) -> tuple[Array, Array]:
    """``X`` (m, n_0) and ``Y`` (m, n_L), checked, with as many rows.

    With ``finite=False`` NaN and inf pass, for a caller that checks the
    numbers later, by their effect (see ``Network.loss_and_gradients``).
    """
    X = check_inputs(net, X, finite=finite)
    Y = as_array(Y, "Y", ndim=2, dtype=net.dtype, finite=finite)
    if Y.shape[1] != net.sizes[-1]:
        raise ValueError(
            f"Y must have {net.sizes[-1]} column(s), one per output, "
            f"got shape {Y.shape}"
        )
    same_length(X, "X", Y, "Y")
    return X, Y


def inputs_of(net: str, *, column_major: bool = False) -> Any:
    """A rule: inputs ``X`` for the checked network named ``net``.

    With ``column_major=True`` the result is laid out column by column (a
    copy, unless it already is): for a training loop, which passes the same
    ``X`` to the fast engine (`handgrad.fast`) at every step.
    """

    def rule(value: ArrayLike, name: str, checked: dict[str, Any]) -> Array:
        X = check_inputs(checked[net], value, name)
        return np.asfortranarray(X) if column_major else X

    return rule


def targets_of(net: str, *, column_major: bool = False) -> Any:
    """A rule: targets ``Y`` for the network ``net`` and the checked inputs ``X``."""

    def rule(value: ArrayLike, name: str, checked: dict[str, Any]) -> Array:
        Y = check_data(checked[net], checked["X"], value)[1]
        return np.asfortranarray(Y) if column_major else Y

    return rule


def network_shapes(value: Any, name: str, checked: object = None) -> Any:
    """The rule for a network whose numbers are checked later: its shapes only."""
    if not hasattr(value, "activations") or not hasattr(value, "sizes"):
        raise TypeError(f"{name} must be a Network, got {show(value)}")
    check_parameters(value, finite=False)
    return value


def passes(value: Any, name: str, checked: dict[str, Any]) -> list[Array]:
    """The rule for the ``Z`` and ``A`` that ``forward`` returned."""
    net, m = checked["net"], None
    widths = net.sizes[1:] if name == "Z" else net.sizes
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        raise TypeError(f"{name} must be the list forward returned, got {show(value)}")
    if len(value) != len(widths):
        raise ValueError(f"{name} must hold {len(widths)} arrays, got {len(value)}")
    arrays = [
        as_array(v, f"{name}[{i}]", ndim=2, dtype=net.dtype)
        for i, v in enumerate(value)
    ]
    for i, (array, n) in enumerate(zip(arrays, widths, strict=True)):
        m = len(array) if m is None else m
        if array.shape != (m, n):
            raise ValueError(f"{name}[{i}] must have shape {(m, n)}, got {array.shape}")
    if name == "A":
        same_length(checked["Z"][0], "Z", arrays[0], "A")
    return arrays


def output_gradient(value: ArrayLike, name: str, checked: dict[str, Any]) -> Array:
    """The rule for ``dC_dA``: an array of the shape of the output ``A[-1]``."""
    A_L = checked["A"][-1]
    array = as_array(value, name, ndim=2, dtype=A_L.dtype)
    if array.shape != A_L.shape:
        raise ValueError(
            f"{name} must have the shape of the output, {A_L.shape}, got {array.shape}"
        )
    return array


def sizes(value: Any, name: str, checked: object = None) -> list[int]:
    """The rule for ``sizes``: at least two layer widths, each at least 1."""
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        raise TypeError(f"{name} must be a list of layer sizes, got {show(value)}")
    if len(value) < 2:
        raise ValueError(f"{name} must list at least 2 layer sizes, got {value!r}")
    return [count(n, f"{name}[{i}]") for i, n in enumerate(value)]


def names(value: Any, name: str, checked: dict[str, Any]) -> list[str]:
    """The rule for ``activations``: one known name per layer of ``sizes``."""
    return [f.name for f in activations_for(value, len(checked["sizes"]) - 1)]


def activations_for(names: Any, layers: int) -> list[Activation]:
    """One `Activation` per layer, by name."""
    if isinstance(names, str) or not isinstance(names, Sequence):
        raise TypeError(f"activations must be a list of names, got {show(names)}")
    if len(names) != layers:
        raise ValueError(
            f"activations must name one activation per layer ({layers}), "
            f"got {len(names)}: {list(names)!r}"
        )
    return [get_activation(name, f"activations[{i}]") for i, name in enumerate(names)]


def layer_arrays(
    values: Any, name: str, *, ndim: int, dtype: np.dtype, layers: int | None = None
) -> list[Array]:
    """``values``, a list of one array per layer, as checked copies.

    ``layers``, if given, is how many there must be.
    """
    if isinstance(values, str | bytes) or not isinstance(values, Sequence):
        raise TypeError(
            f"{name} must be a list of one array per layer, got {show(values)}"
        )
    if layers is not None and len(values) != layers:
        raise ValueError(
            f"{name} must hold one array per layer ({layers}), got {len(values)}"
        )
    if len(values) == 0:
        raise ValueError(f"{name} must hold at least one layer's array, got none")
    return [
        as_array(v, f"{name}[{i}]", ndim=ndim, dtype=dtype, copy=True)
        for i, v in enumerate(values)
    ]


def float_dtype(dtype: DTypeLike) -> np.dtype:
    """``dtype`` as float32 or float64, or ``ValueError``."""
    try:
        checked = np.dtype(dtype)
    except TypeError:
        checked = None
    if checked not in (np.float32, np.float64):
        raise ValueError(f"dtype must be float32 or float64, got {dtype!r}")
    return checked
