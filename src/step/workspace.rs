//! The one computation of a step, into buffers allocated once per network shape and reused across
//! steps (`--steps` allocates nothing per step). It is generic over how numbers are carried
//! ([`Carry`]) and over what is given in place of computed values ([`Substitute`]), so that both are
//! resolved once, at compile time, outside every loop: training runs the plain arithmetic.

use super::{Given, Quantity, Rounding};
use crate::activation::Activation;
use crate::loss::Loss;
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
    /// `exp_net[l][j]`: e^net of a softmax layer's neuron j (0 in other layers), carried.
    pub(crate) exp_net: Vec<Vec<f64>>,
    /// `exp_sum[l]`: Σ e^net of a softmax layer l (0 for other layers), carried.
    pub(crate) exp_sum: Vec<f64>,
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
            grad_w: (layers.iter())
                .map(|l| vec![0.0; l.width() * l.fan_in()])
                .collect(),
            grad_b: (layers.iter())
                .map(|l| vec![0.0; l.bias.as_slice().len()])
                .collect(),
            errors: vec![0.0; layers.last().map_or(0, Layer::width)],
            error: 0.0,
            exp_net: by_neuron(),
            exp_sum: vec![0.0; layers.len()],
        }
    }

    /// The forward pass of `inputs` through `layers` (example `e`), each net and out carried, each out
    /// replaced by its given value. A softmax layer divides each e^net by their sum, each carried as
    /// the document writes them (each e^(net − max) by theirs when e^net overflows: the trace then
    /// refuses to print it).
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
                net[j] = c.carry(net_input(row, x, layer.bias.get(j)));
            }
            let (exps, total) = (&mut self.exp_net[l], &mut self.exp_sum[l]);
            if layer.activation == Activation::Softmax {
                for (exp, &n) in exps.iter_mut().zip(net.iter()) {
                    *exp = c.carry(n.exp());
                }
                *total = c.carry(sum(exps));
            }
            if layer.activation == Activation::Softmax && total.is_finite() && *total > 0.0 {
                for (o, &exp) in out.iter_mut().zip(exps.iter()) {
                    *o = c.carry(exp / *total);
                }
            } else if layer.activation == Activation::Softmax {
                let max = net.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                for (o, n) in out.iter_mut().zip(net.iter()) {
                    *o = (n - max).exp();
                }
                let total = sum(out);
                for o in out.iter_mut() {
                    *o = c.carry(*o / total);
                }
            } else {
                for (o, &n) in out.iter_mut().zip(net.iter()) {
                    *o = c.carry(layer.activation.apply(n));
                }
            }
            for (j, o) in out.iter_mut().enumerate() {
                let quantity = Quantity::Out {
                    example: e,
                    layer: l,
                    neuron: j,
                };
                if let Some(given) = s.given(quantity) {
                    *o = given;
                }
            }
        }
    }

    /// The error of each output neuron under `loss`, and their sum, each carried.
    fn error<C: Carry>(&mut self, targets: &[f64], loss: Loss, softmax: bool, c: C) {
        let out = self.out.last().expect("a network has layers");
        let n = out.len();
        for ((e, &t), &o) in self.errors.iter_mut().zip(targets).zip(out) {
            *e = c.carry(loss.error(t, o, n, softmax));
        }
        self.error = c.carry(sum(&self.errors));
    }

    /// The backward pass, from the output layer back, with the weights before the update: the terms
    /// and the sum of a hidden ∂E/∂out and every ∂E/∂w carried (δ and an output's ∂E/∂out are never
    /// printed alone). With cross-entropy, an output's δ is out − target.
    fn backward<C: Carry>(
        &mut self,
        layers: &[Layer],
        example: (&[f64], &[f64]),
        loss: Loss,
        c: C,
    ) {
        let (inputs, targets) = example;
        let last = layers.len() - 1;
        let softmax = layers[last].activation == Activation::Softmax;
        for l in (0..=last).rev() {
            let layer = &layers[l];
            let (d_out, out) = (&mut self.d_out[l], &self.out[l]);
            let (before, rest) = self.delta.split_at_mut(l + 1);
            let delta = &mut before[l];
            if l == last {
                let n = out.len();
                for (j, (&o, &t)) in out.iter().zip(targets).enumerate() {
                    d_out[j] = loss.d_out(t, o, n, softmax);
                    delta[j] = match loss.is_cross_entropy() {
                        true => o - t,
                        false => layer.activation.chain(d_out[j], o),
                    };
                }
            } else {
                let next = &layers[l + 1];
                let next_delta = &rest[0];
                let terms = &mut self.terms[l];
                let width = next.width();
                for (j, d) in d_out.iter_mut().enumerate() {
                    let row = &mut terms[j * width..(j + 1) * width];
                    for (k, term) in row.iter_mut().enumerate() {
                        *term = c.carry(next_delta[k] * next.weights[k][j]);
                    }
                    *d = c.carry(sum(row));
                }
                for ((dl, &d), &o) in delta.iter_mut().zip(d_out.iter()).zip(out) {
                    *dl = layer.activation.chain(d, o);
                }
            }
            let delta = &self.delta[l];
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
                Bias::None => {}
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
    /// ∂E_total/∂w of every weight, `grad_w[l][j * fan_in(l) + k]`: the batch's mean gradient (the
    /// example's own for one example), plus λ·w with weight decay.
    pub(crate) grad_w: Vec<Vec<f64>>,
    /// ∂E_total/∂b of every bias number, `grad_b[l][n]`: the batch's mean (no decay on biases).
    pub(crate) grad_b: Vec<Vec<f64>>,
    /// The mean of the examples' ∂E/∂w (the example's own for one example), before the decay's λ·w;
    /// written for a batch or with decay only (what a trace reads).
    pub(crate) mean_w: Vec<Vec<f64>>,
    /// With weight decay, λ·w of every weight.
    pub(crate) decay_w: Vec<Vec<f64>>,
    /// For a batch, the sum over the examples of their ∂E/∂w (carried), of which `mean_w` is 1/m.
    pub(crate) sum_w: Vec<Vec<f64>>,
    /// For a batch, the sum over the examples of their ∂E/∂b (carried), of which `grad_b` is 1/m.
    pub(crate) sum_b: Vec<Vec<f64>>,
    /// The layers after the update.
    pub(crate) updated: Vec<Layer>,
    /// The forward pass of each example with the updated layers (for E_total after the update).
    pub(crate) after: Vec<Pass>,
    /// The mean of the examples' errors (their error, for one example).
    pub(crate) mean_error: f64,
    /// The sum of the examples' errors (carried), of which `mean_error` is 1/m.
    pub(crate) error_sum: f64,
    /// With weight decay, (λ/2) Σ w².
    pub(crate) decay_error: f64,
    /// E_total.
    pub(crate) total_error: f64,
    /// E_total after the update.
    pub(crate) total_error_after: f64,
}

impl Workspace {
    /// Buffers for the shape of `network`.
    pub(crate) fn new(network: &Network) -> Workspace {
        let pass = Pass::new(&network.layers);
        let passes = vec![pass; network.examples()];
        Workspace {
            grad_w: passes[0].grad_w.clone(),
            grad_b: passes[0].grad_b.clone(),
            mean_w: passes[0].grad_w.clone(),
            decay_w: passes[0].grad_w.clone(),
            sum_w: passes[0].grad_w.clone(),
            sum_b: passes[0].grad_b.clone(),
            after: passes.clone(),
            passes,
            updated: network.layers.clone(),
            mean_error: 0.0,
            error_sum: 0.0,
            decay_error: 0.0,
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
        let layers = &self.updated;
        let (mean, decay) = error_of(&mut self.after, layers, network, c, &Computed);
        self.total_error_after = total(mean, decay, c);
    }

    /// The forward pass and E_total (given E_total in place of the computed one).
    pub(crate) fn forward_and_error<C: Carry, S: Substitute>(
        &mut self,
        network: &Network,
        c: C,
        s: &S,
    ) -> f64 {
        let (mean, decay) = error_of(&mut self.passes, &network.layers, network, c, s);
        (self.mean_error, self.decay_error) = (mean, decay.unwrap_or(0.0));
        self.error_sum = error_sum(&self.passes, c);
        s.given(Quantity::TotalError)
            .unwrap_or_else(|| total(mean, decay, c))
    }

    /// The backward pass after [`Workspace::forward_and_error`], the gradient of E_total and the
    /// updated layers: w⁺ = w − η·∂E/∂w for every weight, likewise for every bias when the network
    /// updates them (else they are copied), each carried and replaced by its given value.
    pub(crate) fn backward_and_update<C: Carry, S: Substitute>(
        &mut self,
        network: &Network,
        c: C,
        s: &S,
    ) {
        for (e, pass) in self.passes.iter_mut().enumerate() {
            let example = (&network.inputs[e][..], &network.targets[e][..]);
            pass.backward(&network.layers, example, network.loss, c);
        }
        self.gradient(network, c);
        self.update(network, c, s);
    }

    /// ∂E_total/∂w and ∂E_total/∂b: the mean over the examples (carried), plus λ·w (carried) with
    /// weight decay, their sum carried. One example without decay keeps its own gradients (and writes
    /// no mean, sum or decay term).
    fn gradient<C: Carry>(&mut self, network: &Network, c: C) {
        if let ([one], None) = (&self.passes[..], network.weight_decay) {
            // one example's own gradients (no mean, sum or decay to write: a trace reads them only
            // for a batch or with decay)
            for l in 0..network.layers.len() {
                self.grad_w[l].copy_from_slice(&one.grad_w[l]);
                self.grad_b[l].copy_from_slice(&one.grad_b[l]);
            }
            return;
        }
        for l in 0..network.layers.len() {
            let (mean_w, sum_w) = (&mut self.mean_w[l], &mut self.sum_w[l]);
            mean(&self.passes, |p| &p.grad_w[l], (mean_w, sum_w), c);
            let (mean_b, sum_b) = (&mut self.grad_b[l], &mut self.sum_b[l]);
            mean(&self.passes, |p| &p.grad_b[l], (mean_b, sum_b), c);
            let weights = network.layers[l].weights.iter().flatten();
            let parts = (self.grad_w[l].iter_mut())
                .zip(&self.mean_w[l])
                .zip(&mut self.decay_w[l]);
            for (((g, &mean), decay), &w) in parts.zip(weights) {
                *g = match network.weight_decay {
                    Some(lambda) => {
                        *decay = c.carry(lambda * w);
                        c.carry(mean + *decay)
                    }
                    None => mean,
                };
            }
        }
    }

    /// The updated layers from the gradient.
    fn update<C: Carry, S: Substitute>(&mut self, network: &Network, c: C, s: &S) {
        let eta = network.learning_rate;
        let layers = network.layers.iter().zip(&mut self.updated).enumerate();
        for (l, (layer, next)) in layers {
            let fan_in = layer.fan_in();
            for (j, (row, next_row)) in layer.weights.iter().zip(&mut next.weights).enumerate() {
                let grads = &self.grad_w[l][j * fan_in..(j + 1) * fan_in];
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
            for (n, ((b, b_next), g)) in biases.zip(&self.grad_b[l]).enumerate() {
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

/// The forward pass and error of every example through `layers`, with the mean of the examples'
/// errors (carried; one example's own) and, with weight decay, (λ/2) Σ w² (carried).
fn error_of<C: Carry, S: Substitute>(
    passes: &mut [Pass],
    layers: &[Layer],
    network: &Network,
    c: C,
    s: &S,
) -> (f64, Option<f64>) {
    let softmax = layers[layers.len() - 1].activation == Activation::Softmax;
    for (e, pass) in passes.iter_mut().enumerate() {
        pass.forward(layers, &network.inputs[e], c, s, e);
        pass.error(&network.targets[e], network.loss, softmax, c);
    }
    let mean = match passes {
        [one] => one.error,
        _ => c.carry(error_sum(passes, c) / passes.len() as f64),
    };
    let decay = network.weight_decay.map(|lambda| {
        let weights = layers.iter().flat_map(|l| l.weights.iter().flatten());
        c.carry(lambda / 2.0 * fold(weights.map(|w| w * w)))
    });
    (mean, decay)
}

/// E_total: the mean error, plus the decay term when there is one, carried.
fn total<C: Carry>(mean: f64, decay: Option<f64>, c: C) -> f64 {
    match decay {
        Some(decay) => c.carry(mean + decay),
        None => mean,
    }
}

/// The sum of the passes' errors, carried (one pass's own error).
fn error_sum<C: Carry>(passes: &[Pass], c: C) -> f64 {
    match passes {
        [one] => one.error,
        _ => c.carry(fold(passes.iter().map(|p| p.error))),
    }
}

/// `into.0[i]` = the mean over the passes of `of(pass)[i]` and `into.1[i]` their sum, each carried
/// (the mean from the carried sum, as a document writes it); one pass's own numbers.
fn mean<C: Carry>(
    passes: &[Pass],
    of: impl Fn(&Pass) -> &Vec<f64>,
    into: (&mut [f64], &mut [f64]),
    c: C,
) {
    let (means, sums) = into;
    if let [one] = passes {
        means.copy_from_slice(of(one));
        sums.copy_from_slice(of(one));
        return;
    }
    let m = passes.len() as f64;
    for (i, (x, total)) in means.iter_mut().zip(sums.iter_mut()).enumerate() {
        *total = c.carry(fold(passes.iter().map(|p| of(p)[i])));
        *x = c.carry(*total / m);
    }
}

/// a₁ + a₂ + …, left to right from the first (0 when there is none).
#[inline]
fn fold(mut terms: impl Iterator<Item = f64>) -> f64 {
    let first = terms.next().unwrap_or(0.0);
    terms.fold(first, |acc, t| acc + t)
}

/// w₁·x₁ + w₂·x₂ + … + b·1, added left to right (without the bias term for a layer without one).
#[inline]
fn net_input(weights: &[f64], x: &[f64], bias: Option<f64>) -> f64 {
    match bias {
        Some(b) => sum_products(weights, x) + b * 1.0,
        None => sum_products(weights, x),
    }
}

/// w₁·x₁ + w₂·x₂ + …, left to right from the first product (0 when there is none).
#[inline]
pub(in crate::step) fn sum_products(weights: &[f64], x: &[f64]) -> f64 {
    let mut products = weights.iter().zip(x).map(|(w, xk)| w * xk);
    let first = products.next().unwrap_or(0.0);
    products.fold(first, |acc, p| acc + p)
}

/// a₁ + a₂ + …, left to right from the first (0 when there is none).
#[inline]
pub(in crate::step) fn sum(terms: &[f64]) -> f64 {
    match terms.split_first() {
        Some((first, rest)) => rest.iter().fold(*first, |acc, t| acc + t),
        None => 0.0,
    }
}
