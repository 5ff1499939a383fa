"""Softmax with cross-entropy, and the classifier's gradients, against PyTorch.

Skipped where PyTorch is not installed (``make torch`` adds it).
"""

import numpy as np
import pytest

from handgrad.minibatch import classifier_gradients
from handgrad.network import Network
from handgrad.softmax import cross_entropy, cross_entropy_gradient, one_hot, softmax

torch = pytest.importorskip("torch", reason="PyTorch not installed: run `make torch`")
torch.set_num_threads(1)  # tiny tensors: threads only wait for each other
F = torch.nn.functional
# Two float64 computations of the same sums in different orders.
TOL = {"rtol": 1e-10, "atol": 1e-12}


@pytest.mark.parametrize("seed", range(3))
def test_cross_entropy_and_its_gradient_match_pytorch(seed):
    rng = np.random.default_rng(seed)
    Z = rng.standard_normal((7, 5)) * 4
    y = rng.integers(0, 5, 7)
    Z_t = torch.tensor(Z, requires_grad=True)
    loss = F.cross_entropy(Z_t, torch.tensor(y))
    loss.backward()
    Y = one_hot(y, 5)
    assert cross_entropy(Z, Y) == pytest.approx(loss.item(), rel=1e-10)
    np.testing.assert_allclose(cross_entropy_gradient(Z, Y), Z_t.grad.numpy(), **TOL)
    np.testing.assert_allclose(softmax(Z), F.softmax(Z_t, dim=1).detach(), **TOL)


@pytest.mark.parametrize(
    "names", [["relu", "identity"], ["sigmoid", "tanh", "identity"]]
)
def test_classifier_gradients_match_pytorch(names):
    rng = np.random.default_rng(1)
    sizes = [4, 6, 3] if len(names) == 2 else [4, 6, 5, 3]
    net = Network.init(sizes, names, seed=1)
    X, y = rng.standard_normal((9, 4)), rng.integers(0, 3, 9)
    params = [torch.tensor(p, requires_grad=True) for p in net.W + net.b]
    A = torch.tensor(X)
    L = len(net.W)
    acts = {"relu": torch.relu, "sigmoid": torch.sigmoid, "tanh": torch.tanh}
    for i, name in enumerate(names):
        A = A @ params[i] + params[L + i]
        A = acts.get(name, lambda z: z)(A)
    F.cross_entropy(A, torch.tensor(y)).backward()
    dC_dW, dC_db = classifier_gradients(net, X, one_hot(y, 3))
    for g, p in zip(dC_dW + dC_db, params, strict=True):
        np.testing.assert_allclose(g, p.grad.numpy(), **TOL)
