"""Reverse-mode automatic differentiation on single numbers, written from scratch.

A `Value` holds one number, ``data``, and remembers how it was made:
the values it was computed from (``inputs``) and the operation (``op``).
Every arithmetic expression built from values is therefore a graph, and
each operation knows its own *local* derivative. `Value.backward`
walks that graph once, from the output back to the leaves, in reverse
topological order, and leaves in every value's ``grad`` the derivative of
the output with respect to it: the chain rule, summed over every path.

The page *An autodiff engine* builds this module step by step; it is
written in the spirit of Karpathy's micrograd, and is our own.

Conventions:

- **Gradients add up over uses.** A value used twice receives both
  contributions (``+=`` in every local rule).
- **backward() starts afresh.** It first sets ``grad`` to 0 on every value
  of the output's graph, then computes; so a second call gives the same
  numbers again, never twice them, and there is no ``zero_grad`` to forget.
- **Graphs may share values.** A value made in one expression may be used in
  another; ``backward()`` on the second output covers everything that output
  depends on, the first graph included. A value outside an output's graph
  keeps the ``grad`` it had.

Bad input fails at the door: an operand that is neither a `Value`
nor a real number, a power that is not a plain number, ``log`` of a value
that is not positive, and any result that leaves the finite numbers raise
``TypeError`` or ``ValueError`` naming what was wrong. No NaN comes out.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from handgrad._checks import checks
from handgrad._value_checks import (
    below_exp_limit,
    operand,
    plain_exponent,
    positive,
    single_number,
)

__all__ = ["Value"]


class Value:
    """One number, the operation that made it, and the slope of an output at it.

    ``Value(3.0)`` is a leaf. Arithmetic with other values or with numbers
    (``+ - * / **``, ``exp``, ``log``, ``tanh``, ``sigmoid``, ``relu``) makes
    new values; after ``out.backward()``, ``v.grad`` is the derivative of
    ``out`` with respect to each ``v`` it depends on.
    """

    @checks(data=single_number)
    # --8<-- [start:init]
    def __init__(self, data: float, inputs: tuple[Value, ...] = (), op: str = ""):
        self.data = data  # the number this value holds
        self.grad = 0.0  # d(output)/d(this value), filled in by backward()
        self.inputs = inputs  # the values this one was computed from
        self.op = op  # the operation that made it, such as "*"
        self._backward: Callable[[], None] = lambda: None  # its local rule

    # --8<-- [end:init]

    def __repr__(self) -> str:
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"

    @checks(other=operand)
    # --8<-- [start:add]
    def __add__(self, other: Value | float) -> Value:
        out = Value(self.data + other.data, (self, other), "+")

        def _backward() -> None:  # d(a + b)/da = 1, d(a + b)/db = 1
            self.grad += out.grad * 1.0
            other.grad += out.grad * 1.0

        out._backward = _backward
        return out

    # --8<-- [end:add]

    @checks(other=operand)
    # --8<-- [start:mul]
    def __mul__(self, other: Value | float) -> Value:
        out = Value(self.data * other.data, (self, other), "*")

        def _backward() -> None:  # d(a b)/da = b, d(a b)/db = a
            self.grad += out.grad * other.data
            other.grad += out.grad * self.data

        out._backward = _backward
        return out

    # --8<-- [end:mul]

    @checks(exponent=plain_exponent)
    # --8<-- [start:pow]
    def __pow__(self, exponent: float) -> Value:
        out = Value(self.data**exponent, (self,), f"**{exponent:g}")

        def _backward() -> None:  # d(a^n)/da = n a^(n-1)
            self.grad += out.grad * exponent * self.data ** (exponent - 1)

        out._backward = _backward
        return out

    # --8<-- [end:pow]

    @checks(self=below_exp_limit)
    # --8<-- [start:exp]
    def exp(self) -> Value:
        out = Value(math.exp(self.data), (self,), "exp")

        def _backward() -> None:  # d(e^a)/da = e^a
            self.grad += out.grad * out.data

        out._backward = _backward
        return out

    # --8<-- [end:exp]

    @checks(self=positive)
    # --8<-- [start:log]
    def log(self) -> Value:
        out = Value(math.log(self.data), (self,), "log")

        def _backward() -> None:  # d(ln a)/da = 1 / a
            self.grad += out.grad / self.data

        out._backward = _backward
        return out

    # --8<-- [end:log]

    # --8<-- [start:activations]
    def tanh(self) -> Value:
        out = Value(math.tanh(self.data), (self,), "tanh")

        def _backward() -> None:  # tanh'(a) = 1 - tanh(a)^2
            self.grad += out.grad * (1 - out.data**2)

        out._backward = _backward
        return out

    def sigmoid(self) -> Value:
        a = self.data  # 1 / (1 + e^-a), in a form that cannot overflow
        s = 1 / (1 + math.exp(-a)) if a >= 0 else math.exp(a) / (1 + math.exp(a))
        out = Value(s, (self,), "sigmoid")

        def _backward() -> None:  # sigmoid'(a) = s (1 - s)
            self.grad += out.grad * s * (1 - s)

        out._backward = _backward
        return out

    def relu(self) -> Value:
        out = Value(max(self.data, 0.0), (self,), "relu")

        def _backward() -> None:  # relu'(a) = 1 for a > 0, else 0
            self.grad += out.grad * (1.0 if self.data > 0 else 0.0)

        out._backward = _backward
        return out

    # --8<-- [end:activations]

    # --8<-- [start:reflected]
    def __neg__(self) -> Value:  # -a
        return self * -1

    def __radd__(self, other: float) -> Value:  # 2 + a
        return self + other

    def __rmul__(self, other: float) -> Value:  # 2 * a
        return self * other

    def __rsub__(self, other: float) -> Value:  # 2 - a
        return -self + other

    def __rtruediv__(self, other: float) -> Value:  # 2 / a
        return self**-1 * other

    # --8<-- [end:reflected]

    @checks(other=operand)
    # --8<-- [start:sub]
    def __sub__(self, other: Value | float) -> Value:  # a - b
        return self + (-other)

    # --8<-- [end:sub]

    @checks(other=operand)
    # --8<-- [start:truediv]
    def __truediv__(self, other: Value | float) -> Value:  # a / b
        return self * other**-1

    # --8<-- [end:truediv]

    # --8<-- [start:topological_order]
    def topological_order(self) -> list[Value]:
        """Every value this one depends on, each after all of its inputs."""
        order: list[Value] = []
        seen: set[int] = set()
        stack = [(self, False)]
        while stack:  # a depth-first search, without recursion's depth limit
            value, inputs_done = stack.pop()
            if inputs_done:
                order.append(value)
            elif id(value) not in seen:
                seen.add(id(value))
                stack.append((value, True))
                stack.extend((v, False) for v in value.inputs)
        return order

    # --8<-- [end:topological_order]

    # --8<-- [start:backward]
    def backward(self) -> None:
        """Fill in ``v.grad = d(self)/dv`` for every value ``v`` of the graph."""
        order = self.topological_order()
        for value in order:
            value.grad = 0.0
        self.grad = 1.0  # d(self)/d(self)
        for value in reversed(order):  # each value after every use of it
            value._backward()
        for value in order:
            if not math.isfinite(value.grad):
                raise ValueError(
                    f"backward() gave a slope of {value.grad!r}: too large"
                )

    # --8<-- [end:backward]
