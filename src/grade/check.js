// handprop: checks a student's answers in an exercise page, by the rules of `handprop grade`
// (src/grade/verdict.rs, number.rs): right within half a unit of the key's last place; carried within
// one unit of the last place of the value recomputed with the student's own outs given in place of the
// computed ones; wrong; blank. The network's numbers are the form's data; no network access.
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
    sigmoid: [function (n) { return 1 / (1 + Math.exp(-n)); }, function (u, o) { return u * o * (1 - o); }],
    tanh: [Math.tanh, function (u, o) { return u * (1 - o * o); }],
    relu: [function (n) { return n <= 0 ? 0 : n; }, function (u, o) { return u * (o > 0 ? 1 : 0); }],
    identity: [function (n) { return n; }, function (u) { return u * 1; }]
  };
  function sum(a) { var s = a[0] || 0; for (var i = 1; i < a.length; i++) s += a[i]; return s; }
  // One step with `given` outs ("l,j" → value) in place of computed ones; returns every asked value.
  function step(net, given) {
    var r = net.carry ? function (x) { return Number(plain(x, net.places)); } : function (x) { return x; };
    var L = net.layers, x = net.inputs, outs = [], v = {};
    L.forEach(function (layer, l) {
      var out = layer.w.map(function (row, j) {
        var n = r(sum(row.map(function (w, k) { return w * x[k]; })) + layer.b[j] * 1);
        var o = r(F[layer.f][0](n));
        return ("out," + l + "," + j) in given ? given["out," + l + "," + j] : o;
      });
      outs.push(out); x = out;
      out.forEach(function (o, j) { v["out," + l + "," + j] = o; });
    });
    var last = outs[L.length - 1];
    v.E = r(sum(last.map(function (o, j) { var t = net.targets[j]; return r(0.5 * (t - o) * (t - o)); })));
    var delta = [];
    for (var l = L.length - 1; l >= 0; l--) {
      var layer = L[l], out = outs[l];
      var d = out.map(function (o, j) {
        if (l === L.length - 1) return o - net.targets[j];
        var next = L[l + 1];
        return r(sum(next.w.map(function (row, k) { return r(delta[k] * row[j]); })));
      });
      delta = d.map(function (u, j) { return F[layer.f][1](u, out[j]); });
      var below = l === 0 ? net.inputs : outs[l - 1];
      layer.w.forEach(function (row, j) {
        row.forEach(function (w, k) { v["w," + l + "," + j + "," + k] = r(w - net.eta * r(delta[j] * below[k])); });
      });
      if (net.update_biases) {
        var gb = layer.shared ? [sum(delta)] : delta.map(function (dj) { return dj * 1; });
        gb.forEach(function (g, n) { v["b," + l + "," + n] = r(layer.b[n] - net.eta * g); });
      }
    }
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
