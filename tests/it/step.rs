//! The one computation of a step as a library user calls it: given values carried forward, the checked
//! constructors, the front door.

use handprop::activation::Activation;
use handprop::network::{Bias, Layer, Network, ShapeError};
use handprop::{Given, Quantity, Rounding, Trace, spec};

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * a.abs().max(b.abs()).max(1e-300)
}

#[test]
fn a_given_out_is_used_by_everything_after_it() {
    let out_h1 = Quantity::Out {
        example: 0,
        layer: 0,
        neuron: 0,
    };
    let given: Given = [(out_h1, 0.6)].into_iter().collect();
    let trace = Trace::compute(&spec::seed(), Rounding::Exact, &given).unwrap();
    assert_eq!(trace.value(out_h1), Some(0.6));
    // The seed, by hand, with out_h1 = 0.6.
    let out_h2 = sigmoid(0.25 * 0.05 + 0.30 * 0.10 + 0.35);
    let net_o1 = 0.40 * 0.6 + 0.45 * out_h2 + 0.60;
    let out_o1 = sigmoid(net_o1);
    let out_o2 = sigmoid(0.50 * 0.6 + 0.55 * out_h2 + 0.60);
    let e = 0.5 * (0.01 - out_o1).powi(2) + 0.5 * (0.99 - out_o2).powi(2);
    assert!(close(trace.layers[1].neurons[0].net, net_o1));
    assert!(close(trace.total_error, e));
    let delta_o1 = (out_o1 - 0.01) * out_o1 * (1.0 - out_o1);
    let w5 = &trace.layers[1].neurons[0].weights[0];
    assert!(
        close(w5.grad, delta_o1 * 0.6),
        "∂E/∂w5 uses the given out_h1"
    );
    assert!(close(w5.updated, 0.40 - 0.5 * delta_o1 * 0.6));
    // h_1's own gradient still uses its given out: δ_h1 = ∂E/∂out_h1 · 0.6 · (1 − 0.6).
    let h1 = &trace.layers[0].neurons[0];
    assert!(close(h1.delta, h1.d_out * 0.6 * (1.0 - 0.6)));
}

#[test]
fn a_given_total_error_and_updated_weight_replace_theirs_only() {
    let w1 = Quantity::UpdatedWeight {
        layer: 0,
        neuron: 0,
        input: 0,
    };
    let exact = Trace::new(&spec::seed());
    let given: Given = [(Quantity::TotalError, 0.3), (w1, 0.2)]
        .into_iter()
        .collect();
    let trace = Trace::compute(&spec::seed(), Rounding::Exact, &given).unwrap();
    assert_eq!(trace.total_error, 0.3);
    assert_eq!(trace.value(w1), Some(0.2));
    let w2 = Quantity::UpdatedWeight {
        layer: 0,
        neuron: 0,
        input: 1,
    };
    assert_eq!(trace.value(w2), exact.value(w2));
    assert_ne!(
        trace.total_error_after, exact.total_error_after,
        "the pass after the update uses the given w1"
    );
}

#[test]
fn asked_quantities_come_in_the_key_s_order_and_read_back() {
    let trace = Trace::new(&spec::seed());
    let asked = trace.asked();
    assert_eq!(asked.len(), 4 + 1 + 8);
    assert_eq!(asked[4], Quantity::TotalError);
    assert_eq!(trace.value(asked[4]), Some(0.2983711087600027));
    assert_eq!(trace.value(asked[0]), Some(0.5932699921071872));
    assert_eq!(
        trace.value(asked[12]),
        Some(trace.layers[1].neurons[1].weights[1].updated)
    );
    assert_eq!(
        trace.value(Quantity::Out {
            example: 0,
            layer: 7,
            neuron: 0
        }),
        None
    );
}

#[test]
fn printed_rounding_carries_every_number_at_its_places() {
    let trace = Trace::compute(&spec::seed(), Rounding::Printed(4), &Given::none()).unwrap();
    let h1 = &trace.layers[0].neurons[0];
    assert_eq!((h1.net, h1.out), (0.3775, 0.5933));
    assert_eq!(trace.total_error, 0.2984);
}

#[test]
fn a_network_whose_widths_do_not_chain_cannot_be_built() {
    let layer = |rows: usize, cols: usize| {
        Layer::new(
            vec![vec![0.1; cols]; rows],
            Bias::Shared(0.1),
            Activation::Sigmoid,
        )
        .unwrap()
    };
    let built = Network::new(
        0.5,
        vec![1.0, 2.0],
        vec![0.5],
        vec![layer(2, 3), layer(1, 2)],
        false,
    );
    assert!(matches!(
        built,
        Err(ShapeError::Width {
            layer: 0,
            found: 3,
            expected: 2,
            ..
        })
    ));
    let built = Network::new(
        0.5,
        vec![1.0, 2.0],
        vec![0.5, 0.5],
        vec![layer(2, 2), layer(1, 2)],
        false,
    );
    assert!(matches!(
        built,
        Err(ShapeError::Targets {
            found: 2,
            expected: 1
        })
    ));
    let ragged = Layer::new(
        vec![vec![0.1, 0.2], vec![0.3]],
        Bias::Shared(0.0),
        Activation::Tanh,
    );
    assert!(matches!(ragged, Err(ShapeError::Width { .. })));
    let biases = Layer::new(
        vec![vec![0.1]],
        Bias::PerNeuron(vec![0.1, 0.2]),
        Activation::Tanh,
    );
    assert!(matches!(biases, Err(ShapeError::Width { .. })));
    let nan = Network::new(
        f64::NAN,
        vec![1.0],
        vec![0.5],
        vec![layer(1, 1), layer(1, 1)],
        false,
    );
    assert!(matches!(nan, Err(ShapeError::NotFinite(_))));
    assert!(
        Network::new(
            0.5,
            vec![1.0, 2.0],
            vec![0.5],
            vec![layer(2, 2), layer(1, 2)],
            false
        )
        .is_ok()
    );
}

#[test]
fn the_front_door_loads_computes_and_renders() {
    let lesson = handprop::load(std::path::Path::new("examples/3-4-2.toml")).unwrap();
    let trace = lesson.trace(Rounding::Exact, &Given::none()).unwrap();
    assert_eq!(trace.layers.len(), 2);
    let error = handprop::load(std::path::Path::new("examples/none.toml")).unwrap_err();
    assert_eq!(error.exit_code(), 2);
}
