//! `--steps N` against the training loop of the tests (support::training_loop): the textbook step
//! repeated with nested rows, another code path than the library's flat one, in the same order of
//! operations (f64 addition is not associative). Every checkpoint, every point of the loss curve and
//! the outputs at the end agree bit for bit, for every activation and loss, every bias layout, biases
//! updated or kept, weight decay on and off, one example and a batch: each of the library's
//! specialised loops runs in some case.

use crate::support::training_loop::{Run, train};
use handprop::activation::Activation;
use handprop::loss::Loss;
use handprop::network::{Bias, Network};
use handprop::{Format, Lesson, Options};

/// What `render -f json --steps N` records.
fn rendered(lesson: &Lesson, steps: usize) -> Run {
    let options = Options {
        format: Format::Json,
        steps: Some(steps),
        ..Options::default()
    };
    let json: serde_json::Value =
        serde_json::from_str(&handprop::render(lesson, &options).unwrap()).unwrap();
    let training = &json["training"];
    let points = |key: &str| -> Vec<(usize, f64)> {
        (training[key].as_array().unwrap().iter())
            .map(|p| {
                let step = p["step"].as_u64().unwrap() as usize;
                (step, p["total_error"].as_f64().unwrap())
            })
            .collect()
    };
    let outputs = (training["outputs"].as_array().unwrap().iter())
        .map(|o| o.as_f64().unwrap())
        .collect();
    (points("checkpoints"), points("curve"), outputs)
}

/// Networks beside the examples: the paths the examples leave out.
const OTHERS: [&str; 5] = [
    // mean squared error, tanh, one bias per neuron updated, a batch with weight decay
    "loss = \"mean_squared_error\"\nweight_decay = 0.02\nupdate_biases = true\nlearning_rate = 0.3\n\
     inputs = [[0.5, -0.2], [0.1, 0.9], [-0.7, 0.3]]\ntargets = [[0.1, 0.6], [0.8, -0.4], [0.0, 0.2]]\n\
     [[layers]]\nweights = [[0.3, -0.1], [0.2, 0.4], [-0.5, 0.6]]\nbias = [0.1, -0.2, 0.05]\nactivation = \"tanh\"\n\
     [[layers]]\nweights = [[0.7, -0.3, 0.2], [0.1, 0.5, -0.6]]\nbias = [0.0, 0.3]\nactivation = \"identity\"\n",
    // a ReLU layer that dies (its neurons' nets all negative), squared error, no bias updates
    "loss = \"squared_error\"\nlearning_rate = 0.8\ninputs = [1.0, 2.0]\ntargets = [0.5]\n\
     [[layers]]\nweights = [[-0.4, -0.3], [0.2, -0.9], [0.5, 0.1]]\nbias = -0.2\nactivation = \"relu\"\n\
     [[layers]]\nweights = [[0.6, -0.8, 0.9]]\nactivation = \"sigmoid\"\n",
    // softmax and cross-entropy on a batch with weight decay, one bias per neuron updated
    "loss = \"cross_entropy\"\nweight_decay = 0.001\nupdate_biases = true\nlearning_rate = 0.7\n\
     inputs = [[0.2, 0.4, 0.6], [0.9, 0.1, 0.3]]\ntargets = [[1, 0, 0], [0, 0.5, 0.5]]\n\
     [[layers]]\nweights = [[0.1, 0.2, 0.3], [0.4, -0.5, 0.6]]\nbias = [0.1, 0.2]\nactivation = \"relu\"\n\
     [[layers]]\nweights = [[0.3, -0.2], [0.5, 0.4], [-0.6, 0.1]]\nbias = [0.0, 0.1, -0.1]\nactivation = \"softmax\"\n",
    // one example with weight decay and a shared bias updated, three layers
    "weight_decay = 0.05\nupdate_biases = true\nlearning_rate = 0.9\ninputs = [0.3]\ntargets = [0.7]\n\
     [[layers]]\nweights = [[0.5], [-0.4]]\nbias = 0.1\nactivation = \"tanh\"\n\
     [[layers]]\nweights = [[0.3, 0.8]]\nbias = -0.3\nactivation = \"relu\"\n\
     [[layers]]\nweights = [[1.2]]\nbias = 0.2\n",
    // a learning rate so large that e^net of the softmax overflows after the first step: each
    // e^(net − max) over their sum then
    "loss = \"cross_entropy\"\nlearning_rate = 1e5\ninputs = [0.05, 0.10]\ntargets = [0, 1, 0]\n\
     [[layers]]\nweights = [[0.15, 0.20], [0.25, 0.30]]\nbias = 0.35\n\
     [[layers]]\nweights = [[0.40, 0.45], [0.50, 0.55], [0.60, 0.65]]\nbias = 0.60\nactivation = \"softmax\"\n",
];

fn lessons() -> Vec<Lesson> {
    let mut paths: Vec<_> = std::fs::read_dir("examples")
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    let examples = paths.iter().map(|p| handprop::spec::load(p).unwrap());
    let others = (OTHERS.iter().enumerate())
        .map(|(i, text)| handprop::spec::parse(text, &format!("other-{i}.toml")).unwrap());
    examples.chain(others).collect()
}

/// The bits of `x`, with −0 as 0 (the JSON writes no negative zero).
fn bits_of(x: f64) -> u64 {
    if x == 0.0 { 0 } else { x.to_bits() }
}

#[test]
fn every_recorded_number_of_a_training_run_is_the_loop_s_bit_for_bit() {
    let lessons = lessons();
    assert!(lessons.len() >= 15, "the examples and the others");
    for lesson in &lessons {
        for steps in [1, 2, 10, 401, 3000] {
            let (checkpoints, curve, outputs) = rendered(lesson, steps);
            let (want_checkpoints, want_curve, want_outputs) = train(&lesson.network, steps);
            let bits = |points: &[(usize, f64)]| -> Vec<(usize, u64)> {
                points.iter().map(|&(s, e)| (s, bits_of(e))).collect()
            };
            let name = &lesson.source;
            assert_eq!(
                bits(&checkpoints),
                bits(&want_checkpoints),
                "{name} --steps {steps}"
            );
            assert_eq!(
                bits(&curve),
                bits(&want_curve),
                "{name} --steps {steps}: curve"
            );
            let outputs: Vec<u64> = outputs.iter().map(|&o| bits_of(o)).collect();
            let want: Vec<u64> = want_outputs.iter().map(|&o| bits_of(o)).collect();
            assert_eq!(outputs, want, "{name} --steps {steps}: outputs");
        }
    }
}

#[test]
fn the_cases_cover_every_loss_activation_and_bias_layout() {
    let lessons = lessons();
    let networks: Vec<&Network> = lessons.iter().map(|l| &l.network).collect();
    for loss in Loss::ALL {
        assert!(networks.iter().any(|n| n.loss() == loss), "{loss:?}");
    }
    for f in [
        Activation::Sigmoid,
        Activation::Tanh,
        Activation::Relu,
        Activation::Identity,
        Activation::Softmax,
    ] {
        let layers = networks.iter().flat_map(|n| n.layers());
        assert!(layers.clone().any(|l| l.activation() == f), "{f:?}");
    }
    let layers = || networks.iter().flat_map(|n| n.layers());
    assert!(layers().any(|l| matches!(l.bias(), Bias::None)));
    assert!(layers().any(|l| matches!(l.bias(), Bias::Shared(_))));
    assert!(layers().any(|l| matches!(l.bias(), Bias::PerNeuron(_))));
    // each way a step takes its gradients: one example without decay, one with, a batch with and without
    let kinds = |examples: bool, decay: bool| {
        networks.iter().any(|n| {
            (n.examples() > 1) == examples
                && n.weight_decay().is_some() == decay
                && n.update_biases()
        })
    };
    for (batch, decay) in [(false, false), (false, true), (true, false), (true, true)] {
        assert!(kinds(batch, decay), "batch {batch}, decay {decay}");
    }
}
