//! A batch in matrix notation with `--carry-rounded`: each mean (1/m)·S printed beside its sum S is
//! S/m rounded to the places, the rule of the scalar documents (the mean from the carried sum), for
//! every weight gradient and every bias gradient, and the batch's error.

use handprop::render::Notation;
use handprop::{Lang, Options, Precision, render, spec};

use crate::matrix::{equations, number};
use crate::support::marking::printed;

const PLACES: u8 = 4;

fn carried(name: &str) -> String {
    let path = std::path::Path::new("examples").join(format!("{name}.toml"));
    let options = Options {
        lang: Lang::En,
        precision: Precision::Places(PLACES),
        carry_rounded: true,
        notation: Notation::Matrix,
        ..Options::default()
    };
    render(&spec::load(&path).unwrap(), &options).unwrap()
}

/// Every entry of `(1/m) S` and the matrix on the line after it, and the batch's S/m.
fn means(markdown: &str, m: usize) -> (Vec<(f64, f64)>, usize) {
    let frac = format!("\\frac{{1}}{{{m}}} ");
    let mut pairs = Vec::new();
    let mut lines_checked = 0;
    for eq in equations(markdown) {
        let lines: Vec<&str> = eq.tex.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let Some(rest) = line.split(&frac).nth(1) else {
                continue;
            };
            if !rest.starts_with("\\begin{bmatrix}") || !lines[i + 1].starts_with("&= ") {
                continue;
            }
            let sums = crate::matrix::bmatrices_of(rest);
            let next = crate::matrix::bmatrices_of(lines[i + 1]);
            let (sum, mean) = (sums.last().unwrap(), next.last().unwrap());
            pairs.extend(
                sum.iter()
                    .flatten()
                    .copied()
                    .zip(mean.iter().flatten().copied()),
            );
            lines_checked += 1;
        }
        if let Some(line) = eq
            .tex
            .lines()
            .find(|l| l.starts_with("&= \\frac{") && l.ends_with(&format!("}}{{{m}}} \\\\")))
        {
            let sum = number(line[9..].split('}').next().unwrap()).unwrap();
            let next = eq.tex.lines().skip_while(|l| *l != line).nth(1).unwrap();
            pairs.push((sum, number(&next[3..]).unwrap()));
            lines_checked += 1;
        }
    }
    (pairs, lines_checked)
}

#[test]
fn each_mean_of_a_carried_batch_is_its_printed_sum_over_m() {
    let markdown = carried("xor-batch");
    let (pairs, lines) = means(&markdown, 4);
    // ∂E/∂W of two layers, b⁺ of two layers (one per neuron, one shared), and E
    assert!(lines >= 4, "{lines} lines\n{markdown}");
    for (sum, mean) in pairs {
        assert_eq!(
            mean,
            printed(sum / 4.0, PLACES as usize),
            "{sum}/4\n{markdown}"
        );
    }
}
