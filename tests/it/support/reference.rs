//! One training step written out independently of the library (another code path, the textbook
//! formulas): what the matrix-notation and backward-figure tests compare the documents with.
#![allow(dead_code)]

use handprop::activation::Activation;
use handprop::network::{Bias, Network};

type Matrix = Vec<Vec<f64>>;

/// One step of the network computed here: per layer z, a, f′(z), (W)ᵀδ of the layer after (the
/// hidden layers' ∂E/∂a), δ, ∂E/∂W, W⁺, and the bias gradients and updated biases.
pub struct Step {
    pub z: Vec<Vec<f64>>,
    pub a: Vec<Vec<f64>>,
    pub df: Vec<Vec<f64>>,
    pub d_a: Vec<Vec<f64>>,
    pub delta: Vec<Vec<f64>>,
    pub grad: Vec<Matrix>,
    pub updated: Vec<Matrix>,
    pub bias_grad: Vec<Vec<f64>>,
    pub bias_updated: Vec<Vec<f64>>,
}

pub fn biases(bias: &Bias, width: usize) -> Vec<f64> {
    match bias {
        Bias::Shared(b) => vec![*b; width],
        Bias::PerNeuron(b) => b.clone(),
        Bias::None => vec![0.0; width],
    }
}

pub fn activate(f: Activation, z: f64) -> (f64, f64) {
    match f {
        Activation::Sigmoid => {
            let a = 1.0 / (1.0 + (-z).exp());
            (a, a * (1.0 - a))
        }
        Activation::Tanh => (z.tanh(), 1.0 - z.tanh() * z.tanh()),
        Activation::Relu => (z.max(0.0), if z > 0.0 { 1.0 } else { 0.0 }),
        Activation::Identity => (z, 1.0),
        #[allow(unreachable_patterns)]
        _ => panic!("an activation this test does not know"),
    }
}

pub fn step(network: &Network) -> Step {
    let depth = network.layers().len();
    let (mut z, mut a, mut df) = (Vec::new(), vec![network.inputs().to_vec()], Vec::new());
    for layer in network.layers() {
        let b = biases(layer.bias(), layer.weights().len());
        let x = a.last().unwrap().clone();
        let zl: Vec<f64> = (layer.weights().iter().zip(&b))
            .map(|(row, b)| row.iter().zip(&x).map(|(w, x)| w * x).sum::<f64>() + b)
            .collect();
        let (al, dl): (Vec<f64>, Vec<f64>) =
            zl.iter().map(|&z| activate(layer.activation(), z)).unzip();
        z.push(zl);
        a.push(al);
        df.push(dl);
    }
    let mut d_a = vec![Vec::new(); depth];
    let mut delta = vec![Vec::new(); depth];
    d_a[depth - 1] = a[depth]
        .iter()
        .zip(network.targets())
        .map(|(a, t)| a - t)
        .collect();
    for l in (0..depth).rev() {
        if l + 1 < depth {
            let next = &network.layers()[l + 1].weights();
            d_a[l] = (0..z[l].len())
                .map(|j| (0..next.len()).map(|k| next[k][j] * delta[l + 1][k]).sum())
                .collect();
        }
        delta[l] = d_a[l].iter().zip(&df[l]).map(|(d, f)| d * f).collect();
    }
    let eta = network.learning_rate();
    let grad: Vec<Matrix> = (0..depth)
        .map(|l| {
            delta[l]
                .iter()
                .map(|d| a[l].iter().map(|x| d * x).collect())
                .collect()
        })
        .collect();
    let updated = (0..depth)
        .map(|l| {
            let w = &network.layers()[l].weights();
            (0..w.len())
                .map(|j| {
                    (0..w[j].len())
                        .map(|k| w[j][k] - eta * grad[l][j][k])
                        .collect()
                })
                .collect()
        })
        .collect();
    let bias_grad: Vec<Vec<f64>> = (0..depth)
        .map(|l| match network.layers()[l].bias() {
            Bias::Shared(_) => vec![delta[l].iter().sum()],
            Bias::PerNeuron(_) => delta[l].clone(),
            Bias::None => Vec::new(),
        })
        .collect();
    let bias_updated = (0..depth)
        .map(|l| {
            let b = match &network.layers()[l].bias() {
                Bias::Shared(b) => vec![*b],
                Bias::PerNeuron(b) => b.clone(),
                Bias::None => Vec::new(),
            };
            b.iter()
                .zip(&bias_grad[l])
                .map(|(b, g)| b - eta * g)
                .collect()
        })
        .collect();
    Step {
        z,
        a,
        df,
        d_a,
        delta,
        grad,
        updated,
        bias_grad,
        bias_updated,
    }
}
