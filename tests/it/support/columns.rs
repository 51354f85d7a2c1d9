//! The tests' own step of a batch as matrices of one column per example (X, T, Z, A, e^Z, ∇E or
//! ∂E/∂out, f′, Δ, each example's error), from [`Model`]'s formulas, and the small matrix helpers
//! the matrix-notation tests read documents with.
#![allow(dead_code)]

use handprop::activation::Activation as F;
use handprop::loss::Loss;

use super::model::{Model, slope};

pub type Matrix = Vec<Vec<f64>>;
pub type Range = std::ops::Range<usize>;

/// How many columns of a matrix a line of a full-precision document holds.
pub const COLUMNS: usize = 2;

pub fn blocks(n: usize) -> Vec<Range> {
    (0..n)
        .step_by(COLUMNS)
        .map(|s| s..(s + COLUMNS).min(n))
        .collect()
}

/// Rows of `m` (one per neuron) restricted to `rows`, columns `cols`.
pub fn part(m: &[Vec<f64>], rows: &Range, cols: &Range) -> Matrix {
    m[rows.clone()]
        .iter()
        .map(|r| r[cols.clone()].to_vec())
        .collect()
}

pub fn transpose(m: &[Vec<f64>]) -> Matrix {
    (0..m[0].len())
        .map(|k| m.iter().map(|r| r[k]).collect())
        .collect()
}

pub fn column(v: &[f64]) -> Matrix {
    v.iter().map(|&x| vec![x]).collect()
}

pub fn dim(r: usize, c: usize) -> String {
    format!("{r} \\times {c}")
}

/// Every number of the step as matrices of one column per example: `[l]` is one layer's
/// (neurons × examples).
pub struct Columns {
    pub x: Matrix,
    pub t: Matrix,
    pub z: Vec<Matrix>,
    pub a: Vec<Matrix>,
    pub exp: Vec<Matrix>,
    pub d_out: Vec<Matrix>,
    pub df: Vec<Matrix>,
    pub delta: Vec<Matrix>,
    pub errors: Vec<f64>,
    pub output_errors: Vec<f64>,
}

pub fn d_out_of(model: &Model, o: f64, t: f64, n: usize) -> f64 {
    match model.loss {
        Loss::HalfSquaredError => o - t,
        Loss::SquaredError => 2.0 * (o - t),
        Loss::MeanSquaredError => 2.0 * (o - t) / n as f64,
        Loss::CrossEntropy => -t / o + (1.0 - t) / (1.0 - o),
    }
}

pub fn columns(model: &Model) -> Columns {
    let depth = model.weights.len();
    let mut per: Vec<[Vec<Vec<f64>>; 6]> = Vec::new();
    let mut errors = Vec::new();
    for (x, t) in model.inputs.iter().zip(&model.targets) {
        let (z, a) = (model.nets(x), model.forward(x));
        let delta = model.deltas(&a, t);
        let n = a[depth - 1].len();
        let mut d_out: Vec<Vec<f64>> = vec![Vec::new(); depth];
        d_out[depth - 1] = (a[depth - 1].iter().zip(t))
            .map(|(&o, &t)| d_out_of(model, o, t, n))
            .collect();
        for l in 0..depth - 1 {
            d_out[l] = (0..a[l].len())
                .map(|j| {
                    (0..delta[l + 1].len())
                        .map(|k| delta[l + 1][k] * model.weights[l + 1][k][j])
                        .sum()
                })
                .collect();
        }
        let df = (0..depth)
            .map(|l| match model.activations[l] {
                F::Softmax => vec![0.0; a[l].len()],
                f => a[l].iter().map(|&o| slope(f, o)).collect(),
            })
            .collect();
        let exp = z
            .iter()
            .map(|z| z.iter().map(|v| v.exp()).collect())
            .collect();
        errors.push(model.example_error(&a[depth - 1], t));
        per.push([z, a, exp, d_out, df, delta]);
    }
    let by =
        |q: usize, l: usize| transpose(&per.iter().map(|p| p[q][l].clone()).collect::<Matrix>());
    let layers = |q: usize| (0..depth).map(|l| by(q, l)).collect::<Vec<_>>();
    let (a, t) = (&per[0][1][depth - 1], &model.targets[0]);
    let output_errors = (a.iter().zip(t))
        .map(|(&o, &t)| {
            model.example_error(&[o], &[t])
                * if model.loss == Loss::MeanSquaredError {
                    1.0 / a.len() as f64
                } else {
                    1.0
                }
        })
        .collect();
    Columns {
        x: transpose(&model.inputs),
        t: transpose(&model.targets),
        z: layers(0),
        a: layers(1),
        exp: layers(2),
        d_out: layers(3),
        df: layers(4),
        delta: layers(5),
        errors,
        output_errors,
    }
}

/// A layer's input A⁽ˡ⁻¹⁾ (X for the first).
pub fn input(c: &Columns, l: usize) -> &Matrix {
    if l == 0 { &c.x } else { &c.a[l - 1] }
}

pub fn all(m: &Matrix) -> Range {
    0..m.len()
}

pub fn activation_tex(f: F) -> &'static str {
    match f {
        F::Sigmoid => "\\sigma",
        F::Tanh => "\\tanh",
        F::Relu => "\\operatorname{ReLU}",
        _ => "\\operatorname{id}",
    }
}
