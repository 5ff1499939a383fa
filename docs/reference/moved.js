// The API reference was one page, reference/, until it became eight (issue
// 11). An old link to one of its headings or objects, such as
// reference/#a-straight-line or reference/#handgrad.linear.mse, is sent on
// to the page that holds it now, with its anchor; any other lands here.
// tests/test_reference_pages.py checks that each goes where its id now is.
(function () {
  var moved = {
    "chain-rule/": ["chain_rule", "the-chain-rule"],
    "straight-line/": ["data", "linear", "a-straight-line"],
    "gradient-descent/": [
      "descent", "fit", "gradient-descent", "what-every-training-loop-returns"
    ],
    "activations-losses/": ["activations", "losses"],
    "two-two-one/": [
      "two_two_one", "gradcheck", "the-2-2-1-network-by-hand", "checking-gradients"
    ],
    "any-network/": [
      "network", "training", "fast",
      "any-network", "training-a-network", "the-networks-gradient-arranged-for-speed"
    ],
    "autodiff/": [
      "autodiff", "value_network",
      "automatic-differentiation", "a-network-of-autodiff-values"
    ],
    "classification/": [
      "softmax", "optim", "minibatch", "metrics", "digits",
      "softmax-with-cross-entropy", "gradient-descent-momentum-and-adam",
      "minibatch-training-of-a-classifier", "accuracy-and-the-confusion-matrix",
      "the-handwritten-digits"
    ]
  };
  var id;
  try {
    id = decodeURIComponent(location.hash.slice(1));
  } catch (error) {
    return; // not an anchor this page ever had
  }
  var object = /^handgrad\.([a-z_0-9]+)/.exec(id);
  var key = object ? object[1] : id;
  for (var page in moved) {
    if (moved[page].indexOf(key) >= 0) {
      location.replace(page + location.hash);
      return;
    }
  }
})();
