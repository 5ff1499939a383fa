"""handgrad: how a neural network learns, written out by hand.

The library behind the course pages. Each module holds one idea, and every
function sits beside its derivative:

- `handgrad.chain_rule` — the worked examples of the chain rule.
- `handgrad.linear` — a straight line, its losses and their gradients,
  and the closed-form least-squares fit.
- `handgrad.descent` — gradient descent on the line, every step recorded.
- `handgrad.activations` — sigmoid, ReLU, tanh and identity, each
  beside its derivative.
- `handgrad.losses` — mean squared error beside its gradient.
- `handgrad.softmax` — softmax with cross-entropy beside its gradient,
  for classifiers.
- `handgrad.two_two_one` — the 2-2-1 sigmoid network, step by step.
- `handgrad.network` — a fully connected network of any layer sizes:
  the forward pass and backpropagation, as the page writes them.
- `handgrad.training` — gradient descent for that network: a step, a loop.
- `handgrad.optim` — gradient descent, momentum and Adam: each its
  update formula.
- `handgrad.minibatch` — stochastic gradient descent for a classifier,
  epoch by epoch.
- `handgrad.metrics` — accuracy and the confusion matrix.
- `handgrad.digits` — the UCI handwritten digits, split once, and the
  network that reads them.
- `handgrad.fit` — what every training loop returns (`Fit`)
  and the one error it raises (`DivergenceError`).
- `handgrad.gradcheck` — central differences and relative error.
- `handgrad.autodiff` — a scalar `Value` that
  records the graph it came from, and ``backward()`` through it.
- `handgrad.value_network` — the network of `handgrad.network`
  built from values, trained by the autodiff engine.
- `handgrad.data` — the small seeded data sets the pages use.
- `handgrad.fast` — the network's gradient arranged for speed, behind
  ``Network.gradients``; tested equal to `handgrad.network`, never shown.

Shape convention
----------------
One convention holds everywhere in the package and on every page:
**samples are rows**. A batch of ``m`` samples with ``n`` features is an
array ``X`` of shape ``(m, n)``; a layer with ``n_in`` inputs and ``n_out``
units has weights ``W`` of shape ``(n_in, n_out)`` and biases ``b`` of
shape ``(n_out,)``, and computes ``Z = X @ W + b`` of shape ``(m, n_out)``.
A gradient always has the shape of the thing it is the gradient with
respect to: ``dC_dW`` is ``(n_in, n_out)``, like ``W``.

Arrays are float64 unless a function says otherwise. Bad input raises
``TypeError`` or ``ValueError`` naming the argument, what was expected and
what was received; no function changes an array it is given (except
`numerical_gradient`, which nudges ``x`` and puts
every entry back). Every seed defaults to 0.
"""

__version__ = "0.1.0"
