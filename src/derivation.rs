//! The derivation: the document's sections and numbered equations, in order. Equation numbering lives
//! here and nowhere else, so every format and language numbers the same equation the same way.
//!
//! The policy is the seed's: the first neuron or weight of each kind is derived in full, the others
//! "likewise" (同理) in one equation each. For the seed's 2-2-2 network this is exactly (1)–(23).
//! Deeper networks recurse: each hidden layer's weights follow from the layer after it, from the output
//! layer back. Steps point into the [`Trace`] by index (layer, neuron, weight); they hold no numbers.

use serde::Serialize;

use crate::number::Precision;
use crate::trace::Trace;

mod batch;
mod matrix;

pub use matrix::{Block, columns_per_line};

/// How a document writes the step: neuron by neuron and weight by weight (the seed's way), or layer by
/// layer as vectors and matrices (z⁽ˡ⁾ = W⁽ˡ⁾a⁽ˡ⁻¹⁾ + b⁽ˡ⁾, as Nielsen, CS229 and d2l.ai write it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Notation {
    /// Every neuron and weight in its own equation, the "likewise" policy of the seed.
    #[default]
    Scalar,
    /// Every layer in a few equations of vectors and matrices, every entry filled in.
    Matrix,
}

impl Notation {
    /// The style an HTML page of this notation adds to the stylesheet.
    pub fn style(self) -> &'static str {
        match self {
            Notation::Scalar => "",
            Notation::Matrix => crate::render::html::MATRIX_STYLE,
        }
    }

    /// Its template (`templates/notation/`): how a section's intro, a step's lead and its equation are
    /// written in it.
    pub fn template(self) -> &'static str {
        match self {
            Notation::Scalar => "notation/scalar.md",
            Notation::Matrix => "notation/matrix.md",
        }
    }

    /// Whether its documents show the backward-pass figure of themselves (scalar documents show it
    /// when asked, `--backward-figure`).
    pub fn draws_backward_figure(self) -> bool {
        self == Notation::Matrix
    }
}

/// The numbered plan of a document.
#[derive(Debug, Clone, Serialize)]
pub struct Derivation {
    /// The sections, in order.
    pub sections: Vec<Section>,
    /// How many numbered equations there are.
    pub equations: u32,
    /// How the equations are written.
    pub notation: Notation,
}

/// A section or subsection, such as "1.2 隐藏层计算" (`hidden_forward`).
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// "1", "1.2", …
    pub number: String,
    /// What the section is about; the templates give it its heading.
    pub kind: SectionKind,
    /// The layer (from 0) a forward or backward subsection is about.
    pub layer: Option<usize>,
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
    /// 4 训练 / training (`--steps`): no equations, a table and a curve.
    Training,
    /// The gradient check (`--check`): a table.
    GradientCheck,
    /// A batch: the first example's error (its own E⁽¹⁾).
    ExampleError,
    /// A batch: the first example's gradients of the output layer's weights (no update yet).
    ExampleOutputBackward,
    /// A batch: the first example's gradients of a hidden layer's weights (no update yet).
    ExampleHiddenBackward,
    /// A batch: the other examples "likewise" (a table), and the batch's error, their mean.
    Batch,
    /// A batch: the mean gradient of each weight (and bias) and the update.
    BatchUpdate,
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
    /// For (10): whether E_total is written out all the way down to the inputs; false when a line would
    /// take more than [`MAX_EXPANDED_TERMS`] terms or [`MAX_EXPANDED_DEPTH`] hidden layers (then it
    /// stops at the last hidden layer). For a sum over the examples of a batch: whether every
    /// example's term is written (false beyond [`MAX_BATCH_TERMS`] examples: the first terms, ⋯, the
    /// last). True for every other step.
    pub full: bool,
    /// True for a step about the first example of a batch alone: its own error E⁽¹⁾ and its own
    /// gradients ∂E⁽¹⁾/∂w (false for one example, whose error is E_total).
    pub example: bool,
    /// For a net input written term by term ((1), and a neuron of many inputs): how many terms a line
    /// has before the sum goes on in the next ([`NET_TERMS_PER_LINE`]); 0 when it takes one line.
    pub net_terms_per_line: usize,
    /// Matrix notation: the column blocks a wide matrix of the step is written in, one line each (one
    /// block when it fits a line); empty in scalar notation.
    pub blocks: Vec<Block>,
}

/// The most inputs of a neuron whose out is written in one equation from its weights, its net inside
/// f(…) as in (3)–(5); a neuron of more inputs gets its net term by term, then its out, as (1) and (2)
/// in one equation ([`StepKind::NetOut`]), since a line cannot be broken inside f(…).
pub const MAX_INPUTS_INSIDE_F: usize = 3;

/// How many terms of a long net input a line holds (so that 3 products of 17-digit numbers fit a page).
pub const NET_TERMS_PER_LINE: usize = 3;

/// The most terms one output's line of the fully written-out E_total (10) may have: the width of every
/// hidden layer × inputs (4 for the seed). Beyond, a line runs off a printed page (it cannot be broken
/// inside the nested exponents).
pub const MAX_EXPANDED_TERMS: usize = 4;

/// The most hidden layers (10) is written out through (each is one more nested exponent).
pub const MAX_EXPANDED_DEPTH: usize = 3;

/// The most examples of a batch whose terms a sum over the examples writes one by one; a larger batch
/// writes the first [`BATCH_HEAD_TERMS`], ⋯, and the last (each example's number is in its table).
pub const MAX_BATCH_TERMS: usize = 4;

/// The examples' terms written before the ⋯ of a sum over a large batch.
pub const BATCH_HEAD_TERMS: usize = 2;

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
    /// In place of (3)–(5) for a neuron of more than [`MAX_INPUTS_INSIDE_F`] inputs: its net, term by
    /// term, then its out, in one equation.
    NetOut,
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
    /// b⁺ = b − η ∂E_total/∂b, with ∂E_total/∂b the sum of δ over the neurons the bias feeds
    /// (`update_biases`); `neuron` is the bias's index in its layer.
    BiasUpdate,
    /// A softmax output neuron's net, term by term (every net comes before any out: each out needs
    /// them all).
    SoftmaxNet,
    /// A softmax output neuron's out, e^net over the sum of e^net of its layer.
    SoftmaxOut,
    /// With weight decay: (λ/2) Σ w² over every weight, in numbers.
    DecayTerm,
    /// With cross-entropy: δ = ∂E/∂net of the first output, derived once (the loss's derivative times
    /// the activation's collapses to out − target).
    OutputDelta,
    /// Matrix notation: W⁽ˡ⁾ and b⁽ˡ⁾ of layer `layer`, every entry.
    MatrixParameters,
    /// Matrix notation: the input a⁽⁰⁾ = x and the target t.
    MatrixInputs,
    /// Matrix notation: z⁽ˡ⁾ = W⁽ˡ⁾a⁽ˡ⁻¹⁾ + b⁽ˡ⁾ (blocks: the columns of W⁽ˡ⁾).
    MatrixNet,
    /// Matrix notation: a⁽ˡ⁾ = f(z⁽ˡ⁾).
    MatrixOut,
    /// Matrix notation: E = ½ (a⁽ᴸ⁾ − t)ᵀ(a⁽ᴸ⁾ − t).
    MatrixError,
    /// Matrix notation: δ⁽ᴸ⁾ = ∇ₐE ⊙ f′(z⁽ᴸ⁾).
    MatrixOutputDelta,
    /// Matrix notation: δ⁽ˡ⁾ = (W⁽ˡ⁺¹⁾)ᵀδ⁽ˡ⁺¹⁾ ⊙ f′(z⁽ˡ⁾) (blocks: the columns of (W⁽ˡ⁺¹⁾)ᵀ).
    MatrixHiddenDelta,
    /// Matrix notation: ∂E/∂W⁽ˡ⁾ = δ⁽ˡ⁾(a⁽ˡ⁻¹⁾)ᵀ (blocks: its columns).
    MatrixWeightGradient,
    /// Matrix notation: W⁽ˡ⁾⁺ = W⁽ˡ⁾ − η ∂E/∂W⁽ˡ⁾ (blocks: its columns).
    MatrixWeightUpdate,
    /// Matrix notation: b⁽ˡ⁾⁺ = b⁽ˡ⁾ − η δ⁽ˡ⁾ (for a shared bias, − η 1ᵀδ⁽ˡ⁾), when biases are updated.
    MatrixBiasUpdate,
    /// A batch: ∂E⁽¹⁾/∂w of any other weight of the first example, written out in one line.
    GradientLikewise,
    /// A batch: ∂E⁽¹⁾/∂b of the first example, the sum of δ over the neurons the bias feeds
    /// (`update_biases`); `neuron` is the bias's index in its layer.
    BiasGradient,
    /// A batch: E_total = (1/m) Σₑ E⁽ᵉ⁾, the mean of the examples' errors.
    BatchError,
    /// A batch: w⁺ = w − η · (1/m) Σₑ ∂E⁽ᵉ⁾/∂w, every example's gradient written.
    MeanUpdate,
    /// A batch: b⁺ = b − η · (1/m) Σₑ ∂E⁽ᵉ⁾/∂b (`update_biases`); `neuron` is the bias's index.
    MeanBiasUpdate,
}

/// Builds the plan: numbers the equations and the sections, in document order.
struct Plan<'a> {
    trace: &'a Trace,
    sections: Vec<Section>,
    equations: u32,
    /// The kinds of step seen in the current section ("first of its kind" counts within a section).
    seen: Vec<StepKind>,
    /// Whether the steps added are about the first example of a batch alone.
    example: bool,
    /// The current section's number ("3") and its subsections so far.
    major: u32,
    minor: u32,
}

impl Plan<'_> {
    /// Opens a numbered section ("2") or subsection ("2.1").
    fn section(&mut self, kind: SectionKind, subsection: bool, layer: Option<usize>) {
        self.seen.clear();
        let number = if subsection {
            self.minor += 1;
            format!("{}.{}", self.major, self.minor)
        } else {
            self.major += 1;
            self.minor = 0;
            self.major.to_string()
        };
        self.sections.push(Section {
            number,
            kind,
            layer,
            steps: Vec::new(),
        });
    }

    /// Adds a numbered equation to the current section.
    fn step(&mut self, kind: StepKind, layer: usize, neuron: usize, weight: usize) {
        self.step_in_blocks(kind, layer, neuron, weight, Vec::new());
    }

    /// [`Plan::step`] with the column blocks of a matrix-notation step. Every equation of every
    /// notation is numbered here.
    fn step_in_blocks(
        &mut self,
        kind: StepKind,
        layer: usize,
        neuron: usize,
        weight: usize,
        blocks: Vec<Block>,
    ) {
        let first = !self.seen.contains(&kind);
        let long_net = matches!(
            kind,
            StepKind::Net | StepKind::NetOut | StepKind::SoftmaxNet
        ) && self.fan_in(layer) > MAX_INPUTS_INSIDE_F;
        self.seen.push(kind);
        self.equations += 1;
        let step = Step {
            number: self.equations,
            kind,
            first,
            layer,
            neuron,
            weight,
            full: true,
            example: self.example,
            net_terms_per_line: if long_net { NET_TERMS_PER_LINE } else { 0 },
            blocks,
        };
        self.sections
            .last_mut()
            .expect("a section is open")
            .steps
            .push(step);
    }

    fn width(&self, l: usize) -> usize {
        self.trace.layers[l].neurons.len()
    }

    fn fan_in(&self, l: usize) -> usize {
        self.trace.layers[l].neurons[0].weights.len()
    }

    /// The forward pass of layer `l`: the very first neuron in two steps, (1) and (2), every other
    /// neuron in one (its net inside f(…), or, for a neuron of many inputs, its net and then its out).
    fn forward(&mut self, l: usize) {
        if self.trace.layers[l].activation == crate::activation::Activation::Softmax {
            for kind in [StepKind::SoftmaxNet, StepKind::SoftmaxOut] {
                for j in 0..self.width(l) {
                    self.step(kind, l, j, 0);
                }
            }
            return;
        }
        for j in 0..self.width(l) {
            if (l, j) == (0, 0) {
                self.step(StepKind::Net, 0, 0, 0);
                self.step(StepKind::Out, 0, 0, 0);
            } else if self.fan_in(l) > MAX_INPUTS_INSIDE_F {
                self.step(StepKind::NetOut, l, j, 0);
            } else {
                self.step(StepKind::OutFull, l, j, 0);
            }
        }
    }

    fn error(&mut self, output: usize) {
        self.step(StepKind::ErrorDefinition, output, 0, 0);
        for k in 0..self.width(output) {
            self.step(StepKind::OutputError, output, k, 0);
        }
        if self.trace.weight_decay.is_some() {
            self.step(StepKind::DecayTerm, output, 0, 0);
        }
        self.step(StepKind::TotalError, output, 0, 0);
        self.step(StepKind::TotalErrorExpanded, output, 0, 0);
        // Terms of one output's line, written out to the inputs: every hidden width, then the inputs.
        let hidden = &self.trace.layers[..output];
        let terms = hidden.iter().fold(self.trace.inputs.len(), |n, l| {
            n.saturating_mul(l.neurons.len())
        });
        // A softmax output's E is written out to its nets only (its out is not a function of its own
        // net alone); a cross-entropy's to the last hidden layer (it writes each output twice).
        if self.trace.loss.is_cross_entropy()
            || terms > MAX_EXPANDED_TERMS
            || hidden.len() > MAX_EXPANDED_DEPTH
        {
            if let Some(step) = self.sections.last_mut().and_then(|s| s.steps.last_mut()) {
                step.full = false;
            }
        }
    }

    /// The weights of layer `l`: its first weight by the chain rule, then every other "likewise".
    fn backward(&mut self, l: usize, output: bool) {
        use StepKind::*;
        for j in 0..self.width(l) {
            match (j, output) {
                (0, true) => {
                    if self.trace.loss.is_cross_entropy() {
                        self.step(OutputDelta, l, 0, 0);
                    }
                    self.step(OutputGradient, l, 0, 0);
                    self.step(Update, l, 0, 0);
                }
                (0, false) => {
                    self.step(HiddenChain, l, 0, 0);
                    self.step(HiddenOutGradient, l, 0, 0);
                    self.step(HiddenGradient, l, 0, 0);
                    self.step(Update, l, 0, 0);
                }
                (_, true) => {}
                (_, false) => self.step(HiddenOutGradient, l, j, 0),
            }
            for k in (0..self.fan_in(l)).filter(|&k| (j, k) != (0, 0)) {
                self.step(UpdateLikewise, l, j, k);
            }
        }
        if self.trace.update_biases {
            for b in 0..self.trace.layers[l].biases.len() {
                self.step(BiasUpdate, l, b, 0);
            }
        }
    }
}

impl Derivation {
    /// The plan for the trace's network, in scalar notation.
    pub fn new(trace: &Trace) -> Derivation {
        use SectionKind as S;
        if !trace.examples.is_empty() {
            return batch::plan(trace);
        }
        let output = trace.layers.len() - 1;
        let mut plan = Plan::new(trace);
        plan.section(S::Forward, false, None);
        plan.section(S::Parameters, true, None);
        for l in 0..output {
            plan.section(S::HiddenForward, true, Some(l));
            plan.forward(l);
        }
        plan.section(S::OutputForward, true, Some(output));
        plan.forward(output);
        plan.section(S::Error, false, None);
        plan.error(output);
        plan.section(S::Backward, false, None);
        plan.section(S::OutputBackward, true, Some(output));
        plan.backward(output, true);
        for l in (0..output).rev() {
            plan.section(S::HiddenBackward, true, Some(l));
            plan.backward(l, false);
        }
        plan.finish(Notation::Scalar)
    }

    /// The plan in `notation`; in matrix notation, a matrix wider than the columns a line holds at
    /// `precision` ([`columns_per_line`]) is written in blocks of columns.
    pub fn in_notation(trace: &Trace, notation: Notation, precision: Precision) -> Derivation {
        match notation {
            Notation::Scalar => Derivation::new(trace),
            Notation::Matrix => matrix::plan(trace, columns_per_line(precision)),
        }
    }
}

impl<'a> Plan<'a> {
    fn new(trace: &'a Trace) -> Plan<'a> {
        Plan {
            trace,
            sections: Vec::new(),
            equations: 0,
            seen: Vec::new(),
            example: false,
            major: 0,
            minor: 0,
        }
    }

    /// The training and gradient-check sections, when the trace has them, and the finished plan.
    fn finish(mut self, notation: Notation) -> Derivation {
        if self.trace.training.is_some() {
            self.section(SectionKind::Training, false, None);
        }
        if self.trace.gradient_check.is_some() {
            self.section(SectionKind::GradientCheck, false, None);
        }
        Derivation {
            sections: self.sections,
            equations: self.equations,
            notation,
        }
    }
}
