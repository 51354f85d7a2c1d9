//! Drawing variants: new numbers for the base network's shape, the kind a teacher writes on a board,
//! from a seeded ChaCha stream (the same seed, the same numbers, on every machine).
//!
//! Weights, biases and inputs are drawn from 0.05, 0.10, …, 0.95; targets from 0.01, 0.02, …, 0.99;
//! the learning rate from [`LEARNING_RATES`]. Each number is made from its grid index by one division
//! (`7 / 20`), which gives exactly the f64 that the decimal `0.35` reads as, so the network file shows
//! the numbers as drawn.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::network::{Layer, Network};

/// The learning rates a variant is given, one drawn for each.
pub const LEARNING_RATES: [f64; 4] = [0.1, 0.25, 0.5, 1.0];

/// Weights, biases and inputs are k / 20 for k in 1..=19.
const STEPS_OF_5: u8 = 20;
/// Targets are k / 100 for k in 1..=99.
const STEPS_OF_1: u8 = 100;

/// A stream of variants of one network's shape.
pub struct Drawer {
    rng: ChaCha8Rng,
    base: Network,
}

/// A drawn network and its grid indices, which tell variants apart.
pub struct Draw {
    /// The network with the new numbers.
    pub network: Network,
    /// Every number's grid index, in drawing order: equal for two draws exactly when their numbers are.
    pub indices: Vec<u8>,
}

impl Drawer {
    /// Variants of `base` (its widths, activations, bias sharing and title), from `seed`.
    pub fn new(base: &Network, seed: u64) -> Drawer {
        Drawer {
            rng: ChaCha8Rng::seed_from_u64(seed),
            base: base.clone(),
        }
    }

    /// The next variant.
    pub fn next_draw(&mut self) -> Draw {
        let mut indices = Vec::new();
        let mut network = self.base.clone();
        for layer in &mut network.layers {
            self.layer(layer, &mut indices);
        }
        for input in network.inputs.iter_mut().flatten() {
            *input = self.grid(STEPS_OF_5, &mut indices);
        }
        let softmax = network.output().activation == crate::activation::Activation::Softmax;
        for row in &mut network.targets {
            if softmax {
                // a class: one target 1, the others 0
                let class = self.rng.random_range(0..row.len());
                indices.push(class as u8);
                for (k, t) in row.iter_mut().enumerate() {
                    *t = if k == class { 1.0 } else { 0.0 };
                }
                continue;
            }
            for target in row {
                *target = self.grid(STEPS_OF_1, &mut indices);
            }
        }
        let rate = self.rng.random_range(0..LEARNING_RATES.len());
        indices.push(rate as u8);
        network.learning_rate = LEARNING_RATES[rate];
        Draw { network, indices }
    }

    fn layer(&mut self, layer: &mut Layer, indices: &mut Vec<u8>) {
        for w in layer.weights.iter_mut().flatten() {
            *w = self.grid(STEPS_OF_5, indices);
        }
        for b in layer.bias.as_mut_slice() {
            *b = self.grid(STEPS_OF_5, indices);
        }
    }

    /// k / steps for k drawn from 1..steps.
    fn grid(&mut self, steps: u8, indices: &mut Vec<u8>) -> f64 {
        let k = self.rng.random_range(1..steps);
        indices.push(k);
        f64::from(k) / f64::from(steps)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec;

    #[test]
    fn numbers_are_on_their_grids_and_read_as_written() {
        let mut drawer = Drawer::new(&spec::seed(), 7);
        for _ in 0..200 {
            let draw = drawer.next_draw();
            let net = &draw.network;
            assert_eq!(draw.indices.len(), 8 + 2 + 2 + 2 + 1);
            let fives = net.layers.iter().flat_map(|l| l.weights.iter().flatten());
            for &x in fives.chain(net.inputs.iter().flatten()) {
                let text = format!("{x}");
                assert!(text.len() <= 4 && (0.05..=0.95).contains(&x), "{text}");
                assert_eq!((x * 100.0).round() as i64 % 5, 0, "{text}");
            }
            for &t in net.targets.iter().flatten() {
                assert!(format!("{t}").len() <= 4 && (0.01..=0.99).contains(&t));
            }
            assert!(LEARNING_RATES.contains(&net.learning_rate));
        }
    }

    #[test]
    fn the_same_seed_draws_the_same_numbers_and_another_seed_others() {
        let draws = |seed| {
            let mut drawer = Drawer::new(&spec::seed(), seed);
            (0..20)
                .map(|_| drawer.next_draw().indices)
                .collect::<Vec<_>>()
        };
        assert_eq!(draws(1), draws(1));
        assert_ne!(draws(1), draws(2));
    }

    #[test]
    fn variants_keep_the_loss_the_batch_the_decay_and_the_bias_layout() {
        let base = spec::parse(
            "learning_rate = 0.5\nloss = \"cross_entropy\"\nweight_decay = 0.01\n\
             inputs = [[0, 0], [0, 1], [1, 0]]\ntargets = [[1, 0, 0], [0, 1, 0], [0, 0, 1]]\n\
             [[layers]]\nweights = [[0.15, 0.2], [0.25, 0.3]]\n\
             [[layers]]\nweights = [[0.4, 0.45], [0.5, 0.55], [0.1, 0.2]]\nbias = [0.6, 0.1, 0.3]\n\
             activation = \"softmax\"\n",
            "base.toml",
        )
        .unwrap()
        .network;
        let mut drawer = Drawer::new(&base, 5);
        let mut classes = std::collections::HashSet::new();
        for _ in 0..100 {
            let net = drawer.next_draw().network;
            assert_eq!(net.loss, base.loss);
            assert_eq!(net.weight_decay, Some(0.01));
            assert_eq!(net.examples(), 3);
            assert_eq!(net.inputs.len(), 3);
            assert!(net.inputs.iter().all(|row| row.len() == 2));
            assert_eq!(net.layers[0].bias, crate::network::Bias::None);
            assert!(
                matches!(net.layers[1].bias, crate::network::Bias::PerNeuron(ref b) if b.len() == 3)
            );
            assert_eq!(net.layers[1].activation, base.layers[1].activation);
            for row in &net.targets {
                // a class: one target 1, the others 0
                assert_eq!(row.iter().filter(|&&t| t == 1.0).count(), 1, "{row:?}");
                assert_eq!(row.iter().filter(|&&t| t == 0.0).count(), 2, "{row:?}");
                classes.insert(row.iter().position(|&t| t == 1.0));
            }
        }
        assert_eq!(classes.len(), 3, "every class is drawn");
    }
}
