"""handgrad: how a neural network learns, written out by hand.

The library behind the course pages. Each module holds one idea, and every
function sits beside its derivative:

- :mod:`handgrad.chain_rule` — the worked examples of the chain rule.
- :mod:`handgrad.linear` — a straight line, its losses and their gradients,
  and the closed-form least-squares fit.
- :mod:`handgrad.descent` — gradient descent on the line, every step recorded.
- :mod:`handgrad.activations` — sigmoid, ReLU, tanh and identity, each
  beside its derivative.
- :mod:`handgrad.losses` — mean squared error beside its gradient.
- :mod:`handgrad.softmax` — softmax with cross-entropy beside its gradient,
  for classifiers.
- :mod:`handgrad.two_two_one` — the 2-2-1 sigmoid network, step by step.
- :mod:`handgrad.network` — a fully connected network of any layer sizes:
  the forward pass and backpropagation, as the page writes them.
- :mod:`handgrad.training` — gradient descent for that network: a step, a loop.
- :mod:`handgrad.optim` — gradient descent, momentum and Adam: each its
  update formula.
- :mod:`handgrad.minibatch` — stochastic gradient descent for a classifier,
  epoch by epoch.
- :mod:`handgrad.metrics` — accuracy and the confusion matrix.
- :mod:`handgrad.digits` — the UCI handwritten digits, split once, and the
  network that reads them.
- :mod:`handgrad.fit` — what every training loop returns (:class:`~handgrad.fit.Fit`)
  and the one error it raises (:class:`~handgrad.fit.DivergenceError`).
- :mod:`handgrad.gradcheck` — central differences and relative error.
- :mod:`handgrad.autodiff` — a scalar :class:`~handgrad.autodiff.Value` that
  records the graph it came from, and ``backward()`` through it.
- :mod:`handgrad.value_network` — the network of :mod:`handgrad.network`
  built from values, trained by the autodiff engine.
- :mod:`handgrad.data` — the small seeded data sets the pages use.
- :mod:`handgrad.fast` — the network's gradient arranged for speed, behind
  ``Network.gradients``; tested equal to :mod:`handgrad.network`, never shown.

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
:func:`~handgrad.gradcheck.numerical_gradient`, which nudges ``x`` and puts
every entry back). Every seed defaults to 0.
"""

__version__ = "0.1.0"
