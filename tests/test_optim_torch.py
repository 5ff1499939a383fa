"""SGD, momentum and Adam against torch.optim, on the same minibatches.

From the same first weights and the same minibatch order, 100 steps of
handgrad's minibatch SGD (with momentum) and Adam leave the same parameters
as torch.optim.SGD(momentum=...) and torch.optim.Adam, to 1e-10 in float64.
Skipped where PyTorch is not installed (``make torch`` adds it).
"""

import numpy as np
import pytest

from handgrad.minibatch import classifier_gradients, minibatches
from handgrad.network import Network
from handgrad.optim import SGD, Adam, Momentum
from handgrad.softmax import one_hot

torch = pytest.importorskip("torch", reason="PyTorch not installed: run `make torch`")
torch.set_num_threads(1)  # tiny tensors: threads only wait for each other

STEPS = 100
TOL = {"rtol": 1e-10, "atol": 1e-12}

OPTIMIZERS = [
    (lambda: SGD(0.1), lambda p: torch.optim.SGD(p, lr=0.1)),
    (
        lambda: Momentum(0.05, beta=0.9),
        lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9),
    ),
    (lambda: Adam(0.01), lambda p: torch.optim.Adam(p, lr=0.01)),
    (
        lambda: Adam(0.003, beta1=0.8, beta2=0.99, eps=1e-6),
        lambda p: torch.optim.Adam(p, lr=0.003, betas=(0.8, 0.99), eps=1e-6),
    ),
]


@pytest.mark.parametrize(
    ("ours", "theirs"), OPTIMIZERS, ids=["sgd", "momentum", "adam", "adam-betas"]
)
def test_100_minibatch_steps_match_torch_optim(ours, theirs):
    rng = np.random.default_rng(0)
    X, y = rng.standard_normal((40, 5)), rng.integers(0, 3, 40)
    Y = one_hot(y, 3)
    net = Network.init([5, 8, 3], ["relu", "identity"], seed=0)
    params = [torch.tensor(p, requires_grad=True) for p in net.W + net.b]
    optimizer, torch_optimizer = ours(), theirs(params)
    batches = []
    while len(batches) < STEPS:
        batches += minibatches(len(X), 16, rng)
    for batch in batches[:STEPS]:
        dC_dW, dC_db = classifier_gradients(net, X[batch], Y[batch])
        theta = optimizer.step(net.W + net.b, dC_dW + dC_db)
        net.W, net.b = theta[:2], theta[2:]

        torch_optimizer.zero_grad()
        scores = torch.relu(torch.tensor(X[batch]) @ params[0] + params[2])
        scores = scores @ params[1] + params[3]
        torch.nn.functional.cross_entropy(scores, torch.tensor(y[batch])).backward()
        torch_optimizer.step()
    for mine, theirs_ in zip(net.W + net.b, params, strict=True):
        np.testing.assert_allclose(mine, theirs_.detach().numpy(), **TOL)
