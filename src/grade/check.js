// handprop: checks a student's answers in an exercise page, by the rules of `handprop grade`
// (src/grade/verdict.rs, number.rs): right within half a unit of the key's last place; carried within
// one unit of the last place of the value recomputed with the student's own outs given in place of the
// computed ones; wrong; blank. The network's numbers are the form's data (its loss, weight decay and a
// batch's examples when it has them); the step is src/step's arithmetic, operation for operation. No
// network access.
(function () {
  "use strict";
  var SLACK = 1 + 1e-9;
  var SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹";
  function parse(text) {
    var s = text.replace(/\s/g, "").replace(/−/g, "-");
    if (s.indexOf(",") >= 0) { if (s.indexOf(".") >= 0) return NaN; s = s.replace(",", "."); }
    var m = s, e = "0", i = s.search(/[×xX*·]/);
    if (i >= 0) {
      m = s.slice(0, i); var p = s.slice(i + 1);
      if (p.slice(0, 2) !== "10") return NaN;
      p = p.slice(2);
      if (p.charAt(0) === "^") e = p.slice(1).replace(/^[{(]+/, "").replace(/[})]+$/, "");
      else e = p.replace(/./g, function (c) {
        var d = SUP.indexOf(c); return c === "⁻" ? "-" : c === "⁺" ? "+" : d >= 0 ? String(d) : "?";
      });
    } else if ((i = s.search(/[eE]/)) >= 0) { m = s.slice(0, i); e = s.slice(i + 1); }
    if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(m) || !/^[+-]?\d+$/.test(e)) return NaN;
    var v = Number(m + "e" + e);
    return isFinite(v) ? v : NaN;
  }
  // The text of x at `places`, as handprop prints it: fixed, or scientific when that reads 0.000….
  function plain(x, places) {
    if (x === 0) return "0";
    var f = x.toFixed(places), u = f.replace("-", "");
    if (/^0\.000/.test(u) || /^[0.]*$/.test(u)) {
      var s = x.toExponential(places - 1).replace("e+", "e");
      return s.replace(/e0$/, "");
    }
    return f;
  }
  function halfUnit(text) {
    var parts = text.split("e"), d = (parts[0].split(".")[1] || "").length;
    return 5 * Math.pow(10, Number(parts[1] || 0) - d - 1);
  }
  var F = {
    softmax: [null, function (u, o) { return u * o * (1 - o); }],
    sigmoid: [function (n) { return 1 / (1 + Math.exp(-n)); }, function (u, o) { return u * o * (1 - o); }],
    tanh: [Math.tanh, function (u, o) { return u * (1 - o * o); }],
    relu: [function (n) { return n <= 0 ? 0 : n; }, function (u, o) { return u * (o > 0 ? 1 : 0); }],
    identity: [function (n) { return n; }, function (u) { return u * 1; }]
  };
  function sum(a) { var s = a[0] || 0; for (var i = 1; i < a.length; i++) s += a[i]; return s; }
  // Each layer's outs for inputs x, carried by r; `given` outs ("out,l,j" → value) replace computed ones.
  function forward(net, x, r, given) {
    return net.layers.map(function (layer, l) {
      var nets = layer.w.map(function (row, j) {
        var s = sum(row.map(function (w, k) { return w * x[k]; }));
        return r(layer.b.length ? s + layer.b[j] * 1 : s);
      });
      var out;
      if (layer.f === "softmax") {
        var max = nets.reduce(function (a, n) { return Math.max(a, n); }, -Infinity);
        var ex = nets.map(function (n) { return Math.exp(n - max); }), total = sum(ex);
        out = ex.map(function (e) { return r(e / total); });
      } else out = nets.map(function (n) { return r(F[layer.f][0](n)); });
      out = out.map(function (o, j) { var g = "out," + l + "," + j; return given && g in given ? given[g] : o; });
      x = out;
      return out;
    });
  }
  // One output's error, and the δ of an output neuron with activation f, under the set's loss.
  function error(loss, t, o, n, softmax) {
    if (loss === "squared_error") return (t - o) * (t - o);
    if (loss === "mean_squared_error") return (t - o) * (t - o) / n;
    if (loss === "cross_entropy") {
      var pos = t === 0 ? 0 : t * Math.log(o), neg = softmax || t === 1 ? 0 : (1 - t) * Math.log(1 - o);
      return -(pos + neg);
    }
    return 0.5 * (t - o) * (t - o);
  }
  function outDelta(loss, t, o, n, f) {
    if (loss === "cross_entropy") return o - t;
    var d = loss === "squared_error" ? 2 * (o - t) : loss === "mean_squared_error" ? 2 * (o - t) / n : o - t;
    return F[f][1](d, o);
  }
  // One step with `given` outs of the first example in place of computed ones; returns every asked
  // value: a batch's error and gradient are the means over its examples, weight decay adds (λ/2) Σ w²
  // and λ·w.
  function step(net, given) {
    var r = net.carry ? function (x) { return Number(plain(x, net.places)); } : function (x) { return x; };
    var L = net.layers, batch = net.examples || [[net.inputs, net.targets]], m = batch.length, v = {};
    var loss = net.loss || "half_squared_error", softmax = L[L.length - 1].f === "softmax";
    var passes = batch.map(function (ex, e) { return forward(net, ex[0], r, e === 0 ? given : null); });
    passes[0].forEach(function (out, l) { out.forEach(function (o, j) { v["out," + l + "," + j] = o; }); });
    var errors = passes.map(function (outs, e) {
      var last = outs[L.length - 1], t = batch[e][1];
      return r(sum(last.map(function (o, j) { return r(error(loss, t[j], o, last.length, softmax)); })));
    });
    var E = m === 1 ? errors[0] : r(r(sum(errors)) / m);
    var weights = [];
    L.forEach(function (layer) { layer.w.forEach(function (row) { weights = weights.concat(row); }); });
    if (net.decay !== undefined) E = r(E + r(net.decay / 2 * sum(weights.map(function (w) { return w * w; }))));
    v.E = E;
    // gw[e][l][j * fanIn + k], gb[e][l][n]: each example's gradients.
    var gw = [], gb = [];
    passes.forEach(function (outs, e) {
      var delta = [], x0 = batch[e][0], t = batch[e][1];
      gw.push([]); gb.push([]);
      for (var l = L.length - 1; l >= 0; l--) {
        var layer = L[l], out = outs[l];
        delta = out.map(function (o, j) {
          if (l === L.length - 1) return outDelta(loss, t[j], o, out.length, layer.f);
          var next = L[l + 1];
          return F[layer.f][1](r(sum(next.w.map(function (row, k) { return r(delta[k] * row[j]); }))), o);
        });
        var below = l === 0 ? x0 : outs[l - 1], g = [];
        delta.forEach(function (d) { below.forEach(function (xk) { g.push(r(d * xk)); }); });
        gw[e][l] = g;
        gb[e][l] = !layer.b.length ? [] : layer.shared ? [sum(delta)] : delta.map(function (d) { return d * 1; });
      }
    });
    function mean(of) { return m === 1 ? of(0) : r(r(sum(passes.map(function (_, e) { return of(e); }))) / m); }
    L.forEach(function (layer, l) {
      var fan = layer.w[0].length;
      layer.w.forEach(function (row, j) {
        row.forEach(function (w, k) {
          var g = mean(function (e) { return gw[e][l][j * fan + k]; });
          if (net.decay !== undefined) g = r(g + r(net.decay * w));
          v["w," + l + "," + j + "," + k] = r(w - net.eta * g);
        });
      });
      if (net.update_biases) {
        gb[0][l].forEach(function (_, n) {
          v["b," + l + "," + n] = r(layer.b[n] - net.eta * mean(function (e) { return gb[e][l][n]; }));
        });
      }
    });
    return v;
  }
  function check(form) {
    var net = JSON.parse(form.querySelector("script[type='application/json']").textContent);
    var inputs = form.querySelectorAll("input[data-quantity]"), answers = {}, firstWrong = null;
    net.quantities.forEach(function (q) { answers[q.name] = q; });
    var given = {};
    inputs.forEach(function (input) {
      var q = answers[input.dataset.quantity];
      q.value = input.value.trim() === "" ? null : parse(input.value);
      if (q.of.indexOf("out") === 0 && q.value !== null && !isNaN(q.value)) given[q.of] = q.value;
    });
    inputs.forEach(function (input) {
      var q = answers[input.dataset.quantity], a = q.value, verdict;
      if (a === null) verdict = "blank";
      else if (Math.abs(a - Number(q.key)) <= halfUnit(q.key) * SLACK) verdict = "right";
      else {
        var own = {}; for (var g in given) if (g !== q.of) own[g] = given[g];
        var again = step(net, own)[q.of];
        var unit = 2 * halfUnit(plain(again, net.places));
        verdict = isFinite(again) && Math.abs(a - again) <= unit * SLACK ? "carried" : "wrong";
      }
      input.dataset.verdict = verdict;
      var said = form.querySelector("[data-verdict-of='" + q.name + "']");
      said.textContent = isNaN(a) ? form.dataset.notNumber : form.dataset[verdict];
      said.dataset.verdict = verdict;
      if (verdict === "wrong" && firstWrong === null) firstWrong = q.name;
    });
    form.querySelectorAll("[data-worked-for]").forEach(function (worked) {
      worked.hidden = worked.dataset.workedFor !== firstWrong;
    });
  }
  document.querySelectorAll("form[data-check-form]").forEach(function (form) {
    form.hidden = false;
    form.addEventListener("submit", function (event) { event.preventDefault(); check(form); });
  });
})();
