//! The documents of a mini-batch under the other losses (squared errors, sigmoid and softmax
//! cross-entropy) and with weight decay: the first example's own gradients, each weight's mean gradient
//! and its update read back from the Markdown (zh and en) against an independent computation written
//! here; KaTeX, the HTML and TeX Live check the math.

use std::path::{Path, PathBuf};

use handprop::{Format, Lang, Lesson, Options, Precision, render, spec};

use crate::batch_doc::{document, result};

/// The XOR-like batch's inputs.
const INPUTS: [[f64; 2]; 4] = [[1.0, 1.0], [0.0, 1.0], [1.0, 0.0], [0.0, 0.0]];
const W_HIDDEN: [[f64; 2]; 2] = [[0.15, -0.20], [0.25, 0.30]];
const B_HIDDEN: [f64; 2] = [0.35, -0.10];
const ETA: f64 = 0.5;

/// A 2-2-K network (sigmoid hidden layer, biases updated) under one loss, written out by hand here.
struct Case {
    loss: &'static str,
    softmax: bool,
    w_out: Vec<[f64; 2]>,
    b_out: Vec<f64>,
    targets: [Vec<f64>; 4],
    lambda: Option<f64>,
}

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

fn one_hot(k: usize) -> Vec<f64> {
    (0..2).map(|i| if i == k { 1.0 } else { 0.0 }).collect()
}

fn two_outputs(loss: &'static str, softmax: bool) -> Case {
    Case {
        loss,
        softmax,
        w_out: vec![[0.40, -0.45], [-0.30, 0.50]],
        b_out: vec![0.60, 0.10],
        targets: [one_hot(0), one_hot(1), one_hot(1), one_hot(0)],
        lambda: None,
    }
}

fn one_output(loss: &'static str, lambda: Option<f64>) -> Case {
    Case {
        loss,
        softmax: false,
        w_out: vec![[0.40, -0.45]],
        b_out: vec![0.60],
        targets: [vec![0.0], vec![1.0], vec![1.0], vec![0.0]],
        lambda,
    }
}

/// The four cases of the issue: softmax and sigmoid cross-entropy, the mean squared error, the seed's
/// loss with weight decay.
fn cases() -> [(&'static str, Case); 4] {
    [
        ("softmax-ce", two_outputs("cross_entropy", true)),
        ("sigmoid-ce", one_output("cross_entropy", None)),
        ("mse", two_outputs("mean_squared_error", false)),
        ("decay", one_output("half_squared_error", Some(0.1))),
    ]
}

fn row(x: &[f64]) -> String {
    let items: Vec<String> = x.iter().map(|v| format!("{v:?}")).collect();
    format!("[{}]", items.join(", "))
}

impl Case {
    /// The network file of the case.
    fn toml(&self) -> String {
        let inputs: Vec<String> = INPUTS.iter().map(|x| row(x)).collect();
        let targets: Vec<String> = self.targets.iter().map(|t| row(t)).collect();
        let w_out: Vec<String> = self.w_out.iter().map(|w| row(w)).collect();
        let decay = self
            .lambda
            .map_or(String::new(), |l| format!("weight_decay = {l:?}\n"));
        let activation = if self.softmax {
            "activation = \"softmax\"\n"
        } else {
            ""
        };
        format!(
            "loss = \"{}\"\n{decay}update_biases = true\nlearning_rate = {ETA:?}\n\
             inputs = [{}]\ntargets = [{}]\n\
             [[layers]]\nweights = [{}, {}]\nbias = {}\n\
             [[layers]]\nweights = [{}]\nbias = {}\n{activation}",
            self.loss,
            inputs.join(", "),
            targets.join(", "),
            row(&W_HIDDEN[0]),
            row(&W_HIDDEN[1]),
            row(&B_HIDDEN),
            w_out.join(", "),
            row(&self.b_out),
        )
    }

    /// ∂E/∂net of each output of one example with outs `out` and targets `t`.
    fn output_deltas(&self, out: &[f64], t: &[f64]) -> Vec<f64> {
        let n = out.len() as f64;
        (out.iter().zip(t))
            .map(|(&o, &t)| match self.loss {
                "cross_entropy" => o - t,
                "half_squared_error" => (o - t) * o * (1.0 - o),
                "squared_error" => 2.0 * (o - t) * o * (1.0 - o),
                "mean_squared_error" => 2.0 / n * (o - t) * o * (1.0 - o),
                other => panic!("{other}"),
            })
            .collect()
    }

    /// One example's ∂E/∂w of every weight in the order of their numbers (w₁…w₄ into the hidden
    /// neurons, then the output weights, neuron by neuron).
    fn example_grads(&self, x: [f64; 2], t: &[f64]) -> Vec<f64> {
        let h =
            [0, 1].map(|j| sigmoid(W_HIDDEN[j][0] * x[0] + W_HIDDEN[j][1] * x[1] + B_HIDDEN[j]));
        let nets: Vec<f64> = (self.w_out.iter().zip(&self.b_out))
            .map(|(w, b)| w[0] * h[0] + w[1] * h[1] + b)
            .collect();
        let out: Vec<f64> = if self.softmax {
            let sum: f64 = nets.iter().map(|n| n.exp()).sum();
            nets.iter().map(|n| n.exp() / sum).collect()
        } else {
            nets.iter().map(|&n| sigmoid(n)).collect()
        };
        let delta = self.output_deltas(&out, t);
        let delta_h = [0, 1].map(|j| {
            let back: f64 = (delta.iter().zip(&self.w_out)).map(|(d, w)| d * w[j]).sum();
            back * h[j] * (1.0 - h[j])
        });
        let mut grads: Vec<f64> = (0..4).map(|i| delta_h[i / 2] * x[i % 2]).collect();
        grads.extend(delta.iter().flat_map(|d| h.map(|hj| d * hj)));
        grads
    }

    /// Every weight's value, example 1's own gradient, the mean gradient (with the decay's λ·w) and
    /// the updated weight.
    fn expected(&self) -> Vec<Expected> {
        let each: Vec<Vec<f64>> = (INPUTS.iter().zip(&self.targets))
            .map(|(&x, t)| self.example_grads(x, t))
            .collect();
        let values: Vec<f64> = (W_HIDDEN.iter().chain(&self.w_out))
            .flatten()
            .copied()
            .collect();
        (values.iter().enumerate())
            .map(|(i, &value)| {
                let mean = each.iter().map(|g| g[i]).sum::<f64>() / 4.0;
                let grad = mean + self.lambda.unwrap_or(0.0) * value;
                Expected {
                    first: each[0][i],
                    mean,
                    grad,
                    updated: value - ETA * grad,
                }
            })
            .collect()
    }

    fn write(&self, dir: &Path, name: &str) -> PathBuf {
        let file = dir.join(format!("{name}.toml"));
        std::fs::write(&file, self.toml()).unwrap();
        file
    }
}

struct Expected {
    first: f64,
    mean: f64,
    grad: f64,
    updated: f64,
}

fn close(got: f64, want: f64, what: &str) {
    assert!(
        (got - want).abs() <= 1e-12 * want.abs().max(1e-3),
        "{what}: document {got}, independent {want}"
    );
}

/// The last displayed equation of `markdown` whose first line begins with `lhs`.
fn equation_of<'a>(markdown: &'a str, lhs: &str) -> &'a str {
    let found = (markdown.split("$$").skip(1).step_by(2))
        .filter(|body| {
            let body = body
                .trim_start()
                .trim_start_matches("\\begin{aligned}")
                .trim_start();
            body.starts_with(lhs)
        })
        .last();
    found.unwrap_or_else(|| panic!("no equation of {lhs}"))
}

/// The number before the trailing ` \\` of `line`, after its last `\times `, without parentheses.
fn last_factor(line: &str) -> f64 {
    let factor = line.rsplit("\\times ").next().unwrap();
    let factor = factor.trim().trim_end_matches("\\\\").trim();
    factor.trim_matches(['(', ')']).parse().unwrap()
}

/// The lines of an aligned equation, `\end{aligned}` and its tag dropped.
fn lines(equation: &str) -> Vec<&str> {
    (equation.lines())
        .filter(|l| l.starts_with('&') || l.starts_with("\\frac") || l.contains("^{+} &="))
        .collect()
}

fn check_markdown(case: &Case, md: &str, what: &str) {
    for (i, want) in case.expected().iter().enumerate() {
        let symbol = format!("w_{}", i + 1);
        // example 1's own gradient: w₅ by the chain rule, w₁ put together, every other likewise
        let lhs = format!("\\frac{{\\partial E^{{(1)}}}}{{\\partial {symbol}}} &=");
        let own = result(equation_of(md, &lhs));
        close(own, want.first, &format!("{what}: ∂E(1)/∂{symbol}"));
        let body = equation_of(md, &format!("{symbol}^{{+}} &="));
        let at = |quantity: &str| format!("{what} {quantity}: {symbol}");
        close(result(body), want.updated, &at("updated"));
        let lines = lines(body);
        let n = lines.len();
        close(last_factor(lines[n - 2]), want.grad, &at("∂E_total/∂w"));
        if let Some(lambda) = case.lambda {
            // (mean + λ·w): the mean of the examples' own gradients, then the decay's term
            let decayed = lines[n - 3].rsplit("\\times (").next().unwrap();
            let (mean, decay) = decayed.trim_end_matches(") \\\\").split_once(' ').unwrap();
            close(mean.parse().unwrap(), want.mean, &at("mean ∂E(e)/∂w"));
            let decay: f64 = decay.replace(' ', "").parse().unwrap();
            close(decay, want.grad - want.mean, &at("λ·w"));
            assert!(body.contains(&format!("{lambda:?} \\times")), "{body}");
        } else {
            close(want.grad, want.mean, &at("no decay"));
        }
    }
}

#[test]
fn the_markdown_of_a_batch_under_every_loss_and_decay_shows_the_independent_numbers() {
    let dir = tempfile::tempdir().unwrap();
    for (name, case) in cases() {
        let lesson = spec::load(&case.write(dir.path(), name)).unwrap();
        for lang in [Lang::Zh, Lang::En] {
            let md = document(&lesson, Format::Md, lang);
            check_markdown(&case, &md, &format!("{name} {lang:?}"));
        }
    }
}

#[test]
fn the_words_put_the_decay_in_the_mean_gradient_not_in_an_example_s_own() {
    let dir = tempfile::tempdir().unwrap();
    let lesson = spec::load(&cases()[3].1.write(dir.path(), "decay")).unwrap();
    let en = document(&lesson, Format::Md, Lang::En);
    assert!(en.contains("is added once, to the mean gradient"), "{en}");
    assert!(en.contains("no example's own gradient above has it"));
    assert!(en.contains("the example's error $E^{(1)}$ (the weight decay's term"));
    let zh = document(&lesson, Format::Md, Lang::Zh);
    assert!(zh.contains("只在平均梯度上加一次"), "{zh}");
    for md in [en, zh] {
        // the first example's own gradients have no λ·w; the error E^{(1)} has no decay term
        let own = equation_of(&md, "\\frac{\\partial E^{(1)}}{\\partial w_5} &=");
        assert!(!own.contains("\\lambda"), "{own}");
        let error = equation_of(&md, "E^{(1)} &=");
        assert!(!error.contains("\\lambda"), "{error}");
    }
}

fn lessons(dir: &Path) -> Vec<(&'static str, Lesson)> {
    (cases().into_iter())
        .map(|(name, case)| (name, spec::load(&case.write(dir, name)).unwrap()))
        .collect()
}

#[test]
fn the_html_of_a_batch_under_every_loss_has_no_math_errors() {
    let dir = tempfile::tempdir().unwrap();
    for (name, lesson) in lessons(dir.path()) {
        for lang in [Lang::Zh, Lang::En] {
            let html = document(&lesson, Format::Html, lang);
            assert!(!html.contains("<merror"), "{name} {lang:?}");
            assert!(!html.contains('$'), "{name} {lang:?}");
        }
    }
}

#[test]
#[ignore = "needs node and katex (tests/katex: npm ci); run by .ci/run"]
fn the_markdown_of_a_batch_under_every_loss_parses_in_katex() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (name, lesson) in lessons(dir.path()) {
        for lang in [Lang::Zh, Lang::En] {
            for precision in [Precision::Full, Precision::Places(4)] {
                let options = Options {
                    format: Format::Md,
                    lang,
                    precision,
                    ..Options::default()
                };
                let file = dir.path().join(format!("{name}-{lang:?}-{precision}.md"));
                std::fs::write(&file, render(&lesson, &options).unwrap()).unwrap();
                files.push(file);
            }
        }
    }
    crate::support::katex::check_in_katex(&files);
}

#[test]
#[ignore = "needs TeX Live; run by .ci/run"]
fn the_latex_of_a_softmax_cross_entropy_batch_compiles_in_both_languages_without_overfull_lines() {
    let dir = tempfile::tempdir().unwrap();
    let lesson = spec::load(&cases()[0].1.write(dir.path(), "softmax-ce")).unwrap();
    for lang in [Lang::Zh, Lang::En] {
        let tex = document(&lesson, Format::Tex, lang);
        let compiled = handprop::pdf::build(&tex, lang).unwrap_or_else(|e| panic!("{lang:?}: {e}"));
        assert!(compiled.pdf.starts_with(b"%PDF-"), "{lang:?}");
        assert!(
            !compiled.log.contains("Overfull \\hbox"),
            "{lang:?}:\n{}",
            compiled.log
        );
    }
}
