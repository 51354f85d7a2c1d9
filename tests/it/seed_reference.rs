//! The trace of the seed's network against `reference.json` (a copy of shared/seed/reference.json):
//! every number of equations (1)–(23), exactly, as Rust's `{}` prints an f64.

use handprop::{Trace, spec};
use serde_json::Value;

fn reference() -> Value {
    serde_json::from_str(include_str!("data/reference.json")).unwrap()
}

/// Every named quantity of the reference, read off the trace.
fn traced(trace: &Trace, name: &str) -> f64 {
    let (hidden, output) = (&trace.layers[0].neurons, &trace.layers[1].neurons);
    let weight = |n: usize| {
        let all: Vec<_> = trace
            .layers
            .iter()
            .flat_map(|l| &l.neurons)
            .flat_map(|n| &n.weights)
            .collect();
        all[n - 1]
    };
    let neuron = |symbol: &str| {
        let index: usize = symbol[1..].parse::<usize>().unwrap() - 1;
        if symbol.starts_with('h') {
            &hidden[index]
        } else {
            &output[index]
        }
    };
    match name {
        "E_total" => trace.total_error,
        "dE_o1/dout_h1" => hidden[0].d_out_terms[0].value,
        "dE_o2/dout_h1" => hidden[0].d_out_terms[1].value,
        "dE_total/dout_h1" => hidden[0].d_out,
        "dE_total/dout_h2" => hidden[1].d_out,
        _ if name.starts_with("net_") => neuron(&name[4..]).net,
        _ if name.starts_with("out_") => neuron(&name[4..]).out,
        _ if name.starts_with("E_o") => trace.errors[name[3..].parse::<usize>().unwrap() - 1].error,
        _ if name.starts_with("dE_total/dw") => weight(name[11..].parse().unwrap()).grad,
        _ if name.starts_with('w') && name.ends_with('+') => {
            weight(name[1..name.len() - 1].parse().unwrap()).updated
        }
        _ => panic!("the test does not know the reference's name {name}"),
    }
}

#[test]
fn every_number_of_the_seed_is_exact() {
    let trace = Trace::new(&spec::seed());
    let reference = reference();
    let mut checked = 0;
    for (equation, values) in reference["equations"].as_object().unwrap() {
        for (name, value) in values.as_object().unwrap() {
            let expected = value.as_str().unwrap();
            let got = traced(&trace, name);
            assert_eq!(format!("{got}"), expected, "({equation}) {name}");
            checked += 1;
        }
    }
    assert_eq!(checked, 25, "every value of reference.json was checked");
    let after = reference["after_one_update"]["E_total"].as_str().unwrap();
    assert_eq!(format!("{}", trace.total_error_after), after);
}
