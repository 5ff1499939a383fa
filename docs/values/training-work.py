"""Numbers quoted on the page "What makes training work", by handgrad.

Equal starting weights; the size of the activations through ten ReLU layers
for three scales of the starting weights; the size of the gradient in each
layer of a deep sigmoid and a deep ReLU network on the digits; and a network
that overfits 100 training digits, with and without early stopping.
"""

import numpy as np

from handgrad.data import bell
from handgrad.digits import load_digits
from handgrad.minibatch import classifier_gradients, train_classifier
from handgrad.network import Network, forward
from handgrad.optim import Momentum
from handgrad.softmax import one_hot
from handgrad.training import train

# --- Equal weights stay equal -------------------------------------------------
_X, _Y = bell(64)
_net = Network(
    [np.full((1, 4), 0.5), np.full((4, 1), 0.5)],
    [np.zeros(4), np.zeros(1)],
    ["tanh", "identity"],
)
_fit = train(_net, _X, _Y, learning_rate=0.1, steps=500)
symmetric_spread = float(np.ptp(_net.W[0]))
symmetric_steps = _fit.steps

# --- The scale of the starting weights, ten ReLU layers of 100 ---------------
depth, width = 10, 100
_inputs = np.random.default_rng(0).standard_normal((500, width))


def _output_std(scale):
    net = Network.init([width] * (depth + 1), ["relu"] * depth, seed=0)
    net.W = [W * scale for W in net.W]
    _, A = forward(net, _inputs)
    return float(A[-1].std())


std_small, std_he, std_large = _output_std(0.5), _output_std(1.0), _output_std(2.0)
two_to_depth = 2**depth  # ReLU(c z) = c ReLU(z): a factor c per layer

# --- Vanishing gradients: eight hidden layers of 32 on 200 digits ------------
_data = load_digits()
hidden_layers = 8
_Xd, _Yd = _data.X_train[:200], one_hot(_data.y_train[:200], 10)


def _gradient_sizes(name):
    sizes = [64] + [32] * hidden_layers + [10]
    net = Network.init(sizes, [name] * hidden_layers + ["identity"], seed=0)
    dC_dW, _ = classifier_gradients(net, _Xd, _Yd)
    return np.array([np.sqrt(np.mean(g**2)) for g in dC_dW])


_sigmoid, _relu = _gradient_sizes("sigmoid"), _gradient_sizes("relu")
sigmoid_first, sigmoid_last = _sigmoid[0], _sigmoid[-1]
sigmoid_ratio = sigmoid_last / sigmoid_first
sigmoid_ratio_rounded = float(f"{sigmoid_ratio:.2g}")  # two figures, for the prose
sigmoid_per_layer = sigmoid_ratio ** (1 / hidden_layers)  # geometric mean
relu_first, relu_last = _relu[0], _relu[-1]
relu_ratio = relu_last / relu_first
relu_min, relu_max = _relu.min(), _relu.max()
output_layer = hidden_layers + 1

# --- Overfitting 100 digits, and early stopping -------------------------------
m_small, over_epochs, over_batch, patience = 100, 60, 10, 10


def _overfit(patience=None):
    net = Network.init([64, 64, 10], ["relu", "identity"], seed=0)
    return train_classifier(
        net,
        _data.X_train[:m_small],
        _data.y_train[:m_small],
        optimizer=Momentum(0.1, beta=0.9),
        epochs=over_epochs,
        batch_size=over_batch,
        validation=(_data.X_val, _data.y_val),
        patience=patience,
    )


_full, _early = _overfit(), _overfit(patience)
m_val = len(_data.y_val)
best_epoch = int(np.argmin(_full.history["val_loss"]))
val_loss_best = _full.history["val_loss"][best_epoch]
val_loss_end = _full.history["val_loss"][-1]
train_loss_end = _full.loss[-1]
train_accuracy_end = 100 * _full.history["accuracy"][-1]
val_accuracy_best = 100 * _full.history["val_accuracy"][best_epoch]
val_accuracy_end = 100 * _full.history["val_accuracy"][-1]
stopped_epoch = _early.steps
