"""Twenty of the training digits, two of each class, with their labels.

Each image is 8 x 8 pixels from the UCI handwritten digits (as scikit-learn
ships them), scaled to [0, 1]: dark is ink. The first two training images
of each digit, 0 to 9, in the fixed split of ``handgrad.digits.load_digits``.

The images are tiles of one picture, with room for each label above its
tile (one image, not one plot per digit, which took four times as long to
draw).
"""

import matplotlib.pyplot as plt
import numpy as np

from handgrad.digits import load_digits

data = load_digits()
gap, label = 2, 4  # pixels between tiles, and above each for its label
pitch_x, pitch_y = 8 + gap, label + 8 + gap
tiles = np.full((2 * pitch_y - gap, 10 * pitch_x - gap), np.nan)  # NaN: blank

fig = plt.figure(figsize=(8, 8 * tiles.shape[0] / tiles.shape[1]))
ax = fig.add_axes((0, 0, 1, 1))
ax.set_axis_off()
for digit in range(10):
    rows = np.flatnonzero(data.y_train == digit)[:2]
    for i, row in enumerate(rows):
        top, left = i * pitch_y + label, digit * pitch_x
        tiles[top : top + 8, left : left + 8] = data.X_train[row].reshape(8, 8)
        ax.text(left + 3.5, top - 0.8, str(digit), ha="center", fontsize=10)
ax.imshow(tiles, cmap="gray_r", vmin=0, vmax=1, interpolation="nearest")

if __name__ == "__main__":
    plt.show()
