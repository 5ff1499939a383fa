# %% [markdown]
# # Notebook: a network that reads digits
#
# The steps of the page [A network that reads digits](../../digits/), one
# per cell: load the handwritten digits, train a 64-64-10 ReLU network with
# minibatch SGD and momentum, stopped early on the validation loss, and look
# at what it learned. It runs on every
# build of the site; download it and run it yourself with `handgrad`,
# NumPy, Matplotlib and scikit-learn installed, changing the settings as you
# go.
#
# The images are the
# [Optical Recognition of Handwritten Digits](https://archive.ics.uci.edu/dataset/80/optical+recognition+of+handwritten+digits)
# data set, by E. Alpaydin and C. Kaynak (1998), from the UCI Machine
# Learning Repository, under the
# [CC BY 4.0 licence](https://creativecommons.org/licenses/by/4.0/);
# scikit-learn ships them inside its package, so nothing is downloaded.

# %%
import matplotlib.pyplot as plt
import numpy as np

from handgrad.digits import (
    BATCH_SIZE,
    BETA,
    EPOCHS,
    LEARNING_RATE,
    PATIENCE,
    SIZES,
    load_digits,
)
from handgrad.metrics import accuracy, confusion_matrix
from handgrad.minibatch import train_classifier
from handgrad.network import Network
from handgrad.optim import Momentum

data = load_digits()  # one fixed, stratified split: 60 % / 20 % / 20 %
print(
    "training",
    data.X_train.shape,
    "validation",
    data.X_val.shape,
    "test",
    data.X_test.shape,
)

# %% alt="Sixteen training digits, 8 by 8 grey squares, each titled with its label"
fig, axes = plt.subplots(2, 8, figsize=(8, 2.4), layout="constrained")
for ax, image, label in zip(axes.flat, data.X_train, data.y_train, strict=False):
    ax.imshow(image.reshape(8, 8), cmap="gray_r")
    ax.set_title(str(label))
    ax.set_axis_off()
plt.show()

# %% [markdown]
# ## Train
#
# `SIZES` is 64 inputs, 64 ReLU units and 10 scores; softmax with
# cross-entropy is the cost. Training stops early once the validation loss
# has not improved for `PATIENCE` epochs. These settings were chosen on the
# validation set, over five seeds (`benchmarks/choose_digits.py` in the
# course's repository). The seed draws the first weights and the order of
# the minibatches: another seed gives another network, and a test accuracy
# a point or so different. Change the settings here and run the cells below
# again, judging them by the validation accuracy: the test set is for the
# end.

# %%
SEED = 0
net = Network.init(SIZES, ["relu", "identity"], seed=SEED)
fit = train_classifier(
    net,
    data.X_train,
    data.y_train,
    optimizer=Momentum(LEARNING_RATE, beta=BETA),
    epochs=EPOCHS,
    batch_size=BATCH_SIZE,
    validation=(data.X_val, data.y_val),
    patience=PATIENCE,
    seed=SEED,
)
print(f"epochs {fit.steps}, training loss {fit.loss[0]:.2f} -> {fit.loss[-1]:.4f}")
print(f"validation accuracy {100 * fit.history['val_accuracy'][-1]:.1f} %")

# %% alt="Training and validation loss per epoch, log scale: training falls further"
plt.semilogy(fit.loss, label="training")
plt.semilogy(fit.history["val_loss"], "--", label="validation")
plt.xlabel("epoch")
plt.ylabel("cross-entropy")
plt.legend()
plt.show()

# %% [markdown]
# ## Test, once
#
# The test set has waited until now: its accuracy says how the network reads
# digits it has never seen.

# %%
predicted = net(data.X_test).argmax(axis=1)
print(f"test accuracy {100 * accuracy(data.y_test, predicted):.1f} %")
print("rows: the true digit; columns: the digit the network chose")
print(confusion_matrix(data.y_test, predicted, 10))

# %% alt="The test images the network gets wrong, titled true then predicted digit"
wrong = np.flatnonzero(predicted != data.y_test)
fig, axes = plt.subplots(
    1, len(wrong), figsize=(1.1 * len(wrong), 1.6), layout="constrained", squeeze=False
)
for ax, i in zip(axes.flat, wrong, strict=True):
    ax.imshow(data.X_test[i].reshape(8, 8), cmap="gray_r")
    ax.set_title(f"{data.y_test[i]}→{predicted[i]}")
    ax.set_axis_off()
plt.show()

# %% [markdown]
# ## What the first layer looks for
#
# Column $k$ of the first layer's weights $W^{[1]}$ holds the 64 weights
# hidden unit $k$ gives the 64 pixels. Drawn in the pixels' places, red
# where ink raises the unit's pre-activation and blue where it lowers it,
# each column shows what its unit looks for.

# %% alt="First-layer weights as 8 by 8 images in red and blue: blotchy strokes"
W1 = net.W[0]  # (64 pixels, one column per hidden unit)
n_hidden = W1.shape[1]
fig, axes = plt.subplots(-(-n_hidden // 16), 16, figsize=(8, 2.2), layout="constrained")
for k, ax in enumerate(axes.flat):
    ax.set_axis_off()
    if k < n_hidden:
        w = W1[:, k].reshape(8, 8)
        size = np.abs(w).max()
        ax.imshow(w, cmap="RdBu_r", vmin=-size, vmax=size)
plt.show()
