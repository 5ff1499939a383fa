"""The confusion matrix of the digits network on the test set.

Row i, column j counts the test images of digit i that the network read as
j: the diagonal holds the right answers, every other non-zero cell a kind
of mistake.
"""

import matplotlib.pyplot as plt
import numpy as np

from handgrad.metrics import confusion_matrix

try:  # the site's build trains the network once for all its scripts
    from digits_model import digits_fit
except ImportError:  # run on its own: train it here, in a few seconds
    from handgrad.digits import train_digits as digits_fit

fit, data = digits_fit()
predicted = fit.params(data.X_test).argmax(axis=1)
counts = confusion_matrix(data.y_test, predicted, 10)

fig, ax = plt.subplots(figsize=(4.8, 4.4), layout="constrained")
ax.imshow(np.minimum(counts, 3), cmap="Blues", vmin=0, vmax=4)
for i, j in zip(*np.nonzero(counts), strict=True):
    ax.text(
        j,
        i,
        str(counts[i, j]),
        ha="center",
        va="center",
        fontsize=9,
        color="white" if i == j else "black",
    )
ax.set_xticks(range(10))
ax.set_yticks(range(10))
ax.set_xlabel("predicted digit")
ax.set_ylabel("true digit")
ax.grid(False)

if __name__ == "__main__":
    plt.show()
