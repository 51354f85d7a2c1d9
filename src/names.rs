//! The names of a network's quantities, as TeX subscripts: inputs `i_1`, hidden neurons `h_1` (with
//! several hidden layers `h^{(1)}_1`, `h^{(2)}_1`, …), output neurons `o_1`, weights `w_1 …` numbered
//! layer by layer, neuron by neuron, input by input (as in the seed), and biases `b_1 …` numbered the
//! same way: one number for a layer's shared bias (as in the seed), one per neuron otherwise.

use crate::network::Network;

/// The names of one network's neurons, weights and biases.
pub struct Names {
    layers: usize,
    /// How many weights come before each layer's first.
    weight_offset: Vec<usize>,
    /// How many inputs each layer's neurons take (the width of the layer before).
    fan_in: Vec<usize>,
    /// How many bias numbers come before each layer's first.
    bias_offset: Vec<usize>,
}

impl Names {
    /// The numbering of `network`.
    pub fn new(network: &Network) -> Names {
        let (mut weights, mut biases) = (0, 0);
        let (mut weight_offset, mut bias_offset) = (Vec::new(), Vec::new());
        let mut fan_in = Vec::new();
        for layer in &network.layers {
            weight_offset.push(weights);
            fan_in.push(layer.weights.first().map_or(0, Vec::len));
            bias_offset.push(biases);
            weights += layer.weights.iter().map(Vec::len).sum::<usize>();
            biases += layer.bias.as_slice().len();
        }
        Names {
            layers: network.layers.len(),
            weight_offset,
            fan_in,
            bias_offset,
        }
    }

    /// Neuron `j` (from 0) of layer `l` (from 0); `None` is the inputs.
    pub fn neuron(&self, l: Option<usize>, j: usize) -> String {
        match l {
            None => subscript("i", j + 1),
            Some(l) if l + 1 == self.layers => subscript("o", j + 1),
            Some(_) if self.layers == 2 => subscript("h", j + 1),
            Some(l) => subscript(&format!("h^{{({})}}", l + 1), j + 1),
        }
    }

    /// The weight into neuron `j` of layer `l` from neuron `k` of the layer before.
    pub fn weight(&self, l: usize, j: usize, k: usize) -> String {
        subscript("w", self.weight_offset[l] + j * self.fan_in[l] + k + 1)
    }

    /// The `n`-th bias (from 0) of layer `l`: the shared one (n = 0) or neuron n's.
    pub fn bias(&self, l: usize, n: usize) -> String {
        subscript("b", self.bias_offset[l] + n + 1)
    }
}

/// `w_5`, `w_{12}`: a letter with a number as its TeX subscript.
fn subscript(letter: &str, number: usize) -> String {
    if number < 10 {
        format!("{letter}_{number}")
    } else {
        format!("{letter}_{{{number}}}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec;

    #[test]
    fn the_seed_s_names() {
        let names = Names::new(&spec::seed());
        assert_eq!(names.neuron(None, 1), "i_2");
        assert_eq!(names.neuron(Some(0), 0), "h_1");
        assert_eq!(names.neuron(Some(1), 1), "o_2");
        assert_eq!(names.weight(1, 1, 1), "w_8");
        assert_eq!(names.bias(1, 0), "b_2");
    }

    #[test]
    fn deep_networks_number_their_hidden_layers() {
        let mut network = spec::seed();
        network.layers.insert(1, network.layers[0].clone());
        network.layers[2].bias = crate::network::Bias::PerNeuron(vec![0.1, 0.2]);
        let names = Names::new(&network);
        assert_eq!(names.neuron(Some(0), 0), "h^{(1)}_1");
        assert_eq!(names.neuron(Some(1), 1), "h^{(2)}_2");
        assert_eq!(names.neuron(Some(2), 0), "o_1");
        assert_eq!(names.weight(2, 1, 1), "w_{12}");
        assert_eq!(names.bias(2, 1), "b_4");
    }
}
