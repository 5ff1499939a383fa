"""Twenty of the training digits, two of each class, with their labels.

Each image is 8 x 8 pixels from the UCI handwritten digits (as scikit-learn
ships them), scaled to [0, 1]: dark is ink. The first two training images
of each digit, 0 to 9, in the fixed split of ``handgrad.digits.load_digits``.
"""

import matplotlib.pyplot as plt
import numpy as np

from handgrad.digits import load_digits

data = load_digits()
fig, axes = plt.subplots(2, 10, figsize=(8, 2.2), layout="constrained")
for digit in range(10):
    rows = np.flatnonzero(data.y_train == digit)[:2]
    for ax, row in zip(axes[:, digit], rows, strict=True):
        ax.imshow(data.X_train[row].reshape(8, 8), cmap="gray_r", vmin=0, vmax=1)
        ax.set_title(str(digit), fontsize=10)
        ax.set_axis_off()

if __name__ == "__main__":
    plt.show()
