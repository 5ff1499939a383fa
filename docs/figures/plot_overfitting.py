"""Overfitting: the training loss keeps falling while the validation loss turns up.

A 64-64-10 ReLU network trained on only the first 100 training digits
(minibatches of 10, momentum 0.9, learning rate 0.1, seed 0) for 60 epochs,
with the cross-entropy on those 100 and on the 359 validation digits after
each epoch (log scale). The dot marks the epoch of the lowest validation
loss; the vertical line, where early stopping with a patience of 10 epochs
stops.
"""

import matplotlib.pyplot as plt
import numpy as np

from handgrad.digits import load_digits
from handgrad.minibatch import train_classifier
from handgrad.network import Network
from handgrad.optim import Momentum

M_SMALL, EPOCHS, BATCH, PATIENCE = 100, 60, 10, 10

data = load_digits()
net = Network.init([64, 64, 10], ["relu", "identity"], seed=0)
fit = train_classifier(
    net,
    data.X_train[:M_SMALL],
    data.y_train[:M_SMALL],
    optimizer=Momentum(0.1, beta=0.9),
    epochs=EPOCHS,
    batch_size=BATCH,
    validation=(data.X_val, data.y_val),
)
val = fit.history["val_loss"]
best = int(np.argmin(val))

fig, ax = plt.subplots(layout="constrained")
ax.semilogy(fit.loss, color="C0", label=f"training ({M_SMALL} digits)")
ax.semilogy(val, "--", color="C1", label="validation")
ax.plot([best], [val[best]], "o", color="C1")
ax.axvline(
    best + PATIENCE,
    color="C5",
    linewidth=1,
    label=f"early stopping, patience {PATIENCE}",
)
ax.set_xlabel("epoch")
ax.set_ylabel("cross-entropy")
ax.legend(loc="lower left")

if __name__ == "__main__":
    plt.show()
