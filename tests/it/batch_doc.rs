//! The documents of a mini-batch (examples/xor-batch.toml and larger batches): the first example in
//! full, the others in tables, the batch's error as the mean and the update by the mean gradient. Their
//! numbers are checked against an independent computation written here, read back from JSON and from
//! the Markdown; the XOR documents are snapshots (reviewed); KaTeX, TeX Live and HTML check the math.

use std::path::Path;

use handprop::{Format, Lang, Lesson, Options, Precision, render, spec};

use crate::support::handprop;

const XOR: &str = "examples/xor-batch.toml";

fn xor() -> Lesson {
    spec::load(Path::new(XOR)).unwrap()
}

pub(crate) fn document(lesson: &Lesson, format: Format, lang: Lang) -> String {
    let options = Options {
        format,
        lang,
        precision: Precision::Full,
        ..Options::default()
    };
    render(lesson, &options).unwrap()
}

/// A 2-2-1 sigmoid network, per-neuron hidden biases, one output bias, biases updated, written out by
/// hand here (not by the code under test).
struct Net {
    w_hidden: [[f64; 2]; 2],
    b_hidden: [f64; 2],
    w_out: [f64; 2],
    b_out: f64,
}

/// One example's numbers.
struct Example {
    hidden: [f64; 2],
    out: f64,
    error: f64,
    delta_hidden: [f64; 2],
    delta_out: f64,
    /// ∂E/∂w₁ … ∂E/∂w₆ (w₁ w₂ into h₁, w₃ w₄ into h₂, w₅ w₆ into o₁), then ∂E/∂b₁, ∂E/∂b₂, ∂E/∂b₃.
    grads: [f64; 9],
}

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

impl Net {
    fn xor() -> Net {
        Net {
            w_hidden: [[0.15, -0.20], [0.25, 0.30]],
            b_hidden: [0.35, -0.10],
            w_out: [0.40, -0.45],
            b_out: 0.60,
        }
    }

    fn example(&self, x: [f64; 2], t: f64) -> Example {
        let h = [0, 1].map(|j| {
            sigmoid(self.w_hidden[j][0] * x[0] + self.w_hidden[j][1] * x[1] + self.b_hidden[j])
        });
        let out = sigmoid(self.w_out[0] * h[0] + self.w_out[1] * h[1] + self.b_out);
        let error = 0.5 * (t - out) * (t - out);
        let delta_out = (out - t) * out * (1.0 - out);
        let delta_hidden = [0, 1].map(|j| delta_out * self.w_out[j] * h[j] * (1.0 - h[j]));
        let grads = [
            delta_hidden[0] * x[0],
            delta_hidden[0] * x[1],
            delta_hidden[1] * x[0],
            delta_hidden[1] * x[1],
            delta_out * h[0],
            delta_out * h[1],
            delta_hidden[0],
            delta_hidden[1],
            delta_out,
        ];
        Example {
            hidden: h,
            out,
            error,
            delta_hidden,
            delta_out,
            grads,
        }
    }

    /// The parameters in the order of `Example::grads`.
    fn parameters(&self) -> [f64; 9] {
        let [[w1, w2], [w3, w4]] = self.w_hidden;
        let [w5, w6] = self.w_out;
        let [b1, b2] = self.b_hidden;
        [w1, w2, w3, w4, w5, w6, b1, b2, self.b_out]
    }
}

/// The XOR batch in the order of the file: inputs and target.
const BATCH: [([f64; 2], f64); 4] = [
    ([1.0, 1.0], 0.0),
    ([0.0, 1.0], 1.0),
    ([1.0, 0.0], 1.0),
    ([0.0, 0.0], 0.0),
];

const ETA: f64 = 0.5;

/// Each example, the mean gradient of every parameter and every updated parameter.
fn expected() -> (Vec<Example>, [f64; 9], [f64; 9]) {
    let net = Net::xor();
    let examples: Vec<Example> = BATCH.iter().map(|&(x, t)| net.example(x, t)).collect();
    let mut mean = [0.0; 9];
    for (i, m) in mean.iter_mut().enumerate() {
        *m = examples.iter().map(|e| e.grads[i]).sum::<f64>() / examples.len() as f64;
    }
    let parameters = net.parameters();
    let updated = std::array::from_fn(|i| parameters[i] - ETA * mean[i]);
    (examples, mean, updated)
}

fn close(got: f64, want: f64, what: &str) {
    let scale = want.abs().max(1e-300);
    assert!(
        (got - want).abs() <= 1e-12 * scale.max(1e-3),
        "{what}: document {got}, independent {want}"
    );
}

#[test]
fn the_json_of_the_xor_batch_agrees_with_an_independent_computation() {
    let (examples, mean, updated) = expected();
    let json: serde_json::Value =
        serde_json::from_str(&document(&xor(), Format::Json, Lang::En)).unwrap();
    let traced = json["examples"].as_array().unwrap();
    assert_eq!(traced.len(), 4);
    for (e, (want, got)) in examples.iter().zip(traced).enumerate() {
        let outs = &got["outs"];
        close(
            outs[1][0].as_f64().unwrap(),
            want.out,
            &format!("out of {e}"),
        );
        for j in 0..2 {
            close(outs[0][j].as_f64().unwrap(), want.hidden[j], "out_h");
            let delta = got["deltas"][0][j].as_f64().unwrap();
            close(delta, want.delta_hidden[j], "δ_h");
        }
        close(got["error"].as_f64().unwrap(), want.error, "E(e)");
        close(got["deltas"][1][0].as_f64().unwrap(), want.delta_out, "δ_o");
        let grads = &got["weight_grads"];
        for i in 0..6 {
            close(grads[i].as_f64().unwrap(), want.grads[i], "∂E(e)/∂w");
        }
    }
    let mean_error = examples.iter().map(|e| e.error).sum::<f64>() / 4.0;
    close(json["total_error"].as_f64().unwrap(), mean_error, "E_total");
    close(json["mean_error"].as_f64().unwrap(), mean_error, "mean");
    close(json["error_sum"].as_f64().unwrap(), 4.0 * mean_error, "Σ E");
    let layers = json["layers"].as_array().unwrap();
    let weights: Vec<&serde_json::Value> = (layers.iter())
        .flat_map(|l| l["neurons"].as_array().unwrap())
        .flat_map(|n| n["weights"].as_array().unwrap())
        .collect();
    for (i, w) in weights.iter().enumerate() {
        close(w["grad"].as_f64().unwrap(), mean[i], "∂E_total/∂w");
        close(w["mean_grad"].as_f64().unwrap(), mean[i], "mean ∂E/∂w");
        close(w["grad_sum"].as_f64().unwrap(), 4.0 * mean[i], "Σ ∂E/∂w");
        close(w["updated"].as_f64().unwrap(), updated[i], "w⁺");
        let each = w["example_grads"].as_array().unwrap();
        for (e, want) in examples.iter().enumerate() {
            close(each[e].as_f64().unwrap(), want.grads[i], "each ∂E(e)/∂w");
        }
    }
    let biases: Vec<&serde_json::Value> = (layers.iter())
        .flat_map(|l| l["biases"].as_array().unwrap())
        .collect();
    for (n, b) in biases.iter().enumerate() {
        close(b["grad"].as_f64().unwrap(), mean[6 + n], "∂E_total/∂b");
        close(b["updated"].as_f64().unwrap(), updated[6 + n], "b⁺");
    }
}

/// The equation of a Markdown document tagged (n): its text between `$$` and `\tag{n}`.
fn equation(markdown: &str, n: u32) -> &str {
    let tag = format!("\\tag{{{n}}}");
    let end = markdown.find(&tag).unwrap_or_else(|| panic!("no ({n})"));
    let start = markdown[..end].rfind("$$").unwrap();
    &markdown[start + 2..end]
}

/// The number after the last `&= ` of an equation (its result).
pub(crate) fn result(equation: &str) -> f64 {
    let last = equation.rsplit("&= ").next().unwrap();
    let number = last.split("\\\\").next().unwrap().split("\\end").next();
    number.unwrap().trim().parse().unwrap()
}

/// The numbers of a table cell such as `$(0.5$, $-0.25$; $1)$`.
fn tuple(cell: &str) -> Vec<f64> {
    let bare = cell.replace(['$', '(', ')'], "");
    (bare.split([',', ';']))
        .map(|x| x.trim().parse().unwrap())
        .collect()
}

/// The rows of the Markdown table whose header row contains `header`, each as its cells.
fn table<'a>(markdown: &'a str, header: &str) -> Vec<Vec<&'a str>> {
    let start = markdown.find(header).unwrap_or_else(|| panic!("{header}"));
    (markdown[start..].lines().skip(2))
        .take_while(|l| l.starts_with('|'))
        .map(|l| l.trim_matches('|').split(" | ").map(str::trim).collect())
        .collect()
}

#[test]
fn the_markdown_of_the_xor_batch_shows_the_independent_numbers() {
    let (examples, mean, updated) = expected();
    for lang in [Lang::Zh, Lang::En] {
        let md = document(&xor(), Format::Md, lang);
        // the tables of the examples: outs, errors and δs
        let outs = table(&md, "\\text{out}_{o_1})$ |");
        let deltas = table(&md, "\\delta_{o_1})$ |");
        assert_eq!((outs.len(), deltas.len()), (4, 4));
        for (e, want) in examples.iter().enumerate() {
            let got = tuple(outs[e][3]);
            close(got[0], want.hidden[0], "table out_h1");
            close(got[1], want.hidden[1], "table out_h2");
            close(got[2], want.out, "table out_o1");
            close(tuple(deltas[e][1])[0], want.error, "table E(e)");
            let got = tuple(deltas[e][2]);
            close(got[0], want.delta_hidden[0], "table δ_h1");
            close(got[1], want.delta_hidden[1], "table δ_h2");
            close(got[2], want.delta_out, "table δ_o1");
        }
        // the first example in full: its own error (7) and its own gradients (8), (9), (13)
        let first = &examples[0];
        close(result(equation(&md, 7)), first.error, "E(1)");
        assert!(equation(&md, 8).contains("\\frac{\\partial E^{(1)}}{\\partial w_5}"));
        close(result(equation(&md, 8)), first.grads[4], "∂E(1)/∂w5");
        close(result(equation(&md, 9)), first.grads[5], "∂E(1)/∂w6");
        close(result(equation(&md, 13)), first.grads[0], "∂E(1)/∂w1");
        // the batch's error (20), the mean of the four
        let mean_error = examples.iter().map(|e| e.error).sum::<f64>() / 4.0;
        assert!(equation(&md, 20).contains("E_{\\text{total}} &= \\frac{1}{4} \\sum_{e=1}^{4}"));
        close(result(equation(&md, 20)), mean_error, "E_total");
        // every update: (21) w5, (22) w6, (23) b3, (24)–(27) w1–w4, (28) b1, (29) b2
        let order = [4, 5, 8, 0, 1, 2, 3, 6, 7];
        for (n, &i) in (21..).zip(&order) {
            let body = equation(&md, n);
            close(result(body), updated[i], &format!("({n}) updated"));
            let times = body.rsplit("\\times ").next().unwrap();
            let mean_printed = times.split(" \\\\").next().unwrap();
            let mean_printed: f64 = mean_printed.trim_matches(['(', ')']).parse().unwrap();
            close(mean_printed, mean[i], &format!("({n}) mean gradient"));
            for e in &examples {
                let g = e.grads[i];
                let printed = format!("{}", g.abs());
                assert!(body.contains(&printed), "({n}) shows {g}:\n{body}");
            }
        }
        assert!(!md.contains("\\tag{30}"), "29 equations");
    }
}

#[test]
fn xor_batch_zh() {
    insta::assert_snapshot!(document(&xor(), Format::Md, Lang::Zh));
}

#[test]
fn xor_batch_en() {
    insta::assert_snapshot!(document(&xor(), Format::Md, Lang::En));
}

/// A 2-2-1 network file of `m` examples (XOR repeated), biases updated.
fn large_batch(m: usize) -> String {
    let rows: Vec<_> = (0..m).map(|e| BATCH[e % 4]).collect();
    let inputs: Vec<String> = rows
        .iter()
        .map(|(x, _)| format!("[{}, {}]", x[0], x[1]))
        .collect();
    let targets: Vec<String> = rows.iter().map(|(_, t)| format!("[{t}]")).collect();
    let text = std::fs::read_to_string(XOR).unwrap();
    let start = text.find("inputs  =").unwrap();
    let end = text.find("[[layers]]").unwrap();
    format!(
        "{}inputs = [{}]\ntargets = [{}]\n\n{}",
        &text[..start],
        inputs.join(", "),
        targets.join(", "),
        &text[end..]
    )
}

fn write_batch(dir: &Path, m: usize) -> std::path::PathBuf {
    let file = dir.join(format!("batch-{m}.toml"));
    std::fs::write(&file, large_batch(m)).unwrap();
    file
}

#[test]
fn a_batch_of_a_thousand_writes_short_sums_and_every_example_in_its_tables() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_batch(dir.path(), 1000);
    let md = spec::load(&file).map(|l| document(&l, Format::Md, Lang::En));
    let md = md.unwrap();
    // every example in both tables, one row each
    assert_eq!(table(&md, "\\text{out}_{o_1})$ |").len(), 1000);
    assert_eq!(table(&md, "\\delta_{o_1})$ |").len(), 1000);
    // each sum: the first two terms, ⋯, the last, then its total; the intro says so
    let error = equation(&md, 20);
    assert!(
        error.contains("E^{(1)} + E^{(2)} + \\cdots + E^{(1000)}"),
        "{error}"
    );
    assert!(md.contains("each sum below is written with its first two terms and its last"));
    let update = equation(&md, 21);
    assert_eq!(update.matches(" + \\cdots").count(), 1, "{update}");
    assert!(update.lines().all(|l| l.len() < 200), "{update}");
    // the mean gradient of XOR repeated 250 times is XOR's, so is the update
    let (_, _, updated) = expected();
    close(result(update), updated[4], "w5⁺ of 1000 examples");
    assert!(md.len() < 400_000, "{} bytes", md.len());
}

#[test]
fn a_batch_keeps_steps_and_check_and_is_written_in_matrix_notation() {
    let out = handprop()
        .args(["render", XOR, "--steps", "50", "--check", "--lang", "en"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("## 6 Training") && md.contains("## 7 Gradient Check"));
    assert!(md.contains("the first example's outputs are"));
    let out = handprop()
        .args(["render", XOR, "--notation", "matrix", "--lang", "en"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(
        md.contains("Z^{(1)} &= W^{(1)} A^{(0)} + b^{(1)} \\mathbf{1}^{\\top}"),
        "{md}"
    );
}

#[test]
fn carried_rounded_a_batch_s_mean_is_its_printed_sum_over_m() {
    let out = handprop()
        .args([
            "render",
            XOR,
            "--precision",
            "4",
            "--carry-rounded",
            "--lang",
            "en",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = String::from_utf8(out.stdout).unwrap();
    for n in 20..=29 {
        let body = equation(&md, n);
        let (_, frac) = body.rsplit_once("\\frac{").unwrap();
        let (sum, rest) = frac.split_once("}{").unwrap();
        let (m, rest) = rest.split_once("} \\\\\n").unwrap();
        let next = rest.lines().next().unwrap().trim_end_matches(" \\\\");
        let mean = next.rsplit(' ').next().unwrap().trim_matches(['(', ')']);
        let (sum, m, mean): (f64, f64, f64) = (
            sum.parse().unwrap(),
            m.parse().unwrap(),
            mean.parse().unwrap(),
        );
        let rounded = (sum / m * 1e4).round() / 1e4;
        assert!(
            (mean - rounded).abs() < 1e-12,
            "({n}): {sum}/{m} printed as {mean}\n{body}"
        );
    }
}

#[test]
fn the_html_of_a_batch_has_no_math_errors() {
    let dir = tempfile::tempdir().unwrap();
    let large = spec::load(&write_batch(dir.path(), 7)).unwrap();
    for lesson in [xor(), large] {
        for lang in [Lang::Zh, Lang::En] {
            let html = document(&lesson, Format::Html, lang);
            assert!(!html.contains("<merror") && !html.contains('$'), "{html}");
            assert!(html.contains("<table"), "the tables of the examples");
        }
    }
}

#[test]
#[ignore = "needs node and katex (tests/katex: npm ci); run by .ci/run"]
fn the_markdown_of_a_batch_parses_in_katex() {
    let dir = tempfile::tempdir().unwrap();
    let large = spec::load(&write_batch(dir.path(), 7)).unwrap();
    let mut files = Vec::new();
    for (name, lesson) in [("xor", xor()), ("seven", large)] {
        for lang in [Lang::Zh, Lang::En] {
            for precision in [Precision::Full, Precision::Places(4)] {
                let options = Options {
                    format: Format::Md,
                    lang,
                    precision,
                    steps: Some(20),
                    check: true,
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

/// Compiles the LaTeX of `lesson` in `lang` with the real TeX Live; the log.
fn compile(lesson: &Lesson, lang: Lang) -> String {
    let tex = document(lesson, Format::Tex, lang);
    let compiled = handprop::pdf::build(&tex, lang).unwrap_or_else(|e| panic!("{lang:?}: {e}"));
    assert!(compiled.pdf.starts_with(b"%PDF-"));
    compiled.log
}

#[test]
#[ignore = "needs TeX Live; run by .ci/run"]
fn the_latex_of_the_xor_batch_compiles_in_both_languages_without_overfull_lines() {
    for lang in [Lang::Zh, Lang::En] {
        let log = compile(&xor(), lang);
        assert!(!log.contains("Overfull \\hbox"), "{lang:?}:\n{log}");
    }
}

#[test]
#[ignore = "needs TeX Live; run by .ci/run"]
fn the_latex_of_a_batch_of_a_thousand_compiles() {
    let dir = tempfile::tempdir().unwrap();
    let lesson = spec::load(&write_batch(dir.path(), 1000)).unwrap();
    for lang in [Lang::Zh, Lang::En] {
        compile(&lesson, lang);
    }
}
