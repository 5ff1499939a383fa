"""The general network against PyTorch's autograd: same outputs, same gradients.

Skipped where PyTorch is not installed (``make torch`` adds it).
"""

import numpy as np
import pytest

from handgrad.data import bell
from handgrad.losses import mse_gradient
from handgrad.network import Network, backward, forward
from handgrad.training import train

torch = pytest.importorskip("torch", reason="PyTorch not installed: run `make torch`")
nn = torch.nn

TORCH_ACTIVATIONS = {
    "sigmoid": torch.sigmoid,
    "relu": torch.relu,
    "tanh": torch.tanh,
    "identity": lambda z: z,
}
# Two float64 computations of the same sums in different orders.
TOL = {"rtol": 1e-10, "atol": 1e-12}

NETWORKS = [
    ([1, 20, 1], ["relu", "identity"]),
    ([3, 5, 2], ["sigmoid", "tanh"]),
    ([2, 4, 4, 3], ["tanh", "relu", "sigmoid"]),
    ([4, 1], ["identity"]),
    ([5, 3, 3, 1], ["relu", "relu", "sigmoid"]),
]


def torch_gradients(net, X, Y):
    """Output, loss and gradients of the same network, by PyTorch autograd."""
    W = [torch.tensor(w, requires_grad=True) for w in net.W]
    b = [torch.tensor(v, requires_grad=True) for v in net.b]
    A = torch.tensor(X)
    for W_l, b_l, f in zip(W, b, net.activations, strict=True):
        A = TORCH_ACTIVATIONS[f.name](A @ W_l + b_l)
    loss = nn.functional.mse_loss(A, torch.tensor(Y))
    loss.backward()
    return A.detach().numpy(), loss.item(), [w.grad.numpy() for w in W + b]


@pytest.mark.parametrize(("sizes", "names"), NETWORKS, ids=lambda v: str(v))
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_forward_loss_and_every_gradient_match_pytorch(sizes, names, seed):
    rng = np.random.default_rng(seed)
    net = Network.init(sizes, names, seed=seed)
    for array in net.W + net.b:
        array[...] = rng.uniform(-1, 1, array.shape)
    X = rng.standard_normal((7, sizes[0]))
    Y = rng.standard_normal((7, sizes[-1]))
    A, loss, grads = torch_gradients(net, X, Y)
    np.testing.assert_allclose(net(X), A, **TOL)
    assert net.loss(X, Y) == pytest.approx(loss, rel=1e-10)
    dC_dW, dC_db = net.gradients(X, Y)  # handgrad.fast
    for g, expected in zip(dC_dW + dC_db, grads, strict=True):
        np.testing.assert_allclose(g, expected, **TOL)
    Z, A_all = forward(net, X)  # the readable passes
    dC_dW, dC_db = backward(net, Z, A_all, mse_gradient(A_all[-1], Y))
    for g, expected in zip(dC_dW + dC_db, grads, strict=True):
        np.testing.assert_allclose(g, expected, **TOL)


class BellNet(nn.Module):
    """The 1-20-1 ReLU network as the source writes it in PyTorch."""

    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(1, 20)
        self.relu = nn.ReLU()
        self.output = nn.Linear(20, 1)

    def forward(self, x):
        return self.output(self.relu(self.hidden(x)))


def bell_net_like(net):
    """A BellNet in float64 holding ``net``'s weights.

    nn.Linear keeps its weight as (out, in), our W transposed.
    """
    model = BellNet().double()
    with torch.no_grad():
        for linear, W, b in zip(
            (model.hidden, model.output), net.W, net.b, strict=True
        ):
            linear.weight.copy_(torch.tensor(W.T))
            linear.bias.copy_(torch.tensor(b))
    return model


def test_the_pytorch_module_gives_the_same_loss_and_gradients():
    X, Y = bell()
    net = Network.init([1, 20, 1], ["relu", "identity"], seed=1)
    net.b[0][...] = np.linspace(-1, 1, 20)  # kinks spread over the data
    model = bell_net_like(net)
    loss = nn.MSELoss()(model(torch.tensor(X)), torch.tensor(Y))
    loss.backward()
    assert net.loss(X, Y) == pytest.approx(loss.item(), rel=1e-10)
    dC_dW, dC_db = net.gradients(X, Y)
    for ours, linear in zip(dC_dW, (model.hidden, model.output), strict=True):
        np.testing.assert_allclose(ours, linear.weight.grad.numpy().T, **TOL)
    for ours, linear in zip(dC_db, (model.hidden, model.output), strict=True):
        np.testing.assert_allclose(ours, linear.bias.grad.numpy(), **TOL)


def test_training_follows_the_same_path_as_pytorch():
    X, Y = bell()
    net = Network.init([1, 20, 1], ["relu", "identity"], seed=1)
    model = bell_net_like(net)
    Xt, Yt = torch.tensor(X), torch.tensor(Y)
    theirs = []
    for _ in range(200):
        model.zero_grad()
        loss = nn.MSELoss()(model(Xt), Yt)
        loss.backward()
        with torch.no_grad():  # plain gradient descent, as torch.optim.SGD does
            for p in model.parameters():
                p -= 0.05 * p.grad
        theirs.append(loss.item())
    fit = train(net, X, Y, learning_rate=0.05, steps=200)
    # PyTorch records the loss before each update; fit.loss also has the last.
    np.testing.assert_allclose(fit.loss[:-1], theirs, rtol=1e-10)
