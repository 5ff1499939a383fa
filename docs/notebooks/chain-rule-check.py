# %% [markdown]
# # Notebook: checking the chain rule
#
# This notebook checks the two derivatives of the page
# [The chain rule](../../chain-rule/) at many points at once. It runs on every
# build of the site; download it from the link at the top of the page and run
# it yourself with `handgrad`, NumPy and Matplotlib installed.

# %%
import matplotlib.pyplot as plt
import numpy as np

from handgrad.chain_rule import ds_dw, ds_dx, shoe_size_from_age, shoe_size_from_weight

# %% [markdown]
# ## Central differences at many points
#
# For each point $x$ we take a small step $\varepsilon$ either side and
# measure the slope between the two points,
#
# $$\frac{s(x + \varepsilon) - s(x - \varepsilon)}{2\varepsilon}.$$
#
# The chain rule's answer and the measured slope should agree to about eight
# digits.

# %%
rng = np.random.default_rng(0)
x = rng.uniform(-3.0, 3.0, size=1000)
eps = 1e-6
measured = (shoe_size_from_age(x + eps) - shoe_size_from_age(x - eps)) / (2 * eps)
worst = np.max(np.abs(ds_dx(x) - measured))
print(f"largest difference over {x.size} ages: {worst:.1e}")
assert worst < 1e-8

# %%
w = rng.uniform(40.0, 100.0, size=1000)
measured = (shoe_size_from_weight(w + eps) - shoe_size_from_weight(w - eps)) / (2 * eps)
worst = np.max(np.abs(ds_dw(w) - measured))
print(f"largest difference over {w.size} weights: {worst:.1e}")
assert worst < 1e-8

# %% [markdown]
# ## The derivative as a curve
#
# The derivative of shoe size with respect to age is itself a function of age:
# zero at the bottom of the curve, close to -1 and 1 far from it.

# %% alt="ds/dx against age x: an S-curve through 0 at x = 0, tending to -1 and 1"
grid = np.linspace(-3.0, 3.0, 201)
fig, ax = plt.subplots(figsize=(6.4, 3.2), layout="constrained")
ax.plot(grid, ds_dx(grid))
ax.axhline(0.0, color="gray", linewidth=0.8)
ax.set_xlabel("age x")
ax.set_ylabel("ds/dx")
plt.show()
