// Sends a reader who follows an old link to a heading or object that has
// moved to another page on to that page, with its anchor; any other anchor
// stays where it is. A page that lost sections loads this script with its
// own address in data-from, relative to the site's root:
//
//     <script src="../assets/moved.js" data-from="any-network/" async></script>
//
// and `moved` says, for that page, where each anchor went: page addresses
// relative to it, each with the anchors it took. tests/test_reference_pages.py
// runs the script for every old anchor and checks it lands where its id is.
(function () {
  var moved = {
    // The API reference was one page, reference/, until it became eight
    // (issue 11): reference/#a-straight-line, or an object such as
    // reference/#handgrad.linear.mse, is on one of them now.
    "reference/": {
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
    },
    // "From one network to any network" kept the algorithm; its training,
    // PyTorch and float32 sections became the next page.
    "any-network/": {
      "../training-any-network/": [
        "training", "the-1-20-1-network-learns-the-bell",
        "the-same-network-in-pytorch", "float32-on-request"
      ]
    }
  };
  var script = document.currentScript;
  var from = moved[script ? script.getAttribute("data-from") : ""];
  var id;
  try {
    id = decodeURIComponent(location.hash.slice(1));
  } catch (error) {
    return; // not an anchor this page ever had
  }
  var object = /^handgrad\.([a-z_0-9]+)/.exec(id);
  var key = object ? object[1] : id;
  for (var page in from) {
    if (from[page].indexOf(key) >= 0) {
      location.replace(page + location.hash);
      return;
    }
  }
})();
