"""A network's curve as a sum of bent lines, at each stage of its training.

The 1-20-1 ReLU network of "Why a straight line is not enough" (seed 1,
learning rate 0.05, full-batch gradient descent on ``handgrad.data.bell``),
saved at a few training steps up to the page's 5,000: each hidden unit's
weights and biases, the output bias and the mean squared error there. The
page script (explorables.js) draws each scaled bent line
w2[k] ReLU(x w1[k] + b1[k]) and their sum plus b2 against the data, and
shows the step, the MSE and b2 as they are here.
"""

import numpy as np

from handgrad.data import bell
from handgrad.network import Network
from handgrad.training import train

SIZES, SEED, LEARNING_RATE = [1, 20, 1], 1, 0.05
CHECKPOINTS = [
    0,
    10,
    25,
    50,
    100,
    200,
    300,
    500,
    750,
    1000,
    1500,
    2000,
    3000,
    4000,
    5000,
]

X, Y = bell()
net = Network.init(SIZES, ["relu", "identity"], seed=SEED)
stages, done = [], 0
for step in CHECKPOINTS:
    if step > done:
        train(net, X, Y, learning_rate=LEARNING_RATE, steps=step - done)
        done = step
    stages.append(
        {
            "step": step,
            "mse": float(net.loss(X, Y)),
            # Only drawn, never quoted: five decimals are plenty.
            "w1": np.round(net.W[0][0], 5),
            "b1": np.round(net.b[0], 5),
            "w2": np.round(net.W[1][:, 0], 5),
            "b2": float(net.b[1][0]),
        }
    )

script = "explorables.js"
data = {
    "kind": "bent",
    "room": {"ratio": 0.62, "em": 8},
    "stage": {
        "min": "0",
        "max": str(len(CHECKPOINTS) - 1),
        "step": "1",
        "value": str(len(CHECKPOINTS) - 1),
    },
    # The data only drawn, never quoted: four decimals are plenty.
    "x": np.round(X[:, 0], 4),
    "y": np.round(Y[:, 0], 4),
    "stages": stages,
}
