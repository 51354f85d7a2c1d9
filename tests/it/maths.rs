//! The maths beyond the seed against an independent computation (tests/it/support/model.rs): every loss
//! × output activation × batch of 1–4 × weight decay on or off × layers with or without biases, 1–3
//! hidden layers (proptest). Every out, each example's error, E_total, every gradient and every updated
//! weight and bias agree to a relative 1e-9, and a five-point central difference of the batch's E_total
//! agrees with every gradient.

use handprop::activation::Activation;
use handprop::loss::Loss;
use handprop::{Given, Rounding, Trace};
use proptest::prelude::*;

use crate::support::model::Model;

/// Relative 1e-9, with an absolute floor for numbers that are zero up to rounding.
fn close(library: f64, model: f64, scale: f64) -> bool {
    (library - model).abs() <= 1e-9 * library.abs().max(model.abs()) + 1e-13 * scale.max(1.0)
}

/// The loss and output activations that go together.
fn loss_and_output() -> impl Strategy<Value = (Loss, Activation)> {
    let squared = prop_oneof![
        Just(Loss::HalfSquaredError),
        Just(Loss::SquaredError),
        Just(Loss::MeanSquaredError)
    ];
    let output = prop_oneof![
        Just(Activation::Sigmoid),
        Just(Activation::Tanh),
        Just(Activation::Identity),
        Just(Activation::Relu)
    ];
    prop_oneof![
        (squared, output),
        Just((Loss::CrossEntropy, Activation::Softmax)),
        Just((Loss::CrossEntropy, Activation::Sigmoid)),
    ]
}

fn hidden_activation(smooth: bool) -> BoxedStrategy<Activation> {
    match smooth {
        true => prop_oneof![
            Just(Activation::Sigmoid),
            Just(Activation::Tanh),
            Just(Activation::Identity)
        ]
        .boxed(),
        false => prop_oneof![
            Just(Activation::Sigmoid),
            Just(Activation::Tanh),
            Just(Activation::Identity),
            Just(Activation::Relu)
        ]
        .boxed(),
    }
}

fn row(width: usize) -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(-1.0..1.0f64, width)
}

/// Targets a loss can take: a distribution for softmax, [0, 1] otherwise.
fn targets(loss: Loss, output: Activation, width: usize) -> BoxedStrategy<Vec<f64>> {
    match (loss, output) {
        (_, Activation::Softmax) => prop::collection::vec(0.01..1.0f64, width)
            .prop_map(|raw| {
                let total: f64 = raw.iter().sum();
                raw.iter().map(|t| t / total).collect()
            })
            .boxed(),
        _ => prop::collection::vec(0.0..=1.0f64, width).boxed(),
    }
}

/// A random model: 1–3 hidden layers of 1–4 neurons, 1–4 inputs, an output layer of `loss`'s kind
/// (2–4 neurons for softmax), a batch of 1–4, decay on or off, each layer with or without biases.
pub(crate) fn model(smooth: bool) -> impl Strategy<Value = Model> {
    (
        loss_and_output(),
        prop::collection::vec(1..=4usize, 3..=5),
        1..=4usize,
        prop::option::of(0.001..0.1f64),
        any::<bool>(),
        0.05..1.0f64,
    )
        .prop_flat_map(
            move |((loss, output), mut widths, batch, decay, update_biases, eta)| {
                if output == Activation::Softmax {
                    let last = widths.len() - 1;
                    widths[last] = widths[last].max(2);
                }
                let layers = widths.len() - 1;
                let outputs = widths[layers];
                let weights: Vec<_> = (widths.windows(2))
                    .map(|w| prop::collection::vec(row(w[0]), w[1]))
                    .collect();
                let biases: Vec<_> = (widths[1..].iter())
                    .map(|&w| (prop::option::of(row(w)), any::<bool>()))
                    .collect();
                let activations = prop::collection::vec(hidden_activation(smooth), layers - 1);
                (
                    prop::collection::vec(row(widths[0]), batch),
                    prop::collection::vec(targets(loss, output, outputs), batch),
                    weights,
                    biases,
                    activations,
                )
                    .prop_map(
                        move |(inputs, targets, weights, biases, mut activations)| {
                            activations.push(output);
                            let shared = biases.iter().map(|(_, s)| *s).collect();
                            let biases = (biases.into_iter())
                                .map(|(b, shared)| b.map(|b| if shared { vec![b[0]] } else { b }))
                                .collect();
                            Model {
                                learning_rate: eta,
                                inputs,
                                targets,
                                weights,
                                biases,
                                shared,
                                activations,
                                loss,
                                decay,
                                update_biases,
                            }
                        },
                    )
            },
        )
}

/// A cross-entropy whose outs come too near 0 or 1 to compare (ln of almost nothing).
fn well_conditioned(step: &crate::support::model::Step) -> bool {
    step.outs.iter().all(|o| {
        o.last()
            .unwrap()
            .iter()
            .all(|&x| (1e-6..=1.0 - 1e-6).contains(&x))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn every_number_agrees_with_an_independent_computation(model in model(false)) {
        let step = model.step();
        prop_assume!(well_conditioned(&step));
        let trace = Trace::compute(&model.build(), Rounding::Exact, &Given::none()).unwrap();
        let scale = step.total_error.abs();
        for (e, outs) in step.outs.iter().enumerate() {
            for (l, layer) in outs.iter().enumerate() {
                for (j, &out) in layer.iter().enumerate() {
                    let library = match trace.examples.is_empty() {
                        true => trace.layers[l].neurons[j].out,
                        false => trace.examples[e].outs[l][j],
                    };
                    prop_assert!(close(library, out, 1.0), "out of example {e} layer {l} neuron {j}: {library} vs {out}");
                }
            }
            let library = match trace.examples.is_empty() {
                true => trace.errors.iter().map(|e| e.error).sum::<f64>(),
                false => trace.examples[e].error,
            };
            prop_assert!(close(library, step.example_errors[e], scale), "error of example {e}: {library} vs {}", step.example_errors[e]);
        }
        prop_assert!(close(trace.total_error, step.total_error, scale), "E_total {} vs {}", trace.total_error, step.total_error);
        for (l, layer) in trace.layers.iter().enumerate() {
            for (j, neuron) in layer.neurons.iter().enumerate() {
                for (k, w) in neuron.weights.iter().enumerate() {
                    prop_assert!(close(w.grad, step.grad_w[l][j][k], scale), "∂E/∂w layer {l} neuron {j} input {k}: {} vs {}", w.grad, step.grad_w[l][j][k]);
                    prop_assert!(close(w.updated, step.updated_w[l][j][k], 1.0), "w⁺ layer {l} neuron {j} input {k}");
                }
            }
            prop_assert_eq!(layer.biases.len(), step.grad_b[l].len());
            for (n, b) in layer.biases.iter().enumerate() {
                prop_assert!(close(b.grad, step.grad_b[l][n], scale), "∂E/∂b layer {l} bias {n}: {} vs {}", b.grad, step.grad_b[l][n]);
                prop_assert!(close(b.updated, step.updated_b[l][n], 1.0), "b⁺ layer {l} bias {n}");
            }
        }
    }

    #[test]
    fn every_gradient_is_the_slope_of_the_batch_error(model in model(true)) {
        let step = model.step();
        prop_assume!(well_conditioned(&step));
        // A difference stencil across a ReLU's kink measures neither side's slope.
        prop_assume!(model.relu_nets().iter().all(|net| net.abs() > 0.05));
        let trace = Trace::new(&model.build());
        let e = trace.total_error;
        let stencil = |nudge: &dyn Fn(&mut Model, f64)| {
            let h = 1e-3;
            let at = |shift: f64| {
                let mut moved = model.clone();
                nudge(&mut moved, shift);
                Trace::new(&moved.build()).total_error
            };
            (at(-2.0 * h) - 8.0 * at(-h) + 8.0 * at(h) - at(2.0 * h)) / (12.0 * h)
        };
        let agree = |backprop: f64, numeric: f64| {
            (backprop - numeric).abs() <= 1e-5 * backprop.abs() + 1e-9 * e.abs().max(1.0)
        };
        for (l, layer) in trace.layers.iter().enumerate() {
            for (j, neuron) in layer.neurons.iter().enumerate() {
                for (k, w) in neuron.weights.iter().enumerate() {
                    let numeric = stencil(&|m, h| m.weights[l][j][k] += h);
                    prop_assert!(agree(w.grad, numeric), "∂E/∂w layer {l} neuron {j} input {k}: {} vs {numeric}", w.grad);
                }
            }
            for (n, b) in layer.biases.iter().enumerate() {
                let numeric = stencil(&|m, h| m.biases[l].as_mut().unwrap()[n] += h);
                prop_assert!(agree(b.grad, numeric), "∂E/∂b layer {l} bias {n}: {} vs {numeric}", b.grad);
            }
        }
    }

    #[test]
    fn carried_rounding_works_for_every_loss(model in model(true)) {
        let step = model.step();
        prop_assume!(well_conditioned(&step));
        let network = model.build();
        let exact = Trace::new(&network);
        if let Ok(carried) = Trace::compute(&network, Rounding::Printed(6), &Given::none()) {
            // every number it carries reads back as printed at six places, and the step is near the
            // exact one
            let six = handprop::Precision::Places(6);
            let h1 = &carried.layers[0].neurons[0];
            for x in [h1.net, h1.out, carried.total_error, h1.weights[0].grad, h1.weights[0].updated] {
                prop_assert_eq!(x, six.carried(x));
            }
            prop_assert!((carried.total_error - exact.total_error).abs() <= 1e-3 * exact.total_error.abs().max(1.0));
        }
    }
}
