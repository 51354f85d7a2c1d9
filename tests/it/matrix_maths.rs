//! The matrix notation of every loss, softmax, weight decay, layers without a bias and mini-batches:
//! every entry of every numeric matrix of every equation (W, b, x or X, t or T, z or Z, e^z, a or A, the
//! loss's vectors, ∇ₐE, f′, (W)ᵀδ, δ or Δ, ΔAᵀ, ∂E/∂W, λW, W⁺, b⁺) read back from the Markdown, in
//! order, against the tests' own step ([`Model`]), for random networks (depth 1–3, every activation
//! and loss, batches of 1–4, with and without biases and decay); each equation's shape note; the
//! numbering; the error's value. Snapshots of the softmax example and the XOR batch (zh, en).

use handprop::activation::Activation as F;
use handprop::loss::Loss;
use handprop::render::Notation;
use handprop::{Lang, Lesson, Options, Precision, render};
use proptest::prelude::*;

use crate::matrix::{Equation, close, equations, number};
use crate::support::columns::{
    Matrix, activation_tex, all, blocks, column, columns, dim, input, part, transpose,
};
use crate::support::model::Model;

pub(crate) fn document(model: &Model, lang: Lang) -> String {
    let options = Options {
        lang,
        precision: Precision::Full,
        notation: Notation::Matrix,
        ..Options::default()
    };
    render(&Lesson::new(model.build()), &options).unwrap()
}

/// The matrices each equation shows, in order, with its shape note.
fn expected(model: &Model) -> Vec<(Vec<Matrix>, String)> {
    let s = model.step();
    let c = columns(model);
    let depth = model.weights.len();
    let m = model.inputs.len();
    let batch = m > 1;
    let one = 0..1;
    let examples = if batch { blocks(m) } else { vec![one.clone()] };
    let w = |l: usize| &model.weights[l];
    let (rows, cols) = (
        |l: usize| model.weights[l].len(),
        |l: usize| model.weights[l][0].len(),
    );
    let b = |l: usize| {
        model.biases[l].as_ref().map(|b| {
            column(
                &(0..rows(l))
                    .map(|j| if model.shared[l] { b[0] } else { b[j] })
                    .collect::<Vec<_>>(),
            )
        })
    };
    let softmax = model.activations[depth - 1] == F::Softmax;
    let decay = model.decay.is_some();
    let seed_loss = model.loss == Loss::HalfSquaredError && !decay && !batch;
    let mut eqs = Vec::new();
    for l in 0..depth {
        let mut ms: Vec<Matrix> = blocks(cols(l))
            .iter()
            .map(|k| part(w(l), &(0..rows(l)), k))
            .collect();
        ms.extend(b(l));
        eqs.push((ms, dim(rows(l), cols(l))));
    }
    let mut ms: Vec<Matrix> = examples.iter().map(|e| part(&c.x, &all(&c.x), e)).collect();
    ms.extend(examples.iter().map(|e| part(&c.t, &all(&c.t), e)));
    eqs.push((ms, dim(c.x.len(), m)));
    let mm = if batch { m } else { 1 };
    for l in 0..depth {
        let (n, k) = (rows(l), cols(l));
        let mut ms = Vec::new();
        for e in &examples {
            for kb in blocks(k) {
                ms.push(part(w(l), &(0..n), &kb));
                ms.push(part(input(&c, l), &kb, e));
            }
            if let Some(b) = b(l) {
                ms.push(b);
                if batch {
                    ms.push(vec![vec![1.0; e.len()]]);
                }
            }
            ms.push(part(&c.z[l], &(0..n), e));
        }
        let bias = match (b(l).is_some(), batch) {
            (false, _) => String::new(),
            (true, false) => format!(" + {}", dim(n, 1)),
            (true, true) => format!(" + ({})({})", dim(n, 1), dim(1, m)),
        };
        eqs.push((
            ms,
            format!("{} = ({})({}){bias}", dim(n, mm), dim(n, k), dim(k, mm)),
        ));
        let mut ms = Vec::new();
        for e in &examples {
            let zs = part(&c.z[l], &(0..n), e);
            let exps = part(&c.exp[l], &(0..n), e);
            match (model.activations[l], batch) {
                (F::Softmax, false) => ms.extend([zs, exps.clone(), exps]),
                (F::Softmax, true) => {
                    let sums = (e.clone())
                        .map(|i| (0..n).map(|j| c.exp[l][j][i]).sum())
                        .collect();
                    ms.extend([zs, exps.clone(), exps, vec![sums]]);
                }
                _ => ms.push(zs),
            }
            ms.push(part(&c.a[l], &(0..n), e));
        }
        let shapes = match (model.activations[l], batch) {
            (F::Softmax, false) => format!("{} = ({}) / (1 \\times 1)", dim(n, 1), dim(n, 1)),
            (F::Softmax, true) => format!("{} = ({})({})", dim(n, m), dim(n, m), dim(m, m)),
            (f, _) => format!("{} = {}({})", dim(n, mm), activation_tex(f), dim(n, mm)),
        };
        eqs.push((ms, shapes));
    }
    let out = rows(depth - 1);
    let (a, t) = (&c.a[depth - 1], &c.t);
    if batch {
        eqs.push((
            vec![column(&c.errors)],
            format!("1 \\times 1 = (1 \\times {m})({})", dim(m, 1)),
        ));
    } else if seed_loss {
        let e = column(&c.d_out[depth - 1].iter().map(|r| r[0]).collect::<Vec<_>>());
        eqs.push((
            vec![e.clone(), e],
            format!("1 \\times 1 = (1 \\times {out})({})", dim(out, 1)),
        ));
    } else {
        let ms = match (model.loss, softmax) {
            (Loss::CrossEntropy, true) => vec![t.clone(), a.clone()],
            (Loss::CrossEntropy, false) => vec![t.clone(), a.clone(), t.clone(), a.clone()],
            _ => vec![a.clone(), t.clone(), a.clone(), t.clone()],
        };
        let mut ms = ms;
        ms.push(column(&c.output_errors));
        eqs.push((
            ms,
            format!("1 \\times 1 = (1 \\times {out})({})", dim(out, 1)),
        ));
    }
    if decay {
        let ms = (0..depth)
            .flat_map(|l| {
                blocks(cols(l))
                    .into_iter()
                    .map(move |k| part(w(l), &(0..rows(l)), &k))
            })
            .collect();
        eqs.push((ms, "1 \\times 1".to_owned()));
    }
    for l in (0..depth).rev() {
        let (n, k) = (rows(l), cols(l));
        let all_n = 0..n;
        let mut ms = Vec::new();
        let shapes = if l + 1 == depth {
            for e in &examples {
                let (d, f, dl) = (
                    part(&c.d_out[l], &all_n, e),
                    part(&c.df[l], &all_n, e),
                    part(&c.delta[l], &all_n, e),
                );
                let (ae, te) = (part(a, &all_n, e), part(t, &all_n, e));
                match (softmax, model.loss == Loss::CrossEntropy) {
                    (true, _) => ms.extend([ae, te, dl]),
                    (false, true) => ms.extend([d, f, ae, te, dl]),
                    (false, false) => ms.extend([d, f, dl]),
                }
            }
            match (softmax, batch) {
                (true, false) => format!("{} = ({})({})", dim(n, 1), dim(n, n), dim(n, 1)),
                (true, true) => format!("{0} = {0} - {0}", dim(n, m)),
                _ => format!("{0} = {0} \\odot {0}", dim(n, mm)),
            }
        } else {
            let next = rows(l + 1);
            let wt = transpose(w(l + 1));
            for e in &examples {
                for kb in blocks(next) {
                    ms.push(part(&wt, &all_n, &kb));
                    ms.push(part(&c.delta[l + 1], &kb, e));
                }
                let f = part(&c.df[l], &all_n, e);
                ms.extend([
                    f.clone(),
                    part(&c.d_out[l], &all_n, e),
                    f,
                    part(&c.delta[l], &all_n, e),
                ]);
            }
            format!(
                "{} = \\left(({})({})\\right) \\odot {}",
                dim(n, mm),
                dim(n, next),
                dim(next, mm),
                dim(n, mm)
            )
        };
        eqs.push((ms, shapes));
        let loss_grad: Matrix = match model.decay {
            Some(lambda) => (s.grad_w[l].iter().zip(w(l)))
                .map(|(g, w)| g.iter().zip(w).map(|(g, w)| g - lambda * w).collect())
                .collect(),
            None => s.grad_w[l].clone(),
        };
        let mut ms = Vec::new();
        for kb in blocks(k) {
            if batch {
                for e in &examples {
                    ms.push(part(&c.delta[l], &all_n, e));
                    ms.push(transpose(&part(input(&c, l), &kb, e)));
                }
                let sum: Matrix = loss_grad
                    .iter()
                    .map(|r| r.iter().map(|g| g * m as f64).collect())
                    .collect();
                ms.push(part(&sum, &all_n, &kb));
            } else {
                ms.push(c.delta[l].clone());
                ms.push(transpose(&part(input(&c, l), &kb, &one)));
            }
            ms.push(part(&loss_grad, &all_n, &kb));
        }
        eqs.push((
            ms,
            format!("{} = ({})({})", dim(n, k), dim(n, mm), dim(mm, k)),
        ));
        let mut ms = Vec::new();
        for kb in blocks(k) {
            let wk = part(w(l), &all_n, &kb);
            ms.push(wk.clone());
            if decay {
                ms.extend([part(&loss_grad, &all_n, &kb), wk.clone(), wk]);
            }
            ms.push(part(&s.grad_w[l], &all_n, &kb));
            ms.push(part(&s.updated_w[l], &all_n, &kb));
        }
        let shapes = match decay {
            true => format!("{0} = {0} - \\eta \\, ({0} + {0})", dim(n, k)),
            false => format!("{0} = {0} - \\eta \\, ({0})", dim(n, k)),
        };
        eqs.push((ms, shapes));
        if model.update_biases && model.biases[l].is_some() {
            let bias = model.biases[l].clone().unwrap();
            eqs.push(match (model.shared[l], batch) {
                (true, false) => (
                    vec![vec![vec![1.0; n]], c.delta[l].clone()],
                    format!(
                        "1 \\times 1 = 1 \\times 1 - \\eta \\, (1 \\times {n})({})",
                        dim(n, 1)
                    ),
                ),
                (true, true) => (
                    Vec::new(),
                    format!(
                        "1 \\times 1 = 1 \\times 1 - \\eta \\, (1 \\times {n})({})({})",
                        dim(n, m),
                        dim(m, 1)
                    ),
                ),
                (false, _) => {
                    let mut ms = vec![column(&bias)];
                    if batch {
                        ms.extend([
                            column(&s.grad_b[l].iter().map(|g| g * m as f64).collect::<Vec<_>>()),
                            column(&bias),
                        ]);
                    }
                    ms.extend([column(&s.grad_b[l]), column(&s.updated_b[l])]);
                    let shapes = match batch {
                        true => format!(
                            "{0} = {0} - \\eta \\, ({1})({2})",
                            dim(n, 1),
                            dim(n, m),
                            dim(m, 1)
                        ),
                        false => format!("{0} = {0} - \\eta \\, ({0})", dim(n, 1)),
                    };
                    (ms, shapes)
                }
            });
        }
    }
    eqs
}

/// The last `&= number` of the first equation whose TeX contains `marker`.
fn last_value(shown: &[Equation], marker: &str) -> Option<f64> {
    let eq = shown.iter().find(|e| e.tex.contains(marker))?;
    let line = eq.tex.lines().rev().find(|l| l.starts_with("&= "))?;
    number(&line[3..])
}

/// Asserts that the equations are numbered 1, 2, … and show exactly the expected matrices and shapes,
/// and that E_total is the tests' own.
fn check(model: &Model, markdown: &str) -> Result<(), TestCaseError> {
    let shown = equations(markdown);
    let wanted = expected(model);
    prop_assert_eq!(shown.len(), wanted.len(), "equations\n{}", markdown);
    for (i, (eq, (matrices, shapes))) in shown.iter().zip(&wanted).enumerate() {
        prop_assert_eq!(eq.number as usize, i + 1, "numbering");
        prop_assert_eq!(&eq.shapes, shapes, "shapes of ({}): {}", eq.number, eq.tex);
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
            prop_assert!(
                same_shape,
                "({}): {:?} vs {:?}\n{}",
                eq.number,
                got,
                want,
                eq.tex
            );
            for (g, w) in got.iter().flatten().zip(want.iter().flatten()) {
                prop_assert!(close(*g, *w), "({}): {} vs {}\n{}", eq.number, g, w, eq.tex);
            }
        }
    }
    let total = model.step().total_error;
    let marker = match model.decay {
        Some(_) => "E_{\\text{total}} &= E + ",
        None => "E_{\\text{total}} &= ",
    };
    let shown_total = last_value(&shown, marker);
    prop_assert!(
        shown_total.is_some_and(|e| close(e, total)),
        "E_total {:?} vs {}",
        shown_total,
        total
    );
    Ok(())
}

fn example(name: &str) -> Lesson {
    handprop::spec::load(&std::path::Path::new("examples").join(format!("{name}.toml"))).unwrap()
}

fn example_document(name: &str, lang: Lang) -> String {
    let options = Options {
        lang,
        notation: Notation::Matrix,
        ..Options::default()
    };
    render(&example(name), &options).unwrap()
}

#[test]
fn softmax_matrix_en() {
    insta::assert_snapshot!(example_document("softmax-3class", Lang::En));
}

#[test]
fn softmax_matrix_zh() {
    insta::assert_snapshot!(example_document("softmax-3class", Lang::Zh));
}

#[test]
fn xor_batch_matrix_en() {
    insta::assert_snapshot!(example_document("xor-batch", Lang::En));
}

#[test]
fn xor_batch_matrix_zh() {
    insta::assert_snapshot!(example_document("xor-batch", Lang::Zh));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]
    #[test]
    fn every_entry_of_the_new_maths_in_matrix_form_is_right(model in crate::maths::model(false)) {
        check(&model, &document(&model, Lang::En))?;
    }
}
