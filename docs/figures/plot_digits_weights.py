"""The first layer's weights of the digits network, each unit's drawn as an 8 x 8 image.

Column k of W^[1] holds the 64 weights hidden unit k gives the 64 pixels;
drawn in the pixels' places, it shows what the unit looks for: red where ink
raises its pre-activation z, blue where ink lowers it. Each image has its
own colour scale, symmetric about 0.

The images are tiles of one picture, a pixel apart (one image, not one plot
per unit: a figure of 64 plots took four times as long to draw).
"""

import matplotlib.pyplot as plt
import numpy as np

try:  # the site's build trains the network once for all its scripts
    from digits_model import digits_fit
except ImportError:  # run on its own: train it here, in a few seconds
    from handgrad.digits import train_digits as digits_fit

fit, data = digits_fit()
W1 = fit.params.W[0]  # (64, n_hidden): one column per hidden unit
n_hidden = W1.shape[1]
columns = 16
rows = int(np.ceil(n_hidden / columns))
tiles = np.full((rows * 9 - 1, columns * 9 - 1), np.nan)  # NaN: the gaps, blank
for k in range(n_hidden):
    w = W1[:, k].reshape(8, 8)
    row, column = divmod(k, columns)
    tiles[9 * row : 9 * row + 8, 9 * column : 9 * column + 8] = w / np.abs(w).max()

fig = plt.figure(figsize=(8, 8 * tiles.shape[0] / tiles.shape[1]))
ax = fig.add_axes((0, 0, 1, 1))
ax.set_axis_off()
ax.imshow(tiles, cmap="RdBu_r", vmin=-1, vmax=1, interpolation="nearest")

if __name__ == "__main__":
    plt.show()
