//! The derivation: the document's sections and numbered equations, in order. Equation numbering lives
//! here and nowhere else, so every format and language numbers the same equation the same way.
//!
//! The policy is the seed's: the first neuron or weight of each kind is derived in full, the others
//! "likewise" (同理) in one equation each. For the seed's 2-2-2 network this is exactly (1)–(23).
//! Steps point into the [`Trace`] by index (layer, neuron, weight); they hold no numbers of their own.

use serde::Serialize;

use crate::trace::Trace;

/// The numbered plan of a document.
#[derive(Debug, Clone, Serialize)]
pub struct Derivation {
    /// The sections, in order.
    pub sections: Vec<Section>,
    /// How many numbered equations there are.
    pub equations: u32,
}

/// A section or subsection, such as "1.2 隐藏层计算" (`hidden_forward`).
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// "1", "1.2", …
    pub number: String,
    /// What the section is about; the templates give it its heading.
    pub kind: SectionKind,
    /// Its equations, in order.
    pub steps: Vec<Step>,
}

/// The sections of the seed's document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    /// 1 前向传播 / the forward pass.
    Forward,
    /// 1.1 初始化权重和偏差 / initial weights and biases.
    Parameters,
    /// 1.2 隐藏层计算 / the hidden layer.
    HiddenForward,
    /// 1.3 输出层计算 / the output layer.
    OutputForward,
    /// 2 计算误差 / the total error.
    Error,
    /// 3 反向传播 / the backward pass.
    Backward,
    /// 3.1 输出层参数更新 / the output layer's weights.
    OutputBackward,
    /// 3.2 隐藏层参数更新 / the hidden layer's weights.
    HiddenBackward,
}

/// One numbered equation and what it shows.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    /// The equation number.
    pub number: u32,
    /// Which equation it is.
    pub kind: StepKind,
    /// True for the first step of its kind (the one a "likewise" sentence introduces).
    pub first: bool,
    /// The layer (from 0) the step is about.
    pub layer: usize,
    /// The neuron (from 0) of that layer.
    pub neuron: usize,
    /// The weight (from 0) into that neuron.
    pub weight: usize,
}

/// The kinds of equation, named after the seed's (n).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    /// (1) net of the first hidden neuron, term by term.
    Net,
    /// (2) its out.
    Out,
    /// (3), (4), (5): out of any other neuron, from its weights in one equation.
    OutFull,
    /// (6) E_total = Σ ½ (target − out)².
    ErrorDefinition,
    /// (7), (8) E of one output.
    OutputError,
    /// (9) E_total as the sum of the output errors.
    TotalError,
    /// (10) E_total written out as a function of every weight.
    TotalErrorExpanded,
    /// (11) ∂E_total/∂w of the first output weight by the chain rule.
    OutputGradient,
    /// (12), (19) w⁺ = w − η ∂E_total/∂w from the gradient just derived.
    Update,
    /// (13)–(15), (20), (22), (23) w⁺ of any other weight, its gradient written out in the same line.
    UpdateLikewise,
    /// (16) ∂E_total/∂w of the first hidden weight by the chain rule, in symbols.
    HiddenChain,
    /// (17), (21) ∂E_total/∂out of a hidden neuron, the sum over the next layer.
    HiddenOutGradient,
    /// (18) ∂E_total/∂w of the first hidden weight in numbers.
    HiddenGradient,
}

struct Numbering {
    next: u32,
    seen: Vec<StepKind>,
}

impl Numbering {
    /// Starts a section: "first of its kind" counts within a section.
    fn section(&mut self) -> &mut Self {
        self.seen.clear();
        self
    }

    fn step(&mut self, kind: StepKind, layer: usize, neuron: usize, weight: usize) -> Step {
        let first = !self.seen.contains(&kind);
        self.seen.push(kind);
        self.next += 1;
        Step {
            number: self.next,
            kind,
            first,
            layer,
            neuron,
            weight,
        }
    }
}

impl Derivation {
    /// The plan for the trace's network (one hidden layer, then the output layer).
    pub fn new(trace: &Trace) -> Derivation {
        let (hidden, output) = (0, trace.layers.len() - 1);
        let width = |l: usize| trace.layers[l].neurons.len();
        let fan_in = |l: usize| trace.layers[l].neurons[0].weights.len();
        let mut n = Numbering {
            next: 0,
            seen: Vec::new(),
        };
        use StepKind::*;

        let mut hidden_forward = vec![
            n.section().step(Net, hidden, 0, 0),
            n.step(Out, hidden, 0, 0),
        ];
        hidden_forward.extend((1..width(hidden)).map(|j| n.step(OutFull, hidden, j, 0)));
        n.section();
        let output_forward: Vec<Step> = (0..width(output))
            .map(|k| n.step(OutFull, output, k, 0))
            .collect();

        let mut error = vec![n.section().step(ErrorDefinition, output, 0, 0)];
        error.extend((0..width(output)).map(|k| n.step(OutputError, output, k, 0)));
        error.push(n.step(TotalError, output, 0, 0));
        error.push(n.step(TotalErrorExpanded, output, 0, 0));

        let mut output_backward = vec![
            n.section().step(OutputGradient, output, 0, 0),
            n.step(Update, output, 0, 0),
        ];
        for k in 0..width(output) {
            let rest = (0..fan_in(output)).filter(|&j| (k, j) != (0, 0));
            output_backward.extend(
                rest.map(|j| n.step(UpdateLikewise, output, k, j))
                    .collect::<Vec<_>>(),
            );
        }

        let mut hidden_backward = Vec::new();
        n.section();
        for j in 0..width(hidden) {
            if j == 0 {
                hidden_backward.push(n.step(HiddenChain, hidden, 0, 0));
            }
            hidden_backward.push(n.step(HiddenOutGradient, hidden, j, 0));
            if j == 0 {
                hidden_backward.push(n.step(HiddenGradient, hidden, 0, 0));
                hidden_backward.push(n.step(Update, hidden, 0, 0));
            }
            let rest = (0..fan_in(hidden)).filter(|&i| (j, i) != (0, 0));
            hidden_backward.extend(
                rest.map(|i| n.step(UpdateLikewise, hidden, j, i))
                    .collect::<Vec<_>>(),
            );
        }

        let section = |number: &str, kind, steps| Section {
            number: number.to_owned(),
            kind,
            steps,
        };
        use SectionKind as S;
        Derivation {
            sections: vec![
                section("1", S::Forward, vec![]),
                section("1.1", S::Parameters, vec![]),
                section("1.2", S::HiddenForward, hidden_forward),
                section("1.3", S::OutputForward, output_forward),
                section("2", S::Error, error),
                section("3", S::Backward, vec![]),
                section("3.1", S::OutputBackward, output_backward),
                section("3.2", S::HiddenBackward, hidden_backward),
            ],
            equations: n.next,
        }
    }
}
