//! The matrix notation (`--notation matrix`): every entry of every matrix and vector of the document
//! (W, b, x, t, z, a, a − t, f′(z), (W)ᵀδ, δ, ∂E/∂W, W⁺, b⁺) read back from the Markdown and compared with
//! a forward and backward pass written here, for the seed and random networks (proptest: 1–3 layers of
//! weights, widths 1–5, every activation, shared or per-neuron biases, updated or not); the shapes each
//! equation notes; the numbering; snapshots of the seed (zh, en).

use handprop::activation::Activation;
use handprop::network::{Bias, Layer, Network};
use handprop::render::Notation;
use handprop::{Format, Lang, Lesson, Options, Precision, render, spec};
use proptest::prelude::*;

use crate::support::networks;
use crate::support::reference::{biases, step};

type Matrix = Vec<Vec<f64>>;

/// How many columns of a matrix a line of a full-precision document holds.
const COLUMNS: usize = 2;

fn matrix_document(network: &Network, lang: Lang, format: Format) -> String {
    let options = Options {
        format,
        lang,
        precision: Precision::Full,
        notation: Notation::Matrix,
        ..Options::default()
    };
    render(&Lesson::new(network.clone()), &options).unwrap()
}

/// One display equation: its number, its first line's shape note, its numeric matrices in order.
#[derive(Debug)]
pub(crate) struct Equation {
    pub(crate) number: u32,
    pub(crate) shapes: String,
    pub(crate) matrices: Vec<Matrix>,
    pub(crate) tex: String,
}

pub(crate) fn equations(markdown: &str) -> Vec<Equation> {
    let blocks: Vec<&str> = markdown.split("$$").collect();
    (1..blocks.len())
        .step_by(2)
        .map(|i| {
            let tex = blocks[i];
            let number = tex
                .split("\\tag{")
                .nth(1)
                .expect("a tag")
                .split('}')
                .next()
                .unwrap();
            let shapes = tex
                .split("[\\,")
                .nth(1)
                .map_or("", |s| s.split("\\,]").next().unwrap());
            Equation {
                number: number.trim().parse().unwrap(),
                shapes: shapes.trim().to_owned(),
                matrices: bmatrices(tex),
                tex: tex.to_owned(),
            }
        })
        .collect()
}

/// A number as the documents print it: `0.25`, `-3`, or `5.4 \times 10^{-8}`.
pub(crate) fn number(cell: &str) -> Option<f64> {
    let cell = cell.trim();
    match cell.split_once(" \\times 10^{") {
        Some((mantissa, exponent)) => {
            let exponent: i32 = exponent.strip_suffix('}')?.parse().ok()?;
            Some(format!("{mantissa}e{exponent}").parse::<f64>().ok()?)
        }
        None => cell.parse().ok(),
    }
}

/// [`bmatrices`] of a piece of TeX, for the other modules.
pub(crate) fn bmatrices_of(tex: &str) -> Vec<Matrix> {
    bmatrices(tex)
}

/// Every bmatrix whose entries are all numbers (a matrix of names is left out).
fn bmatrices(tex: &str) -> Vec<Matrix> {
    tex.split("\\begin{bmatrix}")
        .skip(1)
        .filter_map(|m| {
            let body = m.split("\\end{bmatrix}").next().unwrap();
            body.split("\\\\")
                .map(|row| row.split('&').map(number).collect())
                .collect::<Option<Matrix>>()
        })
        .collect()
}

fn column(v: &[f64]) -> Matrix {
    v.iter().map(|&x| vec![x]).collect()
}

fn columns(m: &[Vec<f64>], block: &std::ops::Range<usize>) -> Matrix {
    m.iter().map(|row| row[block.clone()].to_vec()).collect()
}

fn blocks(n: usize) -> Vec<std::ops::Range<usize>> {
    (0..n)
        .step_by(COLUMNS)
        .map(|s| s..(s + COLUMNS).min(n))
        .collect()
}

fn transpose(m: &[Vec<f64>]) -> Matrix {
    (0..m[0].len())
        .map(|k| m.iter().map(|row| row[k]).collect())
        .collect()
}

fn dim(rows: usize, cols: usize) -> String {
    format!("{rows} \\times {cols}")
}

/// The matrices each equation of the document should show, in order, and its shape note.
fn expected(network: &Network) -> Vec<(Vec<Matrix>, String)> {
    let s = step(network);
    let depth = network.layers().len();
    let width = |l: usize| network.layers()[l].weights().len();
    let fan_in = |l: usize| network.layers()[l].weights()[0].len();
    let mut eqs = Vec::new();
    for (l, layer) in network.layers().iter().enumerate() {
        let mut ms: Vec<Matrix> = blocks(fan_in(l))
            .iter()
            .map(|b| columns(layer.weights(), b))
            .collect();
        ms.push(column(&biases(layer.bias(), width(l))));
        eqs.push((ms, dim(width(l), fan_in(l))));
    }
    let n_in = network.inputs().len();
    eqs.push((
        vec![column(network.inputs()), column(network.targets())],
        dim(n_in, 1),
    ));
    for (l, layer) in network.layers().iter().enumerate() {
        let (n, m) = (width(l), fan_in(l));
        let mut ms = Vec::new();
        for b in blocks(m) {
            ms.push(columns(layer.weights(), &b));
            ms.push(column(&s.a[l][b]));
        }
        ms.push(column(&biases(layer.bias(), n)));
        ms.push(column(&s.z[l]));
        let shapes = format!(
            "{} = ({})({}) + {}",
            dim(n, 1),
            dim(n, m),
            dim(m, 1),
            dim(n, 1)
        );
        eqs.push((ms, shapes));
        let f = activation_tex(layer.activation());
        eqs.push((
            vec![column(&s.z[l]), column(&s.a[l + 1])],
            format!("{} = {f}({})", dim(n, 1), dim(n, 1)),
        ));
    }
    let out = width(depth - 1);
    let e = column(&s.d_a[depth - 1]);
    eqs.push((
        vec![e.clone(), e],
        format!("1 \\times 1 = (1 \\times {out})({})", dim(out, 1)),
    ));
    for l in (0..depth).rev() {
        let (n, m) = (width(l), fan_in(l));
        if l + 1 == depth {
            let ms = vec![column(&s.d_a[l]), column(&s.df[l]), column(&s.delta[l])];
            eqs.push((ms, format!("{0} = {0} \\odot {0}", dim(n, 1))));
        } else {
            let next = width(l + 1);
            let wt = transpose(network.layers()[l + 1].weights());
            let mut ms = Vec::new();
            for b in blocks(next) {
                ms.push(columns(&wt, &b));
                ms.push(column(&s.delta[l + 1][b]));
            }
            ms.extend([
                column(&s.df[l]),
                column(&s.d_a[l]),
                column(&s.df[l]),
                column(&s.delta[l]),
            ]);
            let shapes = format!(
                "{} = \\left(({})({})\\right) \\odot {}",
                dim(n, 1),
                dim(n, next),
                dim(next, 1),
                dim(n, 1)
            );
            eqs.push((ms, shapes));
        }
        let mut ms = Vec::new();
        for b in blocks(m) {
            ms.extend([
                column(&s.delta[l]),
                vec![s.a[l][b.clone()].to_vec()],
                columns(&s.grad[l], &b),
            ]);
        }
        eqs.push((
            ms,
            format!("{} = ({})({})", dim(n, m), dim(n, 1), dim(1, m)),
        ));
        let mut ms = Vec::new();
        for b in blocks(m) {
            let w = &network.layers()[l].weights();
            ms.extend([
                columns(w, &b),
                columns(&s.grad[l], &b),
                columns(&s.updated[l], &b),
            ]);
        }
        eqs.push((ms, format!("{0} = {0} - \\eta \\, ({0})", dim(n, m))));
        if network.update_biases() {
            eqs.push(match &network.layers()[l].bias() {
                Bias::None => continue,
                Bias::Shared(_) => (
                    vec![vec![vec![1.0; n]], column(&s.delta[l])],
                    format!(
                        "1 \\times 1 = 1 \\times 1 - \\eta \\, (1 \\times {n})({})",
                        dim(n, 1)
                    ),
                ),
                Bias::PerNeuron(b) => (
                    vec![
                        column(b),
                        column(&s.bias_grad[l]),
                        column(&s.bias_updated[l]),
                    ],
                    format!("{0} = {0} - \\eta \\, ({0})", dim(n, 1)),
                ),
            });
        }
    }
    eqs
}

fn activation_tex(f: Activation) -> &'static str {
    match f {
        Activation::Sigmoid => "\\sigma",
        Activation::Tanh => "\\tanh",
        Activation::Relu => "\\operatorname{ReLU}",
        _ => "\\operatorname{id}",
    }
}

pub(crate) fn close(shown: f64, computed: f64) -> bool {
    (shown - computed).abs() <= 1e-9 * computed.abs().max(shown.abs()) + 1e-12
}

/// Asserts that the document's equations are numbered 1, 2, … and show exactly the expected matrices
/// and shapes; the scalar results (E_total, a shared bias's gradient and update) are checked too.
fn check(network: &Network, markdown: &str) -> Result<(), TestCaseError> {
    let shown = equations(markdown);
    let wanted = expected(network);
    prop_assert_eq!(shown.len(), wanted.len(), "equations");
    for (i, (eq, (matrices, shapes))) in shown.iter().zip(&wanted).enumerate() {
        prop_assert_eq!(eq.number as usize, i + 1, "numbering");
        prop_assert_eq!(&eq.shapes, shapes, "shapes of ({})", eq.number);
        prop_assert_eq!(
            eq.matrices.len(),
            matrices.len(),
            "matrices of ({}): {}",
            eq.number,
            eq.tex
        );
        for (got, want) in eq.matrices.iter().zip(matrices) {
            let same_shape =
                got.len() == want.len() && got.iter().zip(want).all(|(g, w)| g.len() == w.len());
            prop_assert!(same_shape, "({}): {:?} vs {:?}", eq.number, got, want);
            for (g, w) in got.iter().flatten().zip(want.iter().flatten()) {
                prop_assert!(close(*g, *w), "({}): {} vs {}\n{}", eq.number, g, w, eq.tex);
            }
        }
    }
    let s = step(network);
    let depth = network.layers().len();
    let total: f64 = s.d_a[depth - 1].iter().map(|d| d * d).sum::<f64>() / 2.0;
    let error = shown
        .iter()
        .find(|e| e.tex.contains("E_{\\text{total}} &="))
        .unwrap();
    let last: f64 = error
        .tex
        .lines()
        .rev()
        .find(|l| l.starts_with("&= "))
        .and_then(|l| number(&l[3..]))
        .unwrap();
    prop_assert!(close(last, total), "E_total {} vs {}", last, total);
    Ok(())
}

#[test]
fn every_entry_of_the_seed_s_matrices_is_right() {
    let seed = spec::seed();
    for lang in Lang::ALL {
        check(&seed, &matrix_document(&seed, lang, Format::Md)).unwrap();
    }
}

#[test]
fn wide_layers_come_in_blocks_of_columns_and_updated_biases_are_shown() {
    let seed = spec::seed();
    let wide = Layer::new(
        vec![(1..=10).map(|k| k as f64 / 50.0).collect(); 2],
        Bias::PerNeuron(vec![0.35, 0.4]),
        Activation::Sigmoid,
    )
    .unwrap();
    let layers = vec![wide, seed.layers()[1].clone()];
    let inputs = (1..=10).map(|k| k as f64 / 20.0).collect();
    let network = Network::new(0.5, inputs, seed.targets().to_vec(), layers, true).unwrap();
    let markdown = matrix_document(&network, Lang::En, Format::Md);
    check(&network, &markdown).unwrap();
    assert!(markdown.contains("W^{(1)}_{:,\\,9..10} &="), "{markdown}");
    assert!(markdown.contains("in blocks of its columns"));
}

#[test]
fn seed_matrix_zh() {
    insta::assert_snapshot!(matrix_document(&spec::seed(), Lang::Zh, Format::Md));
}

#[test]
fn seed_matrix_en() {
    insta::assert_snapshot!(matrix_document(&spec::seed(), Lang::En, Format::Md));
}

#[test]
fn the_scalar_notation_is_the_default_and_json_is_the_same_in_both() {
    let seed = spec::seed_lesson();
    let scalar = Options {
        format: Format::Json,
        ..Options::default()
    };
    let matrix = Options {
        notation: Notation::Matrix,
        ..scalar
    };
    assert_eq!(
        render(&seed, &scalar).unwrap(),
        render(&seed, &matrix).unwrap(),
    );
    assert_eq!(Options::default().notation, Notation::Scalar);
}

fn network() -> impl Strategy<Value = Network> {
    (
        prop::collection::vec(1..=5usize, 3..=5),
        any::<bool>(),
        0.05..2.0f64,
    )
        .prop_flat_map(|(widths, update_biases, eta)| {
            networks::network((-1.0..1.0f64).boxed(), widths, update_biases, eta)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn every_entry_of_a_random_network_s_matrices_is_right(network in network()) {
        check(&network, &matrix_document(&network, Lang::En, Format::Md))?;
    }
}
