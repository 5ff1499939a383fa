/*
 * The page script of every explorable (tools/explorables.py loads it when
 * one nears the screen), one function per kind of data
 * (docs/explorables/<name>.py):
 *
 * - "path" (intercept_path) and "rate" (learning_rate): gradient descent on
 *   the intercept's SSR. descend() is the loop of
 *   handgrad.descent.gradient_descent with fit="intercept" and the SSR, on
 *   the same data; tests/browser/test_explorables.py compares what the page
 *   shows with the library at every slider position.
 * - "eps" (gradcheck_eps): the error of a finite difference against its
 *   step, looked up in the data.
 * - "steps" (backprop_steps): the forward and backward pass of the 2-2-1
 *   network, a step at a time, looked up in the data.
 * - "bent" (bent_lines): the hidden units of a 1-20-1 ReLU network as
 *   training goes, drawn from their weights; the MSE is looked up.
 *
 * Everything else only draws.
 */
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var WIDTH = 480; // the drawing's width in its own units; text is 16 of them

  function node(tag, attrs, parent, text) {
    var el = tag.charAt(0) === "!" ? document.createElementNS(SVG, tag.slice(1))
      : document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    if (text !== undefined) el.textContent = text;
    if (parent) parent.appendChild(el);
    return el;
  }

  // --- The library's loop -------------------------------------------------
  function ssr(d, b) {
    var s = 0;
    for (var i = 0; i < d.x.length; i++) {
      var r = d.y[i] - (b + d.w * d.x[i]);
      s += r * r;
    }
    return s;
  }

  function dssrDb(d, b) {
    var s = 0;
    for (var i = 0; i < d.x.length; i++) s += d.y[i] - (b + d.w * d.x[i]);
    return -2 * s;
  }

  // Every point of descent from `start` at `rate`, up to `maxSteps` updates,
  // and how it ended: "converged", "diverged" (at `step`) or "moving".
  function descend(d, rate, start, maxSteps) {
    var b = start, path = [], loss = [], startSize = 0;
    for (var k = 0; k <= maxSteps; k++) {
      var L = ssr(d, b), g = dssrDb(d, b);
      path.push(b);
      loss.push(L);
      if (!isFinite(L) || (loss[0] > 0 && L > d.growth_limit * loss[0])) {
        return { path: path, loss: loss, end: "diverged", step: k };
      }
      if (k === 0) startSize = Math.abs(g);
      if (Math.abs(g) <= d.tolerance * startSize) {
        return { path: path, loss: loss, end: "converged", step: k };
      }
      if (k < maxSteps) b = b - rate * g;
    }
    return { path: path, loss: loss, end: "moving", step: maxSteps };
  }

  // As the values scripts word it (docs/values/learning-rate.py).
  function outcome(run) {
    if (run.end === "diverged") return "diverges: DivergenceError at step " + run.step;
    if (run.end === "moving") return "still moving after " + run.step + " steps";
    return "converges in " + run.step + " step" + (run.step === 1 ? "" : "s");
  }

  function fixed(value, digits) {
    return Math.abs(value) < 1e7 ? value.toFixed(digits) : value.toExponential(3);
  }

  // --- Drawing --------------------------------------------------------------
  function scale(from, to, log) {
    var f = log ? Math.log : function (v) { return v; };
    return function (v) {
      return to[0] + (f(v) - f(from[0])) / (f(from[1]) - f(from[0])) * (to[1] - to[0]);
    };
  }

  // A panel: axes, ticks and labels; returns its scales and a group to draw in.
  function panel(svg, box, xs, ys, opts) {
    var g = node("!g", {}, svg);
    var sx = scale(xs.range, [box.x, box.x + box.w], xs.log);
    var sy = scale(ys.range, [box.y + box.h, box.y], ys.log);
    node("!rect", { x: box.x, y: box.y, width: box.w, height: box.h, class: "hg-x-frame" }, g);
    var within = function (r) { return function (t) { return t >= r[0] && t <= r[1]; }; };
    xs.ticks.filter(within(xs.range)).forEach(function (t) {
      node("!line", { x1: sx(t), x2: sx(t), y1: box.y, y2: box.y + box.h, class: "hg-x-grid" }, g);
      node("!text", { x: sx(t), y: box.y + box.h + 16, "text-anchor": "middle" }, g,
        xs.label ? xs.label(t) : String(t));
    });
    (ys.ticks || []).filter(within(ys.range)).forEach(function (t) {
      node("!line", { x1: box.x, x2: box.x + box.w, y1: sy(t), y2: sy(t), class: "hg-x-grid" }, g);
      node("!text", { x: box.x - 4, y: sy(t) + 5, "text-anchor": "end" }, g,
        ys.label ? ys.label(t) : String(t));
    });
    if (xs.title) {
      node("!text", { x: box.x + box.w / 2, y: box.y + box.h + 34, "text-anchor": "middle" },
        g, xs.title);
    }
    if (ys.title) node("!text", { x: box.x, y: box.y - 6 }, g, ys.title);
    var clip = "hg-x-clip-" + opts.id;
    node("!rect", { x: box.x, y: box.y, width: box.w, height: box.h },
      node("!clipPath", { id: clip }, g));
    var inside = node("!g", { "clip-path": "url(#" + clip + ")" }, g);
    return { x: sx, y: sy, g: inside, box: box };
  }

  function curve(p, xs, ys, cls) {
    var points = xs.map(function (x, i) {
      return p.x(x).toFixed(1) + "," + p.y(ys[i]).toFixed(1);
    });
    return node("!polyline", { points: points.join(" "), class: cls }, p.g);
  }

  function ssrCurve(p, d, from, to) {
    var bs = [];
    for (var i = 0; i <= 120; i++) bs.push(from + (to - from) * i / 120);
    curve(p, bs, bs.map(function (b) { return ssr(d, b) / 1000; }), "hg-x-c0");
    var best = p.x(d.b_best);
    node("!line", { x1: best, x2: best, y1: p.box.y, y2: p.box.y + p.box.h,
      class: "hg-x-c2 hg-x-dash" }, p.g);
  }

  // The points of `run` up to `upto` on the SSR curve, joined step by step.
  function drawPath(p, layer, run, upto) {
    layer.textContent = "";
    for (var k = 0; k <= upto; k++) {
      var x = p.x(run.path[k]), y = p.y(run.loss[k] / 1000);
      if (k > 0) {
        node("!line", { x1: p.x(run.path[k - 1]), y1: p.y(run.loss[k - 1] / 1000),
          x2: x, y2: y, class: "hg-x-c1 hg-x-step" }, layer);
      }
      node("!circle", { cx: x, cy: y, r: k === upto ? 6 : 3.5, class: "hg-x-dot" }, layer);
    }
  }

  // The frame every explorable shares: controls, the drawing, the readout.
  function frame(box, data, label) {
    var root = node("div", { class: "hg-x" });
    var controls = node("div", { class: "hg-x__controls" }, root);
    var svg = node("!svg", { viewBox: "0 0 " + WIDTH + " " + WIDTH * data.room.ratio,
      role: "img", "aria-label": label, class: "hg-x__plot" }, root);
    var readout = node("p", { class: "hg-x__readout", "aria-live": "polite" }, root);
    box.appendChild(root);
    return { root: root, controls: controls, svg: svg, readout: readout };
  }

  var ids = 0;
  function slider(parent, spec, name, text, format) {
    var id = "hg-x-" + name + "-" + ++ids;
    var wrap = node("div", { class: "hg-x__control" }, parent);
    var label = node("label", { for: id }, wrap, text + " ");
    var shown = node("output", { for: id, "data-hg": name }, label);
    var input = node("input", { id: id, type: "range", min: spec.min, max: spec.max,
      step: spec.step, value: spec.value, "data-hg-control": name }, wrap);
    function update() {
      shown.textContent = format(input.value);
      input.setAttribute("aria-valuetext", text + " " + shown.textContent);
    }
    input.addEventListener("input", update);
    update();
    return input;
  }

  function rateText(v) { return Number(v).toFixed(4); }

  function readout(p, parts) {
    p.textContent = "";
    parts.forEach(function (part) {
      if (typeof part === "string") p.appendChild(document.createTextNode(part));
      else node("span", { "data-hg": part[0] }, p, part[1]);
    });
  }

  // --- "path": the steps on the SSR curve (gradient-descent-one.md) ---------
  function path(box, d) {
    var f = frame(box, d, "The SSR against the intercept b, with the steps of" +
      " gradient descent from the chosen start drawn as a path on the curve.");
    var rate = slider(f.controls, d.rate, "rate", "Learning rate η =", rateText);
    var start = slider(f.controls, d.start, "start", "Start at b =", String);
    var steps = slider(f.controls, d.steps, "steps", "Steps taken:", String);
    var lo = Number(d.start.min) - 10, hi = Number(d.start.max) + 10;
    var p = panel(f.svg, { x: 48, y: 24, w: WIDTH - 60, h: WIDTH * d.room.ratio - 68 },
      { range: [lo, hi], ticks: [-25, 0, 25, 50, 75], title: "intercept b (cm)" },
      { range: [0, 250], ticks: [0, 50, 100, 150, 200], title: "SSR (thousand cm²)" },
      { id: "path" + ids });
    ssrCurve(p, d, lo, hi);
    var layer = node("!g", {}, p.g);
    function update() {
      var t = Number(steps.value);
      var run = descend(d, Number(rate.value), Number(start.value), t);
      var shown = Math.min(t, run.path.length - 1);
      drawPath(p, layer, run, shown);
      var stopped = shown < t ? " (descent stopped: it " + run.end + ")" : "";
      readout(f.readout, ["Step ", ["step", String(shown)], stopped + ": b = ",
        ["b", fixed(run.path[shown], 2)], " cm, SSR = ",
        ["ssr", fixed(run.loss[shown], 1)], " cm²."]);
    }
    [rate, start, steps].forEach(function (c) { c.addEventListener("input", update); });
    update();
  }

  // --- "rate": one learning rate, three views (learning-rate.md) -------------
  function rate(box, d) {
    var f = frame(box, d, "Where the learning rate lies between the limits" +
      " 1/curvature and 2/curvature; the SSR curve with the first steps of" +
      " descent; and the SSR against the step, on a log scale.");
    var input = slider(f.controls, d.rate, "rate", "Learning rate η =", rateText);
    var one = 1 / d.curvature, two = 2 / d.curvature, top = Number(d.rate.max);
    var h = WIDTH * d.room.ratio;
    // The scale of eta, its three regions and the two limits.
    var s = panel(f.svg, { x: 20, y: 22, w: WIDTH - 40, h: 22 },
      { range: [0, top], ticks: [one, two], label: function (t) {
        return (t === one ? "1" : "2") + "/curvature = " + t.toFixed(2);
      } }, { range: [0, 1] }, { id: "eta" + ids });
    [[0, one, "one side"], [one, two, "zigzag"], [two, top, "diverges"]].forEach(
      function (r, i) {
        node("!text", { x: s.x((r[0] + r[1]) / 2), y: 38, "text-anchor": "middle",
          class: "hg-x-region" + i }, s.g, r[2]);
      });
    var mark = node("!path", { class: "hg-x-c1 hg-x-mark" }, f.svg);
    var lo = d.b_best - 40, hi = d.b_best + 40;
    var c = panel(f.svg, { x: 48, y: 96, w: WIDTH - 60, h: (h - 200) / 2 },
      { range: [lo, hi], ticks: [-25, 0, 25, 50, 75], title: "intercept b (cm)" },
      { range: [0, 90], ticks: [0, 30, 60, 90], title: "SSR (thousand cm²)" },
      { id: "curve" + ids });
    ssrCurve(c, d, lo, hi);
    var layer = node("!g", {}, c.g);
    var l = panel(f.svg, { x: 48, y: 96 + (h - 200) / 2 + 64, w: WIDTH - 60, h: (h - 200) / 2 },
      { range: [0, d.loss_steps], ticks: [0, 10, 20, 30], title: "step t" },
      { range: [1e3, 1e7], log: true, ticks: [1e3, 1e4, 1e5, 1e6, 1e7],
        label: function (t) { return "1e" + Math.round(Math.log10(t)); },
        title: "SSR (cm², log scale)" }, { id: "loss" + ids });
    var lossLine = node("!polyline", { class: "hg-x-c1" }, l.g);
    function update() {
      var eta = Number(input.value);
      var x = s.x(eta);
      mark.setAttribute("d", "M" + x + " 22 l-6 -10 h12 z M" + x + " 22 v22");
      var run = descend(d, eta, d.start, d.max_steps);
      var shown = descend(d, eta, d.start, d.shown_steps);
      drawPath(c, layer, shown, shown.path.length - 1);
      var early = descend(d, eta, d.start, d.loss_steps);
      lossLine.setAttribute("points", early.loss.map(function (L, k) {
        return l.x(k).toFixed(1) + "," + l.y(Math.max(1, Math.min(L, 1e9))).toFixed(1);
      }).join(" "));
      var factor = 1 - d.curvature * eta;
      readout(f.readout, ["η = ", ["rate", rateText(input.value)],
        ": factor 1 − 2mη = ", ["factor", factor.toFixed(2)], "; descent ",
        ["outcome", outcome(run)], "."]);
    }
    input.addEventListener("input", update);
    update();
  }

  // --- "eps": the step of a finite difference (gradient-checking.md) --------
  function eps(box, d) {
    var f = frame(box, d, "The median relative error of the central and the" +
      " one-sided difference against the step ε, on log scales, with the" +
      " rounding and truncation parts of each as dashed lines.");
    var input = slider(f.controls, d.exponent, "exponent", "Step ε =", function (v) {
      return d.eps[index(v)].toExponential(1);
    });
    function index(v) {
      return Math.round((Number(v) - Number(d.exponent.min)) / Number(d.exponent.step));
    }
    var h = WIDTH * d.room.ratio;
    var p = panel(f.svg, { x: 52, y: 44, w: WIDTH - 80, h: h - 88 },
      { range: [1e-13, 1e-1], log: true, ticks: [1e-13, 1e-10, 1e-7, 1e-4, 1e-1],
        label: exp, title: "step ε (log scale)" },
      { range: [1e-16, 1], log: true, ticks: [1e-12, 1e-8, 1e-4, 1],
        label: exp, title: "relative error (median)" }, { id: "eps" + ids });
    function exp(t) { return "1e" + Math.round(Math.log10(t)); }
    function line(key, cls) {
      var ys = d[key].map(function (e) { return Math.max(e, 1e-20); });
      return curve(p, d.eps, ys, cls);
    }
    line("rounding", "hg-x-dash hg-x-ink");
    line("truncation_central", "hg-x-dash hg-x-c0");
    line("truncation_one_sided", "hg-x-dash hg-x-c1");
    line("central", "hg-x-c0");
    line("one_sided", "hg-x-c1");
    [["central", "hg-x-c0", 0], ["one-sided", "hg-x-c1", 110],
      ["dashed: parts", "hg-x-dash hg-x-ink", 240]].forEach(function (k) {
      node("!line", { x1: 52 + k[2], x2: 76 + k[2], y1: 10, y2: 10, class: k[1] }, f.svg);
      node("!text", { x: 80 + k[2], y: 15 }, f.svg, k[0]);
    });
    var at = node("!line", { y1: p.box.y, y2: p.box.y + p.box.h, class: "hg-x-ink" }, p.g);
    var dots = node("!g", {}, p.g);
    function update() {
      var i = index(input.value), x = p.x(d.eps[i]);
      at.setAttribute("x1", x);
      at.setAttribute("x2", x);
      dots.textContent = "";
      [["central", "hg-x-dot hg-x-dot1"], ["one_sided", "hg-x-dot"]].forEach(function (k) {
        node("!circle", { cx: x, cy: p.y(d[k[0]][i]), r: 5, class: k[1] }, dots);
      });
      function e(key) { return [key, d[key][i].toExponential(1)]; }
      readout(f.readout, ["ε = ", ["eps", d.eps[i].toExponential(1)],
        ": rounding part ", e("rounding"), " for both; central ", e("central"),
        " (truncation part ", e("truncation_central"), "); one-sided ",
        e("one_sided"), " (truncation part ", e("truncation_one_sided"), ")."]);
    }
    input.addEventListener("input", update);
    update();
  }

  // --- "steps": backpropagation one step at a time (backprop-by-hand.md) ---
  function steps(box, d) {
    var f = frame(box, d, "The 2-2-1 network: inputs x₁ and x₂, hidden units" +
      " h₁ and h₂, the output ŷ and the cost C. The units and weights the" +
      " chosen step computes are drawn thick.");
    var input = slider(f.controls, d.step, "step", "Step", function (v) {
      return v + " of " + d.steps.length;
    });
    var drawn = {};
    Object.keys(d.units).forEach(function (a) {
      Object.keys(d.units).forEach(function (b) {
        var ua = d.units[a], ub = d.units[b];
        if (ub[1] <= ua[1] || ub[1] - ua[1] > 140) return; // the next layer only
        drawn[a + "-" + b] = node("!line", { x1: ua[1] + 24, y1: ua[2], x2: ub[1] - 24,
          y2: ub[2], class: "hg-x-link" }, f.svg);
      });
    });
    Object.keys(d.units).forEach(function (k) {
      var u = d.units[k];
      drawn[k] = node("!circle", { cx: u[1], cy: u[2], r: 24, class: "hg-x-unit" }, f.svg);
      node("!text", { x: u[1], y: u[2] + 6, "text-anchor": "middle" }, f.svg, u[0]);
    });
    var way = node("!text", { x: WIDTH / 2, y: 232, "text-anchor": "middle" }, f.svg);
    function update() {
      var step = d.steps[Number(input.value) - 1];
      Object.keys(drawn).forEach(function (k) {
        var lit = step.units.indexOf(k) >= 0 || step.links.indexOf(k) >= 0;
        drawn[k].classList.toggle("hg-x-lit", lit);
      });
      way.textContent = step.direction === "forward" ? "forward pass →" : "← backward pass";
      readout(f.readout, [["formula", step.formula], " = ", ["value", step.value]]);
    }
    input.addEventListener("input", update);
    update();
  }

  // --- "bent": a sum of bent lines, as training goes (why-networks.md) -----
  function bent(box, d) {
    var f = frame(box, d, "The bell-shaped data, the 20 scaled bent lines of" +
      " the network's hidden units (thin) and their sum plus the output bias" +
      " (thick), after the chosen number of training steps.");
    var input = slider(f.controls, d.stage, "stage", "Training steps:", function (v) {
      return String(d.stages[Number(v)].step);
    });
    var h = WIDTH * d.room.ratio;
    var p = panel(f.svg, { x: 40, y: 24, w: WIDTH - 56, h: h - 68 },
      { range: [-3, 3], ticks: [-3, -2, -1, 0, 1, 2, 3], title: "input x" },
      { range: [-2, 2], ticks: [-2, -1, 0, 1, 2], title: "output" }, { id: "bent" + ids });
    d.x.forEach(function (x, i) {
      node("!circle", { cx: p.x(x), cy: p.y(d.y[i]), r: 2, class: "hg-x-data" }, p.g);
    });
    var layer = node("!g", {}, p.g);
    var xs = [];
    for (var i = 0; i <= 120; i++) xs.push(-3 + i * 0.05);
    function update() {
      var s = d.stages[Number(input.value)];
      layer.textContent = "";
      var sum = xs.map(function () { return s.b2; });
      s.w1.forEach(function (w1, k) {
        var piece = xs.map(function (x) { return s.w2[k] * Math.max(x * w1 + s.b1[k], 0); });
        piece.forEach(function (v, j) { sum[j] += v; });
        curve({ x: p.x, y: p.y, g: layer }, xs, piece, "hg-x-c0 hg-x-thin");
      });
      curve({ x: p.x, y: p.y, g: layer }, xs, sum, "hg-x-c1 hg-x-thick");
      readout(f.readout, ["After ", ["steps", String(s.step)],
        " steps: MSE = ", ["mse", s.mse.toFixed(4)],
        "; the thick curve is the sum of the 20 thin ones plus b₂ = ",
        ["b2", s.b2.toFixed(2)], "."]);
    }
    input.addEventListener("input", update);
    update();
  }

  var kinds = window.hgExplorables = window.hgExplorables || {};
  kinds.path = path;
  kinds.rate = rate;
  kinds.eps = eps;
  kinds.steps = steps;
  kinds.bent = bent;
})();
