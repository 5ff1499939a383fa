"""Numbers quoted on the page "A network that reads digits", by handgrad.

The network of ``handgrad.digits.train_digits``, trained once
(tools/digits_model.py shares it with the page's figures and its test): its
size, its settings, its loss and accuracy, and its mistakes on the test set.
And the same recipe from seeds 1 to 4, for the spread over seeds of the
validation accuracy, by which the settings were chosen
(benchmarks/choose_digits.py), and of the test accuracy.
"""

import numpy as np

from handgrad import digits
from handgrad.digits import train_digits
from handgrad.metrics import accuracy, confusion_matrix

try:  # the site's build trains each seed once for all its scripts
    from digits_model import digits_fit
except ImportError:  # run on its own: train here, in a few seconds
    digits_fit = train_digits

_fit, _data = digits_fit()
_net = _fit.params

m_train, m_val, m_test = len(_data.y_train), len(_data.y_val), len(_data.y_test)
m_total = m_train + m_val + m_test
n_hidden = digits.SIZES[1]
n_parameters = _net.n_parameters
max_epochs = digits.EPOCHS
patience = digits.PATIENCE
epochs = _fit.steps  # seed 0's: early stopping did not end it sooner
batch_size = digits.BATCH_SIZE
learning_rate = digits.LEARNING_RATE
beta = digits.BETA
steps_per_epoch = -(-m_train // batch_size)
steps = epochs * steps_per_epoch
last_batch = m_train - (steps_per_epoch - 1) * batch_size

loss_start = _fit.loss[0]
loss_end = _fit.loss[-1]
val_loss_end = _fit.history["val_loss"][-1]
train_accuracy = 100 * _fit.history["accuracy"][-1]
val_accuracy = 100 * _fit.history["val_accuracy"][-1]
best_val_epoch = int(np.argmin(_fit.history["val_loss"]))
epochs_after_best = epochs - best_val_epoch
val_accuracy_best_epoch = int(np.argmax(_fit.history["val_accuracy"]))
val_accuracy_best = 100 * _fit.history["val_accuracy"][val_accuracy_best_epoch]

_predicted = _net(_data.X_test).argmax(axis=1)
test_accuracy = 100 * accuracy(_data.y_test, _predicted)
test_right = int((_predicted == _data.y_test).sum())
test_wrong = m_test - test_right
point_per_image = 100 / m_test
_counts = confusion_matrix(_data.y_test, _predicted, 10)
np.fill_diagonal(_counts, 0)
confusion_cells = int(np.count_nonzero(_counts))
worst_count = int(_counts.max())  # the fullest cell off the diagonal

# The same recipe from seeds 1 to 4: the seed draws the first weights and
# the order of the minibatches, the split stays the same.
_fits = [_fit] + [digits_fit(seed=seed)[0] for seed in range(1, 5)]
seeds = len(_fits)
last_seed = seeds - 1
_val = [100 * f.history["val_accuracy"][-1] for f in _fits]
val_mean, val_worst = float(np.mean(_val)), min(_val)
_test = [
    100 * accuracy(_data.y_test, f.params(_data.X_test).argmax(axis=1)) for f in _fits
]
seed_test_accuracy = _test  # seeds 0 to 4
test_min, test_max, test_mean = min(_test), max(_test), float(np.mean(_test))
worst_seed = int(np.argmin(_test))
target = 97.0  # percent of the test images: the accuracy the course aims for
seeds_at_target = sum(a >= target for a in _test)
_stopped = [f.steps for f in _fits if f.converged]
stopped_early = len(_stopped)
stop_min, stop_max = min(_stopped), max(_stopped)
