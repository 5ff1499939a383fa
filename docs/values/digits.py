"""Numbers quoted on the page "A network that reads digits", by handgrad.

The network of ``handgrad.digits.train_digits``, trained once per build
(tools/digits_model.py shares it with the page's figures): its size, its
settings, its loss and accuracy, and its mistakes on the test set.
"""

import numpy as np

from handgrad import digits
from handgrad.metrics import accuracy, confusion_matrix

try:  # the site's build trains the network once for all its scripts
    from digits_model import digits_fit
except ImportError:  # run on its own: train it here, in a few seconds
    from handgrad.digits import train_digits as digits_fit

_fit, _data = digits_fit()
_net = _fit.params

m_train, m_val, m_test = len(_data.y_train), len(_data.y_val), len(_data.y_test)
m_total = m_train + m_val + m_test
n_hidden = digits.SIZES[1]
n_parameters = _net.n_parameters
epochs = digits.EPOCHS
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

_predicted = _net(_data.X_test).argmax(axis=1)
test_accuracy = 100 * accuracy(_data.y_test, _predicted)
test_right = int((_predicted == _data.y_test).sum())
test_wrong = m_test - test_right
point_per_image = 100 / m_test
_counts = confusion_matrix(_data.y_test, _predicted, 10)
np.fill_diagonal(_counts, 0)
_i, _j = np.unravel_index(np.argmax(_counts), _counts.shape)
worst_true, worst_predicted, worst_count = int(_i), int(_j), int(_counts[_i, _j])
