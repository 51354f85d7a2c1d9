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
    /// One row per example.
    inputs: Vec<Vec<f64>>,
    /// One row per example.
    targets: Vec<Vec<f64>>,
    update_biases: bool,
    loss: String,
    decay: Option<f64>,
    layers: Vec<Layer>,
}

/// (weights, one bias per neuron (empty: no bias), shared, activation)
type Layer = (Vec<Vec<f64>>, Vec<f64>, bool, String);

fn numbers(value: &toml::Value) -> Vec<f64> {
    let array = value.as_array().unwrap();
    array.iter().map(number).collect()
}

fn number(x: &toml::Value) -> f64 {
    x.as_float().or(x.as_integer().map(|i| i as f64)).unwrap()
}

/// A flat list as one row, a list of lists as one row each.
fn rows(value: &toml::Value) -> Vec<Vec<f64>> {
    let array = value.as_array().unwrap();
    match array.first() {
        Some(toml::Value::Array(_)) => array.iter().map(numbers).collect(),
        _ => vec![numbers(value)],
    }
}

/// Reads `network.toml`.
pub fn load(path: &Path) -> Net {
    parse(&std::fs::read_to_string(path).unwrap())
}

/// Reads the text of a network file.
pub fn parse(text: &str) -> Net {
    let file: toml::Table = text.parse().unwrap();
    let layers = file["layers"].as_array().unwrap().iter().map(|layer| {
        let weights: Vec<Vec<f64>> = layer["weights"]
            .as_array()
            .unwrap()
            .iter()
            .map(numbers)
            .collect();
        let (biases, shared) = match layer.get("bias") {
            None => (Vec::new(), false),
            Some(b @ toml::Value::Array(_)) => (numbers(b), false),
            Some(b) => (vec![number(b); weights.len()], true),
        };
        let f = layer
            .get("activation")
            .map_or("sigmoid", |f| f.as_str().unwrap())
            .to_owned();
        (weights, biases, shared, f)
    });
    Net {
        eta: number(&file["learning_rate"]),
        inputs: rows(&file["inputs"]),
        targets: rows(&file["targets"]),
        update_biases: file
            .get("update_biases")
            .is_some_and(|b| b.as_bool().unwrap()),
        loss: file
            .get("loss")
            .map_or("half_squared_error", |l| l.as_str().unwrap())
            .to_owned(),
        decay: file.get("weight_decay").map(number),
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

/// a₁ + a₂ + …, left to right from the first.
fn total(terms: &[f64]) -> f64 {
    terms.iter().skip(1).fold(terms[0], |a, t| a + t)
}

/// One example's forward pass: every layer's outs, example 0's outs replaced by `given` ones.
fn forward(
    net: &Net,
    x0: &[f64],
    r: &dyn Fn(f64) -> f64,
    given: Option<&HashMap<(usize, usize), f64>>,
) -> Vec<Vec<f64>> {
    let mut outs: Vec<Vec<f64>> = Vec::new();
    for (l, (w, b, _, f)) in net.layers.iter().enumerate() {
        let x = outs.last().map_or(x0, |o| &o[..]).to_vec();
        let nets: Vec<f64> = (0..w.len())
            .map(|j| {
                let mut net_in = w[j][0] * x[0];
                for k in 1..x.len() {
                    net_in += w[j][k] * x[k];
                }
                r(match b.get(j) {
                    Some(b) => net_in + b,
                    None => net_in,
                })
            })
            .collect();
        let mut out: Vec<f64> = match f.as_str() {
            "softmax" => {
                let max = nets.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                let exps: Vec<f64> = nets.iter().map(|n| (n - max).exp()).collect();
                let sum = total(&exps);
                exps.iter().map(|e| r(e / sum)).collect()
            }
            _ => (nets.iter())
                .map(|&n| {
                    r(match f.as_str() {
                        "sigmoid" => 1.0 / (1.0 + (-n).exp()),
                        "tanh" => n.tanh(),
                        "relu" => n.max(0.0),
                        _ => n,
                    })
                })
                .collect(),
        };
        if let Some(given) = given {
            for (j, o) in out.iter_mut().enumerate() {
                *o = given.get(&(l, j)).copied().unwrap_or(*o);
            }
        }
        outs.push(out);
    }
    outs
}

/// One output's error under the net's loss, as the loss formulas define it.
fn error(net: &Net, t: f64, o: f64, n: usize, softmax: bool) -> f64 {
    match net.loss.as_str() {
        "squared_error" => (t - o) * (t - o),
        "mean_squared_error" => (t - o) * (t - o) / n as f64,
        "cross_entropy" => {
            let positive = if t == 0.0 { 0.0 } else { t * o.ln() };
            let negative = if softmax || t == 1.0 {
                0.0
            } else {
                (1.0 - t) * (1.0 - o).ln()
            };
            -(positive + negative)
        }
        _ => 0.5 * (t - o) * (t - o),
    }
}

/// δ = ∂E/∂net of an output: out − target for cross-entropy, else ∂E/∂out · f′.
fn output_delta(net: &Net, t: f64, o: f64, n: usize, f: &str) -> f64 {
    let d_out = match net.loss.as_str() {
        "cross_entropy" => return o - t,
        "squared_error" => 2.0 * (o - t),
        "mean_squared_error" => 2.0 * (o - t) / n as f64,
        _ => o - t,
    };
    slope(d_out, o, f)
}

/// upstream · f′(net), f′ written from the out.
fn slope(upstream: f64, o: f64, f: &str) -> f64 {
    upstream
        * match f {
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
}

/// Every asked value in the key's order (the first example's outs layer by layer, E_total of the
/// batch, updated weights, updated biases), with `given` outs of the first example ((layer, neuron) →
/// value) in place of computed ones, rounded to `carry` places: the loss, softmax, weight decay,
/// layers without a bias and a mini-batch (mean error, mean gradient) as issue 11 defines them.
pub fn step(net: &Net, carry: Option<usize>, given: &HashMap<(usize, usize), f64>) -> Vec<f64> {
    let r = |x: f64| carry.map_or(x, |p| printed(x, p));
    let m = net.inputs.len();
    let passes: Vec<Vec<Vec<f64>>> = (0..m)
        .map(|e| forward(net, &net.inputs[e], &r, (e == 0).then_some(given)))
        .collect();
    let softmax = net.layers.last().unwrap().3 == "softmax";
    let errors: Vec<f64> = (0..m)
        .map(|e| {
            let last = passes[e].last().unwrap();
            let n = last.len();
            let each: Vec<f64> = (last.iter().zip(&net.targets[e]))
                .map(|(&o, &t)| r(error(net, t, o, n, softmax)))
                .collect();
            r(total(&each))
        })
        .collect();
    let mean = if m == 1 {
        errors[0]
    } else {
        r(r(total(&errors)) / m as f64)
    };
    let all_weights: Vec<f64> = (net.layers.iter())
        .flat_map(|l| l.0.iter().flatten().copied())
        .collect();
    let e_total = match net.decay {
        Some(lambda) => {
            let squares: Vec<f64> = all_weights.iter().map(|w| w * w).collect();
            r(mean + r(lambda / 2.0 * total(&squares)))
        }
        None => mean,
    };
    // Each example's ∂E/∂w and ∂E/∂b, layer by layer.
    let mut grads_w = vec![vec![Vec::new(); net.layers.len()]; m];
    let mut grads_b = vec![vec![Vec::new(); net.layers.len()]; m];
    for e in 0..m {
        let outs = &passes[e];
        let mut delta: Vec<f64> = Vec::new();
        for l in (0..net.layers.len()).rev() {
            let (w, b, shared, f) = &net.layers[l];
            delta = (0..w.len())
                .map(|j| {
                    let o = outs[l][j];
                    if l + 1 == net.layers.len() {
                        return output_delta(net, net.targets[e][j], o, w.len(), f);
                    }
                    let next = &net.layers[l + 1].0;
                    let terms: Vec<f64> =
                        (0..next.len()).map(|k| r(delta[k] * next[k][j])).collect();
                    slope(r(total(&terms)), o, f)
                })
                .collect();
            let x = if l == 0 { &net.inputs[e] } else { &outs[l - 1] };
            for d in &delta {
                for xk in x {
                    grads_w[e][l].push(r(d * xk));
                }
            }
            grads_b[e][l] = match (b.is_empty(), shared) {
                (true, _) => Vec::new(),
                (false, true) => vec![total(&delta)],
                (false, false) => delta.clone(),
            };
        }
    }
    let mean_of = |of: &dyn Fn(usize) -> f64| -> f64 {
        match m {
            1 => of(0),
            _ => r(r(total(&(0..m).map(of).collect::<Vec<_>>())) / m as f64),
        }
    };
    let mut weights = Vec::new();
    let mut biases = Vec::new();
    for (l, (w, b, shared, _)) in net.layers.iter().enumerate() {
        let flat: Vec<f64> = w.iter().flatten().copied().collect();
        for (i, &wi) in flat.iter().enumerate() {
            let g = mean_of(&|e| grads_w[e][l][i]);
            let g = match net.decay {
                Some(lambda) => r(g + r(lambda * wi)),
                None => g,
            };
            weights.push(r(wi - net.eta * g));
        }
        if net.update_biases && !b.is_empty() {
            let count = if *shared { 1 } else { b.len() };
            for n in 0..count {
                let g = mean_of(&|e| grads_b[e][l][n]);
                biases.push(r(b[n] - net.eta * g));
            }
        }
    }
    let mut values: Vec<f64> = passes[0].concat();
    values.push(e_total);
    values.extend(weights);
    values.extend(biases);
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

/// The names of the asked quantities of `net` in the key's order (the first example's outs layer by
/// layer, E_total, the weights, the updated biases), and each one's name in the pages' script
/// (`out,l,j`, `E`, `w,l,j,k`, `b,l,n`).
pub fn quantities(net: &Net) -> Vec<(String, String)> {
    let mut names: Vec<(String, String)> = (out_places(net).into_iter())
        .map(|(l, j)| (format!("out_L{l}N{j}"), format!("out,{l},{j}")))
        .collect();
    names.push(("E_total".into(), "E".into()));
    let mut n = 0;
    for (l, (w, ..)) in net.layers.iter().enumerate() {
        for (j, row) in w.iter().enumerate() {
            for k in 0..row.len() {
                n += 1;
                names.push((format!("w{n}+"), format!("w,{l},{j},{k}")));
            }
        }
    }
    if net.update_biases {
        let mut n = 0;
        for (l, (_, b, shared, _)) in net.layers.iter().enumerate() {
            let count = if b.is_empty() {
                0
            } else if *shared {
                1
            } else {
                b.len()
            };
            for i in 0..count {
                n += 1;
                names.push((format!("b{n}+"), format!("b,{l},{i}")));
            }
        }
    }
    names
}

/// The data of an exercise page's answer form (src/exercise/check.rs's layout), for `net` printed at
/// `places`, carried rounded or not, with the key `keys`.
pub fn form_data(net: &Net, places: u8, carry: bool, keys: &[String]) -> serde_json::Value {
    let layers: Vec<serde_json::Value> = (net.layers.iter())
        .map(|(w, b, shared, f)| serde_json::json!({"w": w, "b": b, "shared": shared, "f": f}))
        .collect();
    let quantities: Vec<serde_json::Value> = (quantities(net).into_iter().zip(keys))
        .map(|((name, of), key)| serde_json::json!({"name": name, "key": key, "of": of}))
        .collect();
    let mut data = serde_json::json!({
        "places": places, "carry": carry, "eta": net.eta,
        "inputs": net.inputs[0], "targets": net.targets[0],
        "update_biases": net.update_biases, "layers": layers, "quantities": quantities,
    });
    if net.loss != "half_squared_error" {
        data["loss"] = net.loss.clone().into();
    }
    if let Some(lambda) = net.decay {
        data["decay"] = lambda.into();
    }
    if net.inputs.len() > 1 {
        let examples: Vec<_> = net.inputs.iter().zip(&net.targets).collect();
        data["examples"] = serde_json::json!(examples);
    }
    data
}

/// GRADES.csv as `handprop grade` prints it: its header, and each student's row as cells.
pub struct Grades {
    /// The header line.
    pub header: String,
    /// Each student's row, cut at its commas.
    pub rows: Vec<Vec<String>>,
}

/// Writes `students`' answers to `file` (see [`responses`]), runs `handprop grade SET FILE`, which must
/// succeed, and reads what it prints: one row per student (asserted).
pub fn grade(set: &Path, file: &Path, quantities: &[String], students: &[Student]) -> Grades {
    responses(file, quantities, students);
    let output = super::handprop()
        .arg("grade")
        .arg(set)
        .arg(file)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let grades = String::from_utf8(output.stdout).unwrap();
    let mut lines = grades.lines();
    let header = lines.next().unwrap_or_default().to_owned();
    let rows: Vec<Vec<String>> = lines
        .map(|line| line.split(',').map(str::to_owned).collect())
        .collect();
    assert_eq!(rows.len(), students.len(), "one row per student: {grades}");
    Grades { header, rows }
}
