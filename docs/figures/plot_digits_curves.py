"""The digits network learning: loss and accuracy per epoch, training and validation.

The 64-64-10 ReLU network of ``handgrad.digits.train_digits`` (minibatch SGD
with momentum). Left: the cross-entropy on the training set and on the
validation set after each epoch (log scale). Right: the accuracy on both.
"""

import matplotlib.pyplot as plt
import numpy as np

try:  # the site's build trains the network once for all its scripts
    from digits_model import digits_fit
except ImportError:  # run on its own: train it here, in a few seconds
    from handgrad.digits import train_digits as digits_fit

fit, data = digits_fit()
epochs = np.arange(len(fit.loss))

fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.6), layout="constrained")
left.semilogy(epochs, fit.loss, color="C0", label="training")
left.semilogy(epochs, fit.history["val_loss"], "--", color="C1", label="validation")
left.set_xlabel("epoch")
left.set_ylabel("cross-entropy")
left.legend()
right.plot(epochs[1:], fit.history["accuracy"][1:], color="C0", label="training")
right.plot(
    epochs[1:], fit.history["val_accuracy"][1:], "--", color="C1", label="validation"
)
right.set_xlabel("epoch")
right.set_ylabel("accuracy")
right.set_ylim(0.8, 1.005)
right.legend(loc="lower right")

if __name__ == "__main__":
    plt.show()
