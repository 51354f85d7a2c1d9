//! An independent computation of one training step, written for the tests from the formulas (not
//! from the library): every loss, softmax, a batch (mean error, mean gradient), weight decay and layers
//! with or without biases. Used by the maths property tests.
#![allow(dead_code)]

use handprop::activation::Activation;
use handprop::loss::Loss;
use handprop::network::{Bias, Layer, Network};

/// A network's numbers, plainly: what the test draws and nudges.
#[derive(Debug, Clone)]
pub struct Model {
    pub learning_rate: f64,
    /// One row per example.
    pub inputs: Vec<Vec<f64>>,
    pub targets: Vec<Vec<f64>>,
    /// `weights[l][j][k]`.
    pub weights: Vec<Vec<Vec<f64>>>,
    /// `biases[l]`: None for a layer without biases, else one per neuron (`shared[l]`: one for all).
    pub biases: Vec<Option<Vec<f64>>>,
    pub shared: Vec<bool>,
    pub activations: Vec<Activation>,
    pub loss: Loss,
    pub decay: Option<f64>,
    pub update_biases: bool,
}

/// Every number of the step, as the formulas give them.
#[derive(Debug, Clone)]
pub struct Step {
    /// `outs[e][l][j]`.
    pub outs: Vec<Vec<Vec<f64>>>,
    /// The error of each example.
    pub example_errors: Vec<f64>,
    pub total_error: f64,
    /// `grad_w[l][j][k]` of E_total.
    pub grad_w: Vec<Vec<Vec<f64>>>,
    /// `grad_b[l][n]` of E_total, per bias number (one for a shared bias).
    pub grad_b: Vec<Vec<f64>>,
    pub updated_w: Vec<Vec<Vec<f64>>>,
    pub updated_b: Vec<Vec<f64>>,
}

fn f(activation: Activation, net: f64) -> f64 {
    match activation {
        Activation::Sigmoid => 1.0 / (1.0 + (-net).exp()),
        Activation::Tanh => net.tanh(),
        Activation::Relu => net.max(0.0),
        Activation::Identity => net,
        Activation::Softmax => unreachable!("the layer's"),
    }
}

/// f′(net), written with out.
pub fn slope(activation: Activation, out: f64) -> f64 {
    match activation {
        Activation::Sigmoid => out * (1.0 - out),
        Activation::Tanh => 1.0 - out * out,
        Activation::Relu => f64::from(u8::from(out > 0.0)),
        Activation::Identity => 1.0,
        Activation::Softmax => unreachable!("the layer's"),
    }
}

impl Model {
    /// The library's network of these numbers.
    pub fn build(&self) -> Network {
        let layers = (0..self.weights.len())
            .map(|l| {
                let bias = match (&self.biases[l], self.shared[l]) {
                    (None, _) => Bias::None,
                    (Some(b), true) => Bias::Shared(b[0]),
                    (Some(b), false) => Bias::PerNeuron(b.clone()),
                };
                Layer::new(self.weights[l].clone(), bias, self.activations[l]).unwrap()
            })
            .collect();
        let (inputs, targets) = (self.inputs.clone(), self.targets.clone());
        let examples = (inputs, targets);
        let network = Network::batch(
            self.learning_rate,
            examples,
            layers,
            self.update_biases,
            self.loss,
        )
        .unwrap();
        match self.decay {
            Some(lambda) => network.with_weight_decay(lambda).unwrap(),
            None => network,
        }
    }

    fn bias(&self, l: usize, j: usize) -> f64 {
        match &self.biases[l] {
            None => 0.0,
            Some(b) if self.shared[l] => b[0],
            Some(b) => b[j],
        }
    }

    /// out of every neuron of every layer for inputs `x`.
    pub fn forward(&self, x: &[f64]) -> Vec<Vec<f64>> {
        let mut outs: Vec<Vec<f64>> = Vec::new();
        for l in 0..self.weights.len() {
            let input = if l == 0 { x } else { &outs[l - 1] };
            let nets: Vec<f64> = (self.weights[l].iter().enumerate())
                .map(|(j, row)| {
                    row.iter().zip(input).map(|(w, x)| w * x).sum::<f64>() + self.bias(l, j)
                })
                .collect();
            let out = if self.activations[l] == Activation::Softmax {
                let exps: Vec<f64> = nets.iter().map(|n| n.exp()).collect();
                let total: f64 = exps.iter().sum();
                exps.iter().map(|e| e / total).collect()
            } else {
                nets.iter().map(|&n| f(self.activations[l], n)).collect()
            };
            outs.push(out);
        }
        outs
    }

    /// net of every neuron of every layer for inputs `x`.
    pub fn nets(&self, x: &[f64]) -> Vec<Vec<f64>> {
        let outs = self.forward(x);
        (0..self.weights.len())
            .map(|l| {
                let input = if l == 0 { x } else { &outs[l - 1] };
                (self.weights[l].iter().enumerate())
                    .map(|(j, row)| {
                        row.iter().zip(input).map(|(w, x)| w * x).sum::<f64>() + self.bias(l, j)
                    })
                    .collect()
            })
            .collect()
    }

    /// The net input of every ReLU neuron, over every example: where the error has a kink.
    pub fn relu_nets(&self) -> Vec<f64> {
        let mut nets = Vec::new();
        for x in &self.inputs {
            let outs = self.forward(x);
            for (l, row_weights) in self.weights.iter().enumerate() {
                if self.activations[l] != Activation::Relu {
                    continue;
                }
                let input = if l == 0 { x } else { &outs[l - 1] };
                nets.extend((row_weights.iter().enumerate()).map(|(j, row)| {
                    row.iter().zip(input).map(|(w, x)| w * x).sum::<f64>() + self.bias(l, j)
                }));
            }
        }
        nets
    }

    /// The error of one example with outputs `out` and targets `t`.
    pub fn example_error(&self, out: &[f64], t: &[f64]) -> f64 {
        let n = out.len() as f64;
        let softmax = *self.activations.last().unwrap() == Activation::Softmax;
        let pairs = out.iter().zip(t);
        match self.loss {
            Loss::HalfSquaredError => pairs.map(|(o, t)| 0.5 * (t - o).powi(2)).sum(),
            Loss::SquaredError => pairs.map(|(o, t)| (t - o).powi(2)).sum(),
            Loss::MeanSquaredError => pairs.map(|(o, t)| (t - o).powi(2)).sum::<f64>() / n,
            Loss::CrossEntropy if softmax => -pairs.map(|(o, t)| t * o.ln()).sum::<f64>(),
            Loss::CrossEntropy => -pairs
                .map(|(o, t)| t * o.ln() + (1.0 - t) * (1.0 - o).ln())
                .sum::<f64>(),
        }
    }

    /// E_total: the mean of the examples' errors, plus (λ/2) Σ w².
    pub fn total_error(&self) -> f64 {
        let m = self.inputs.len() as f64;
        let errors: f64 = (self.inputs.iter().zip(&self.targets))
            .map(|(x, t)| self.example_error(self.forward(x).last().unwrap(), t))
            .sum();
        let squares: f64 = self.weights.iter().flatten().flatten().map(|w| w * w).sum();
        errors / m + self.decay.map_or(0.0, |lambda| lambda / 2.0 * squares)
    }

    /// δ of every neuron of one example.
    pub fn deltas(&self, outs: &[Vec<f64>], t: &[f64]) -> Vec<Vec<f64>> {
        let last = self.weights.len() - 1;
        let n = outs[last].len() as f64;
        let mut deltas = vec![Vec::new(); last + 1];
        deltas[last] = (outs[last].iter().zip(t))
            .map(|(&o, &t)| match self.loss {
                Loss::CrossEntropy => o - t,
                Loss::HalfSquaredError => (o - t) * slope(self.activations[last], o),
                Loss::SquaredError => 2.0 * (o - t) * slope(self.activations[last], o),
                Loss::MeanSquaredError => 2.0 / n * (o - t) * slope(self.activations[last], o),
            })
            .collect();
        for l in (0..last).rev() {
            deltas[l] = (0..outs[l].len())
                .map(|j| {
                    let back: f64 = (0..outs[l + 1].len())
                        .map(|k| deltas[l + 1][k] * self.weights[l + 1][k][j])
                        .sum();
                    back * slope(self.activations[l], outs[l][j])
                })
                .collect();
        }
        deltas
    }

    /// The whole step.
    pub fn step(&self) -> Step {
        let m = self.inputs.len() as f64;
        let layers = self.weights.len();
        let mut grad_w: Vec<Vec<Vec<f64>>> = (self.weights.iter())
            .map(|l| l.iter().map(|row| vec![0.0; row.len()]).collect())
            .collect();
        let mut grad_b: Vec<Vec<f64>> = (0..layers)
            .map(|l| vec![0.0; self.biases[l].as_ref().map_or(0, Vec::len)])
            .collect();
        let (mut outs, mut example_errors) = (Vec::new(), Vec::new());
        for (x, t) in self.inputs.iter().zip(&self.targets) {
            let o = self.forward(x);
            let deltas = self.deltas(&o, t);
            for l in 0..layers {
                let input = if l == 0 { x } else { &o[l - 1] };
                for (j, d) in deltas[l].iter().enumerate() {
                    for (k, xk) in input.iter().enumerate() {
                        grad_w[l][j][k] += d * xk / m;
                    }
                    if !grad_b[l].is_empty() {
                        let n = if self.shared[l] { 0 } else { j };
                        grad_b[l][n] += d / m;
                    }
                }
            }
            example_errors.push(self.example_error(o.last().unwrap(), t));
            outs.push(o);
        }
        if let Some(lambda) = self.decay {
            for (g, w) in grad_w
                .iter_mut()
                .flatten()
                .flatten()
                .zip(self.weights.iter().flatten().flatten())
            {
                *g += lambda * w;
            }
        }
        let eta = self.learning_rate;
        let updated_w = (self.weights.iter().zip(&grad_w))
            .map(|(l, g)| {
                (l.iter().zip(g))
                    .map(|(row, gr)| row.iter().zip(gr).map(|(w, g)| w - eta * g).collect())
                    .collect()
            })
            .collect();
        let updated_b = (0..layers)
            .map(|l| match &self.biases[l] {
                None => Vec::new(),
                Some(b) => (b.iter().zip(&grad_b[l]))
                    .map(|(b, g)| if self.update_biases { b - eta * g } else { *b })
                    .collect(),
            })
            .collect();
        Step {
            outs,
            example_errors,
            total_error: self.total_error(),
            grad_w,
            grad_b,
            updated_w,
            updated_b,
        }
    }
}
