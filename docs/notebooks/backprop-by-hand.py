# %% [markdown]
# # Notebook: backpropagation by hand
#
# The walkthrough of the page
# [Backpropagation by hand](../../backprop-by-hand/), one step per cell: the
# forward pass, the backward pass line by line, one step of gradient descent,
# training, and a gradient check. It runs on every build of the site;
# download it and run it yourself with `handgrad`, NumPy and Matplotlib
# installed, changing the numbers as you go.
#
# The network has two inputs, two hidden units and one output unit, each
# applying the sigmoid $\sigma(z) = 1 / (1 + e^{-z})$ to its weighted sum.
# Samples are rows: the one example is a matrix $X$ of shape $(1, 2)$, and
# with $m$ samples, $(m, 2)$.

# %%
# Names follow the maths on the page (dC_dW1 for dC/dW1), not snake_case.
import matplotlib.pyplot as plt
import numpy as np

from handgrad.activations import sigmoid, sigmoid_prime
from handgrad.gradcheck import check_gradient
from handgrad.losses import mse, mse_gradient
from handgrad.two_two_one import (
    EXAMPLE_X,
    EXAMPLE_Y,
    backward,
    forward,
    init_params,
    loss,
    train,
    update,
)

X = np.array(EXAMPLE_X)  # inputs 0.5 and 0.1, one row
Y = np.array(EXAMPLE_Y)  # target 1
m = len(X)
params = init_params()  # standard normal weights, zero biases, seed 42
W1, b1, W2, b2 = params.W1, params.b1, params.W2, params.b2
print("X", X.shape, "\nW1\n", W1, "\nW2\n", W2)

# %% [markdown]
# ## The forward pass
#
# $Z_1 = X W_1 + b_1$, $A_1 = \sigma(Z_1)$, $Z_2 = A_1 W_2 + b_2$,
# $A_2 = \sigma(Z_2)$. Each product of an $(m, n_\text{in})$ and an
# $(n_\text{in}, n_\text{out})$ array has shape $(m, n_\text{out})$.

# %%
Z1 = X @ W1 + b1
A1 = sigmoid(Z1)
Z2 = A1 @ W2 + b2
A2 = sigmoid(Z2)
for name, array in [("Z1", Z1), ("A1", A1), ("Z2", Z2), ("A2", A2)]:
    print(f"{name} shape {array.shape}: {array.round(4)}")

# %% [markdown]
# The cost is the mean squared error over the $m$ samples,
# $C = \frac{1}{m} \sum_i \left((A_2)_i - Y_i\right)^2$.

# %%
C = mse(A2, Y)
print(f"prediction {A2[0, 0]:.4f}, target {Y[0, 0]:g}, cost {C:.4f}")
assert loss(params, X, Y) == C

# %% [markdown]
# ## The backward pass, one formula per cell
#
# The slope of the cost at the prediction:
# $\frac{\partial C}{\partial A_2} = \frac{2}{m}(A_2 - Y)$.

# %%
dC_dA2 = mse_gradient(A2, Y)
assert np.allclose(dC_dA2, 2 * (A2 - Y) / m)
print(dC_dA2)

# %% [markdown]
# Through the output sigmoid, entry by entry,
#
# $$\frac{\partial C}{\partial Z_2}
# = \frac{\partial C}{\partial A_2} \odot \sigma'(Z_2).$$
#
# `sigmoid_prime` takes the pre-activation $Z_2$; from the output, the same
# number is $A_2 (1 - A_2)$.

# %%
dC_dZ2 = dC_dA2 * sigmoid_prime(Z2)
assert np.allclose(dC_dZ2, dC_dA2 * A2 * (1 - A2))
print(dC_dZ2)

# %% [markdown]
# The output weights and bias: the sum over samples lands in a transpose,
# $\frac{\partial C}{\partial W_2} = A_1^\top \frac{\partial C}{\partial Z_2}$,
# shape $(2, m)(m, 1) = (2, 1)$ like $W_2$; and the bias gradient sums the
# rows of $\frac{\partial C}{\partial Z_2}$.

# %%
dC_dW2 = A1.T @ dC_dZ2
dC_db2 = dC_dZ2.sum(axis=0)
print(dC_dW2.shape, W2.shape, "|", dC_db2.shape, b2.shape)

# %% [markdown]
# Back through the output weights into the hidden layer,
# $\frac{\partial C}{\partial A_1} = \frac{\partial C}{\partial Z_2} W_2^\top$,
# then through the hidden sigmoids,
#
# $$\frac{\partial C}{\partial Z_1}
# = \frac{\partial C}{\partial A_1} \odot \sigma'(Z_1).$$

# %%
dC_dA1 = dC_dZ2 @ W2.T
dC_dZ1 = dC_dA1 * sigmoid_prime(Z1)
print(dC_dA1.shape, dC_dZ1.shape)

# %% [markdown]
# The hidden weights and biases, as at the output with $X$ in place of $A_1$:
# $\frac{\partial C}{\partial W_1} = X^\top \frac{\partial C}{\partial Z_1}$.

# %%
dC_dW1 = X.T @ dC_dZ1
dC_db1 = dC_dZ1.sum(axis=0)
print(dC_dW1.shape, W1.shape, "|", dC_db1.shape, b1.shape)

# %% [markdown]
# The library's `backward` runs the same eight lines; its gradients are the
# ones we just computed.

# %%
grads = backward(params, forward(params, X), Y)
for ours, library in [
    (dC_dW1, grads.dC_dW1),
    (dC_db1, grads.dC_db1),
    (dC_dW2, grads.dC_dW2),
    (dC_db2, grads.dC_db2),
]:
    assert np.array_equal(ours, library)
print("same gradients as handgrad.two_two_one.backward")

# %% [markdown]
# ## One step of gradient descent
#
# Each parameter $\theta$ (each of $W_1, b_1, W_2, b_2$) moves against its
# gradient with learning rate $\eta$,
# $\theta \leftarrow \theta - \eta \frac{\partial C}{\partial \theta}$, all
# four gradients computed from the old parameters.

# %%
learning_rate = 1.0
new = update(params, grads, learning_rate)
print(f"cost {loss(params, X, Y):.4f} -> {loss(new, X, Y):.4f}")
assert loss(new, X, Y) < loss(params, X, Y)

# %% [markdown]
# ## Training: repeat until the cost settles
#
# `train` repeats forward, backward and update. The cost falls fast, then ever
# more slowly: the sigmoid's output approaches the target 1 but never
# reaches it.

# %% alt="Cost against steps, log scale: it falls fast, then ever more slowly"
fit = train(params, X, Y, learning_rate=learning_rate, steps=1000)
prediction = forward(fit.params, X).A2[0, 0]
print(f"cost {fit.loss[0]:.4f} -> {fit.loss[-1]:.1e}, prediction {prediction:.4f}")

fig, ax = plt.subplots(figsize=(6.4, 3.2), layout="constrained")
ax.plot(fit.loss)  # fit.loss[t]: the cost after t steps
ax.set_yscale("log")
ax.set_xlabel("steps taken")
ax.set_ylabel("cost (log scale)")
plt.show()

# %% [markdown]
# ## Checking the gradients
#
# Nudge each entry of each parameter up and down by $\varepsilon$, measure the
# slope of the cost, and compare with the backward pass by the relative error
# (see [Checking gradients](../../gradient-checking/)). Below $10^{-7}$ means
# they agree. Try breaking a line above, say by dropping `/ m`, and run this
# cell again on several samples.

# %%
for name in ("W1", "b1", "W2", "b2"):
    error = check_gradient(
        lambda: loss(params, X, Y),
        getattr(params, name),
        getattr(grads, "dC_d" + name),
    )
    print(f"{name}: relative error {error:.1e}")
    assert error < 1e-7
