//! An independent recomputation for the marking tests (not handprop's code): one step of a network read
//! from a variant's `network.toml`, with given outs in place of computed ones and every printed number
//! rounded when the set carries rounded numbers; and the verdict rules of `handprop grade` applied to it.
#![allow(dead_code)]

use std::collections::HashMap;
use std::fs;
use std::path::Path;

/// A network as the test reads it.
pub struct Net {
    eta: f64,
    inputs: Vec<f64>,
    targets: Vec<f64>,
    update_biases: bool,
    layers: Vec<Layer>,
}

/// (weights, one bias per neuron, shared, activation)
type Layer = (Vec<Vec<f64>>, Vec<f64>, bool, String);

fn numbers(value: &toml::Value) -> Vec<f64> {
    let array = value.as_array().unwrap();
    array
        .iter()
        .map(|x| x.as_float().or(x.as_integer().map(|i| i as f64)).unwrap())
        .collect()
}

/// Reads `network.toml`.
pub fn load(path: &Path) -> Net {
    let file: toml::Table = std::fs::read_to_string(path).unwrap().parse().unwrap();
    let layers = file["layers"].as_array().unwrap().iter().map(|layer| {
        let weights: Vec<Vec<f64>> = layer["weights"]
            .as_array()
            .unwrap()
            .iter()
            .map(numbers)
            .collect();
        let (biases, shared) = match &layer["bias"] {
            toml::Value::Array(_) => (numbers(&layer["bias"]), false),
            b => (vec![b.as_float().unwrap(); weights.len()], true),
        };
        let f = layer
            .get("activation")
            .map_or("sigmoid", |f| f.as_str().unwrap())
            .to_owned();
        (weights, biases, shared, f)
    });
    Net {
        eta: file["learning_rate"].as_float().unwrap(),
        inputs: numbers(&file["inputs"]),
        targets: numbers(&file["targets"]),
        update_biases: file
            .get("update_biases")
            .is_some_and(|b| b.as_bool().unwrap()),
        layers: layers.collect(),
    }
}

/// `x` at `places` as a sheet prints it (fixed, or scientific when that reads 0.000…), read back.
pub fn printed(x: f64, places: usize) -> f64 {
    text(x, places).parse().unwrap()
}

/// `x` at `places` as a sheet prints it.
pub fn text(x: f64, places: usize) -> String {
    let fixed = format!("{x:.places$}");
    let digits = fixed.trim_start_matches('-');
    if x != 0.0 && (digits.starts_with("0.000") || digits.chars().all(|c| c == '0' || c == '.')) {
        format!("{x:.p$e}", p = places - 1)
    } else {
        fixed
    }
}

/// Every asked value in the key's order (outs layer by layer, E_total, updated weights, updated biases),
/// with `given` outs ((layer, neuron) → value) in place of computed ones, rounded to `carry` places.
pub fn step(net: &Net, carry: Option<usize>, given: &HashMap<(usize, usize), f64>) -> Vec<f64> {
    let r = |x: f64| carry.map_or(x, |p| printed(x, p));
    let mut outs: Vec<Vec<f64>> = Vec::new();
    for (l, (w, b, _, f)) in net.layers.iter().enumerate() {
        let x = outs.last().unwrap_or(&net.inputs).clone();
        let out = (0..w.len()).map(|j| {
            let mut net_in = w[j][0] * x[0];
            for k in 1..x.len() {
                net_in += w[j][k] * x[k];
            }
            let net_in = r(net_in + b[j]);
            let o = r(match f.as_str() {
                "sigmoid" => 1.0 / (1.0 + (-net_in).exp()),
                "tanh" => net_in.tanh(),
                "relu" => net_in.max(0.0),
                _ => net_in,
            });
            given.get(&(l, j)).copied().unwrap_or(o)
        });
        outs.push(out.collect());
    }
    let last = outs.last().unwrap();
    let errors: Vec<f64> = (last.iter().zip(&net.targets))
        .map(|(o, t)| r(0.5 * (t - o) * (t - o)))
        .collect();
    let total = r(errors.iter().skip(1).fold(errors[0], |a, e| a + e));
    let (mut weights, mut biases) = (
        vec![Vec::new(); net.layers.len()],
        vec![Vec::new(); net.layers.len()],
    );
    let mut delta: Vec<f64> = Vec::new();
    for l in (0..net.layers.len()).rev() {
        let (w, b, shared, f) = &net.layers[l];
        let d_out: Vec<f64> = (0..w.len())
            .map(|j| match l + 1 == net.layers.len() {
                true => outs[l][j] - net.targets[j],
                false => {
                    let next = &net.layers[l + 1].0;
                    let terms: Vec<f64> =
                        (0..next.len()).map(|k| r(delta[k] * next[k][j])).collect();
                    r(terms.iter().skip(1).fold(terms[0], |a, t| a + t))
                }
            })
            .collect();
        delta = (0..w.len())
            .map(|j| {
                let o = outs[l][j];
                d_out[j]
                    * match f.as_str() {
                        "sigmoid" => o * (1.0 - o),
                        "tanh" => 1.0 - o * o,
                        "relu" => {
                            if o > 0.0 {
                                1.0
                            } else {
                                0.0
                            }
                        }
                        _ => 1.0,
                    }
            })
            .collect();
        let x = if l == 0 { &net.inputs } else { &outs[l - 1] };
        for j in 0..w.len() {
            for k in 0..x.len() {
                weights[l].push(r(w[j][k] - net.eta * r(delta[j] * x[k])));
            }
        }
        if net.update_biases {
            match shared {
                true => biases[l].push(r(b[0] - net.eta * delta.iter().sum::<f64>())),
                false => biases[l].extend((0..w.len()).map(|j| r(b[j] - net.eta * delta[j]))),
            }
        }
    }
    let mut values: Vec<f64> = outs.concat();
    values.push(total);
    values.extend(weights.concat());
    values.extend(biases.concat());
    values
}

/// The neuron (layer, index) of each out among the asked values, in order.
pub fn out_places(net: &Net) -> Vec<(usize, usize)> {
    (net.layers.iter().enumerate())
        .flat_map(|(l, layer)| (0..layer.0.len()).map(move |j| (l, j)))
        .collect()
}

/// Half a unit of the last place of a printed number (`0.5933` → 0.00005, `4.386e-4` → 5e-8).
pub fn half_unit(text: &str) -> f64 {
    let (mantissa, exponent) = text.split_once('e').unwrap_or((text, "0"));
    let decimals = mantissa.split_once('.').map_or(0, |(_, d)| d.len()) as i32;
    5.0 * 10f64.powi(exponent.parse::<i32>().unwrap() - decimals - 1)
}

/// The verdicts `handprop grade` should give `answers` (None: blank), by its rules, recomputed here.
pub fn verdicts(
    net: &Net,
    carry: Option<usize>,
    keys: &[String],
    answers: &[Option<f64>],
) -> Vec<&'static str> {
    let places = out_places(net);
    let given_outs = |except: usize| -> HashMap<(usize, usize), f64> {
        (places.iter().enumerate())
            .filter(|&(i, _)| i != except)
            .filter_map(|(i, &place)| answers[i].map(|a| (place, a)))
            .collect()
    };
    (0..keys.len())
        .map(|q| {
            let Some(a) = answers[q] else { return "blank" };
            if (a - keys[q].parse::<f64>().unwrap()).abs() <= half_unit(&keys[q]) * (1.0 + 1e-9) {
                return "right";
            }
            let again = step(net, carry, &given_outs(q))[q];
            let unit = 2.0 * half_unit(&text(again, 4));
            if (a - again).abs() <= unit * (1.0 + 1e-9) {
                "carried"
            } else {
                "wrong"
            }
        })
        .collect()
}

/// One student's answers: a text per quantity (empty: blank).
pub struct Student {
    /// Their name: their kind and variant.
    pub name: String,
    /// Their variant.
    pub variant: usize,
    /// Their answers, as they wrote them.
    pub answers: Vec<String>,
    /// Their answers' values (None: blank).
    pub values: Vec<Option<f64>>,
}

/// The students of one variant: right, wrong everywhere, blank, partly blank, wrong early then
/// consistent (every later answer computed here from their own wrong out_h1).
pub fn students(variant: usize, keys: &[String], net: &Net, carry: Option<usize>) -> Vec<Student> {
    let four = |x: f64| text(x, 4);
    let student = |kind: &str, answers: Vec<String>| Student {
        name: format!("{kind} {variant}"),
        variant,
        values: answers.iter().map(|a| read(a)).collect(),
        answers,
    };
    let key_value = |q: usize| keys[q].parse::<f64>().unwrap();
    let wrong_h1 = key_value(0) + 0.05;
    let consistent = step(net, carry, &HashMap::from([((0, 0), wrong_h1)]));
    let mut early: Vec<String> = consistent.iter().map(|&x| four(x)).collect();
    early[0] = four(wrong_h1);
    vec![
        student(
            "right",
            (keys.iter().enumerate())
                .map(|(q, k)| written(k, q))
                .collect(),
        ),
        student(
            "wrong",
            (0..keys.len())
                .map(|q| four(key_value(q) + 0.0371))
                .collect(),
        ),
        student("blank", vec![String::new(); keys.len()]),
        student(
            "partly",
            (keys.iter().enumerate())
                .map(|(q, k)| if q % 2 == 0 { k.clone() } else { String::new() })
                .collect(),
        ),
        student("early", early),
    ]
}

/// Writes RESPONSES.csv for `students`.
pub fn responses(path: &Path, quantities: &[String], students: &[Student]) {
    let mut csv = format!("student,variant,{}\n", quantities.join(","));
    for s in students {
        let quoted: Vec<String> = s.answers.iter().map(|a| format!("\"{a}\"")).collect();
        csv.push_str(&format!("{},{},{}\n", s.name, s.variant, quoted.join(",")));
    }
    fs::write(path, csv).unwrap();
}

/// A number as a student might write it, by `style` (0 to 3, then again): as printed, with a decimal
/// comma, as `6.133 × 10⁻¹`, or without the 0 before the point.
pub fn written(text: &str, style: usize) -> String {
    let (sign, digits) = text.strip_prefix('-').map_or(("", text), |d| ("-", d));
    match style % 4 {
        1 => text.replace('.', ","),
        2 => {
            let (mantissa, exponent) = match (digits.split_once('e'), digits.strip_prefix("0.")) {
                (Some((m, e)), _) => (m.to_owned(), e.parse::<i32>().unwrap()),
                (None, Some(decimals)) => {
                    let zeros = decimals.len() - decimals.trim_start_matches('0').len();
                    let significant = &decimals[zeros..];
                    let mantissa = format!("{}.{}", &significant[..1], &significant[1..]);
                    (mantissa, -(zeros as i32) - 1)
                }
                (None, None) => return text.to_owned(),
            };
            let superscript: String = (exponent.to_string().chars())
                .map(|c| match c {
                    '-' => '⁻',
                    d => "⁰¹²³⁴⁵⁶⁷⁸⁹"
                        .chars()
                        .nth(d.to_digit(10).unwrap() as usize)
                        .unwrap(),
                })
                .collect();
            format!("{sign}{mantissa} × 10{superscript}")
        }
        3 => format!("{sign}{}", digits.strip_prefix('0').unwrap_or(digits)),
        _ => text.to_owned(),
    }
}

/// The value of a number written as [`written`] writes it; None when empty.
pub fn read(text: &str) -> Option<f64> {
    if text.is_empty() {
        return None;
    }
    let text = text.replace(',', ".");
    let text = match text.split_once(" × 10") {
        Some((mantissa, exponent)) => {
            let exponent: String = (exponent.chars())
                .map(|c| match c {
                    '⁻' => '-',
                    s => char::from_digit(
                        "⁰¹²³⁴⁵⁶⁷⁸⁹".chars().position(|d| d == s).unwrap() as u32,
                        10,
                    )
                    .unwrap(),
                })
                .collect();
            format!("{mantissa}e{exponent}")
        }
        None => text,
    };
    Some(text.parse().unwrap())
}
