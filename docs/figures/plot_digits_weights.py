"""The first layer's weights of the digits network, each unit's drawn as an 8 x 8 image.

Column k of W^[1] holds the 64 weights hidden unit k gives the 64 pixels;
drawn in the pixels' places, it shows what the unit looks for: red where ink
raises its pre-activation z, blue where ink lowers it. Each image has its
own colour scale, symmetric about 0.
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
fig, axes = plt.subplots(
    int(np.ceil(n_hidden / columns)), columns, figsize=(8, 2.2), layout="constrained"
)
for k, ax in enumerate(axes.flat):
    ax.set_axis_off()
    if k < n_hidden:
        w = W1[:, k].reshape(8, 8)
        size = np.abs(w).max()
        ax.imshow(w, cmap="RdBu_r", vmin=-size, vmax=size)

if __name__ == "__main__":
    plt.show()
