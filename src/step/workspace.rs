//! The one computation of a step, into buffers allocated once per network shape and reused across
//! steps (`--steps` allocates nothing per step). It is generic over how numbers are carried
//! ([`Carry`]) and over what is given in place of computed values ([`Substitute`]), so that both are
//! resolved once, at compile time, outside every loop: training runs the plain arithmetic.

use super::{Given, Quantity, Rounding};
use crate::network::{Bias, Layer, Network};
use crate::number::Precision;

/// How a printed number is carried to the next line.
pub(crate) trait Carry: Copy {
    /// `x` as carried.
    fn carry(self, x: f64) -> f64;
}

/// Numbers kept exactly.
#[derive(Clone, Copy)]
pub(crate) struct Keep;

impl Carry for Keep {
    #[inline(always)]
    fn carry(self, x: f64) -> f64 {
        x
    }
}

/// Numbers rounded to printed places.
#[derive(Clone, Copy)]
pub(crate) struct Places(pub(crate) u8);

impl Carry for Places {
    fn carry(self, x: f64) -> f64 {
        Precision::Places(self.0).carried(x)
    }
}

/// Where given values replace computed ones.
pub(crate) trait Substitute {
    /// The value to use for `quantity`, if one is given.
    fn given(&self, quantity: Quantity) -> Option<f64>;
}

/// Nothing given.
pub(crate) struct Computed;

impl Substitute for Computed {
    #[inline(always)]
    fn given(&self, _: Quantity) -> Option<f64> {
        None
    }
}

impl Substitute for Given {
    fn given(&self, quantity: Quantity) -> Option<f64> {
        self.get(quantity)
    }
}

/// The numbers of one forward and backward pass of one example, layer by layer.
#[derive(Debug, Clone)]
pub(crate) struct Pass {
    /// `net[l][j]`: Σ w·x + b·1 of neuron j of layer l.
    pub(crate) net: Vec<Vec<f64>>,
    /// `out[l][j]`: f(net).
    pub(crate) out: Vec<Vec<f64>>,
    /// `d_out[l][j]`: ∂E/∂out.
    pub(crate) d_out: Vec<Vec<f64>>,
    /// `terms[l][j * width(l + 1) + k]`: δₖ·wₖⱼ of a hidden neuron j through neuron k of the next layer.
    pub(crate) terms: Vec<Vec<f64>>,
    /// `delta[l][j]`: ∂E/∂net.
    pub(crate) delta: Vec<Vec<f64>>,
    /// `grad_w[l][j * fan_in(l) + k]`: ∂E/∂w.
    pub(crate) grad_w: Vec<Vec<f64>>,
    /// `grad_b[l][n]`: ∂E/∂b of each bias number.
    pub(crate) grad_b: Vec<Vec<f64>>,
    /// E of each output neuron.
    pub(crate) errors: Vec<f64>,
    /// The example's error, the sum of `errors`.
    pub(crate) error: f64,
}

impl Pass {
    fn new(layers: &[Layer]) -> Pass {
        let by_neuron = || layers.iter().map(|l| vec![0.0; l.width()]).collect();
        let terms = (layers.iter().enumerate())
            .map(|(l, layer)| vec![0.0; layers.get(l + 1).map_or(0, |n| n.width() * layer.width())])
            .collect();
        Pass {
            net: by_neuron(),
            out: by_neuron(),
            d_out: by_neuron(),
            terms,
            delta: by_neuron(),
            grad_w: layers
                .iter()
                .map(|l| vec![0.0; l.width() * l.fan_in()])
                .collect(),
            grad_b: layers
                .iter()
                .map(|l| vec![0.0; l.bias.as_slice().len()])
                .collect(),
            errors: vec![0.0; layers.last().map_or(0, Layer::width)],
            error: 0.0,
        }
    }

    /// The forward pass of `inputs` through `layers` (example `e`), each net and out carried, each out
    /// replaced by its given value.
    fn forward<C: Carry, S: Substitute>(
        &mut self,
        layers: &[Layer],
        inputs: &[f64],
        c: C,
        s: &S,
        e: usize,
    ) {
        for (l, layer) in layers.iter().enumerate() {
            let (before, rest) = self.out.split_at_mut(l);
            let x = before.last().map_or(inputs, Vec::as_slice);
            let (net, out) = (&mut self.net[l], &mut rest[0]);
            for (j, row) in layer.weights.iter().enumerate() {
                let n = c.carry(net_input(row, x, layer.bias.of(j)));
                net[j] = n;
                let o = c.carry(layer.activation.apply(n));
                let quantity = Quantity::Out {
                    example: e,
                    layer: l,
                    neuron: j,
                };
                out[j] = s.given(quantity).unwrap_or(o);
            }
        }
    }

    /// E of each output neuron, ½ (target − out)², and their sum, each carried.
    fn error<C: Carry>(&mut self, targets: &[f64], c: C) {
        let out = self.out.last().expect("a network has layers");
        for ((e, t), o) in self.errors.iter_mut().zip(targets).zip(out) {
            *e = c.carry(0.5 * (t - o) * (t - o));
        }
        self.error = c.carry(sum(&self.errors));
    }

    /// The backward pass, from the output layer back, with the weights before the update: the terms
    /// and the sum of a hidden ∂E/∂out and every ∂E/∂w carried (δ and an output's out − target are
    /// never printed alone).
    fn backward<C: Carry>(&mut self, layers: &[Layer], inputs: &[f64], targets: &[f64], c: C) {
        let last = layers.len() - 1;
        for l in (0..=last).rev() {
            let layer = &layers[l];
            let (d_out, out) = (&mut self.d_out[l], &self.out[l]);
            if l == last {
                for ((d, o), t) in d_out.iter_mut().zip(out).zip(targets) {
                    *d = o - t;
                }
            } else {
                let next = &layers[l + 1];
                let next_delta = &self.delta[l + 1];
                let terms = &mut self.terms[l];
                let width = next.width();
                for (j, d) in d_out.iter_mut().enumerate() {
                    let row = &mut terms[j * width..(j + 1) * width];
                    for (k, term) in row.iter_mut().enumerate() {
                        *term = c.carry(next_delta[k] * next.weights[k][j]);
                    }
                    *d = c.carry(sum(row));
                }
            }
            let delta = &mut self.delta[l];
            for ((dl, &d), &o) in delta.iter_mut().zip(d_out.iter()).zip(out) {
                *dl = layer.activation.chain(d, o);
            }
            let x = if l == 0 { inputs } else { &self.out[l - 1] };
            let fan_in = x.len();
            for (j, &dl) in delta.iter().enumerate() {
                let row = &mut self.grad_w[l][j * fan_in..(j + 1) * fan_in];
                for (g, &xk) in row.iter_mut().zip(x) {
                    *g = c.carry(dl * xk);
                }
            }
            let grad_b = &mut self.grad_b[l];
            match layer.bias {
                Bias::Shared(_) => grad_b[0] = sum(delta),
                Bias::PerNeuron(_) => {
                    for (g, d) in grad_b.iter_mut().zip(delta.iter()) {
                        *g = d * 1.0;
                    }
                }
            }
        }
    }
}

/// Every number of one step, in buffers shaped for one network.
#[derive(Debug, Clone)]
pub(crate) struct Workspace {
    /// The pass of each example.
    pub(crate) passes: Vec<Pass>,
    /// The layers after the update.
    pub(crate) updated: Vec<Layer>,
    /// The forward pass with the updated layers (for E_total after the update).
    pub(crate) after: Vec<Pass>,
    /// E_total.
    pub(crate) total_error: f64,
    /// E_total after the update.
    pub(crate) total_error_after: f64,
}

impl Workspace {
    /// Buffers for the shape of `network`.
    pub(crate) fn new(network: &Network) -> Workspace {
        let pass = Pass::new(&network.layers);
        Workspace {
            passes: vec![pass.clone()],
            updated: network.layers.clone(),
            after: vec![pass],
            total_error: 0.0,
            total_error_after: 0.0,
        }
    }

    /// The whole step of `network` (which has the shape of these buffers), rounded as `rounding` says,
    /// with `given` in place of computed values.
    pub(crate) fn step(&mut self, network: &Network, rounding: Rounding, given: &Given) {
        match (rounding, given.is_empty()) {
            (Rounding::Exact, true) => self.step_with(network, Keep, &Computed),
            (Rounding::Exact, false) => self.step_with(network, Keep, given),
            (Rounding::Printed(p), true) => self.step_with(network, Places(p), &Computed),
            (Rounding::Printed(p), false) => self.step_with(network, Places(p), given),
        }
    }

    fn step_with<C: Carry, S: Substitute>(&mut self, network: &Network, c: C, s: &S) {
        self.total_error = self.forward_and_error(network, c, s);
        self.backward_and_update(network, c, s);
        let pass = &mut self.after[0];
        pass.forward(&self.updated, &network.inputs, c, &Computed, 0);
        pass.error(&network.targets, c);
        self.total_error_after = pass.error;
    }

    /// The forward pass and E_total (given E_total in place of the computed one).
    pub(crate) fn forward_and_error<C: Carry, S: Substitute>(
        &mut self,
        network: &Network,
        c: C,
        s: &S,
    ) -> f64 {
        let pass = &mut self.passes[0];
        pass.forward(&network.layers, &network.inputs, c, s, 0);
        pass.error(&network.targets, c);
        s.given(Quantity::TotalError).unwrap_or(pass.error)
    }

    /// The backward pass after [`Workspace::forward_and_error`], and the updated layers: w⁺ = w − η·∂E/∂w
    /// for every weight, likewise for every bias when the network updates them (else they are copied),
    /// each carried and replaced by its given value.
    pub(crate) fn backward_and_update<C: Carry, S: Substitute>(
        &mut self,
        network: &Network,
        c: C,
        s: &S,
    ) {
        let pass = &mut self.passes[0];
        pass.backward(&network.layers, &network.inputs, &network.targets, c);
        let eta = network.learning_rate;
        for (l, (layer, next)) in network.layers.iter().zip(&mut self.updated).enumerate() {
            let fan_in = layer.fan_in();
            for (j, (row, next_row)) in layer.weights.iter().zip(&mut next.weights).enumerate() {
                let grads = &pass.grad_w[l][j * fan_in..(j + 1) * fan_in];
                for (k, ((w, w_next), g)) in row.iter().zip(next_row).zip(grads).enumerate() {
                    let quantity = Quantity::UpdatedWeight {
                        layer: l,
                        neuron: j,
                        input: k,
                    };
                    *w_next = s.given(quantity).unwrap_or_else(|| c.carry(w - eta * g));
                }
            }
            let biases = layer.bias.as_slice().iter().zip(next.bias.as_mut_slice());
            for (n, ((b, b_next), g)) in biases.zip(&pass.grad_b[l]).enumerate() {
                *b_next = match network.update_biases {
                    true => s
                        .given(Quantity::UpdatedBias { layer: l, index: n })
                        .unwrap_or_else(|| c.carry(b - eta * g)),
                    false => *b,
                };
            }
        }
    }
}

impl Workspace {
    /// The outs of the output layer (of the first example) after [`Workspace::forward_and_error`].
    pub(crate) fn outputs(&self) -> &[f64] {
        self.passes[0].out.last().expect("a network has layers")
    }

    /// Makes `network` the updated one (and keeps its old layers as buffers for the next update).
    pub(crate) fn swap_updated(&mut self, network: &mut Network) {
        std::mem::swap(&mut network.layers, &mut self.updated);
    }
}

/// w₁·x₁ + w₂·x₂ + … + b·1, added left to right.
#[inline]
fn net_input(weights: &[f64], x: &[f64], bias: f64) -> f64 {
    sum_products(weights, x) + bias * 1.0
}

/// w₁·x₁ + w₂·x₂ + …, left to right from the first product.
#[inline]
fn sum_products(weights: &[f64], x: &[f64]) -> f64 {
    let mut acc = weights[0] * x[0];
    for (w, xk) in weights[1..].iter().zip(&x[1..]) {
        acc += w * xk;
    }
    acc
}

/// a₁ + a₂ + …, left to right from the first (0 when there is none).
#[inline]
fn sum(terms: &[f64]) -> f64 {
    match terms.split_first() {
        Some((first, rest)) => rest.iter().fold(*first, |acc, t| acc + t),
        None => 0.0,
    }
}
