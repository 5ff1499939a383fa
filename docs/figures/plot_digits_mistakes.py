"""Every test image the digits network gets wrong, with its true and predicted digit.

Titles read "true → predicted", and the probability softmax gave the
predicted digit.
"""

import math

import matplotlib.pyplot as plt
import numpy as np

from handgrad.softmax import softmax

try:  # the site's build trains the network once for all its scripts
    from digits_model import digits_fit
except ImportError:  # run on its own: train it here, in a few seconds
    from handgrad.digits import train_digits as digits_fit

fit, data = digits_fit()
A = softmax(fit.params(data.X_test))
predicted = A.argmax(axis=1)
wrong = np.flatnonzero(predicted != data.y_test)

columns = 8
rows = max(1, math.ceil(len(wrong) / columns))
fig, axes = plt.subplots(
    rows, columns, figsize=(8, 1.25 * rows + 0.2), layout="constrained", squeeze=False
)
for ax in axes.flat:
    ax.set_axis_off()
for ax, i in zip(axes.flat, wrong, strict=False):
    ax.imshow(data.X_test[i].reshape(8, 8), cmap="gray_r", vmin=0, vmax=1)
    ax.set_title(
        f"{data.y_test[i]} → {predicted[i]}\n{A[i, predicted[i]]:.0%}", fontsize=9
    )

if __name__ == "__main__":
    plt.show()
