//! handprop writes worked solutions of neural-network backpropagation "by hand": every forward value,
//! error term, chain-rule product and updated weight as numbered equations with the numbers filled in.
//!
//! The pipeline runs one way: network file ([`spec`]) → [`Lesson`] (a [`Network`] and its document
//! settings) → one training step ([`step`]) → [`Trace`] (every number) → [`Derivation`] (the numbered
//! equations) → templates ([`render()`]) → Markdown, LaTeX (and PDF through TeX Live, [`pdf`]), HTML
//! or JSON.
//!
//! The front door: [`load`] a network file, compute its step with [`Lesson::trace`], write its
//! document with [`render()`].
//!
//! ```
//! let lesson = handprop::load(std::path::Path::new("examples/mazur.toml")).unwrap();
//! let trace = lesson.trace(handprop::Rounding::Exact, &handprop::Given::none()).unwrap();
//! assert_eq!(trace.total_error, 0.2983711087600027);
//! let document = handprop::render(&lesson, &handprop::Options::default()).unwrap();
//! assert!(document.contains("0.2983711087600027"));
//! ```

pub mod activation;
pub mod batch;
pub mod cli;
pub(crate) mod compact;
pub mod derivation;
pub mod error;
pub(crate) mod exercise;
pub(crate) mod figure;
pub(crate) mod finite;
pub(crate) mod gradcheck;
pub(crate) mod grade;
pub mod lesson;
pub(crate) mod limits;
pub(crate) mod lms;
pub mod loss;
pub(crate) mod moodle;
pub(crate) mod names;
pub mod network;
pub(crate) mod number;
pub(crate) mod parallel;
pub mod pdf;
pub mod publish;
pub mod render;
pub(crate) mod site;
pub mod spec;
pub(crate) mod spreadsheet;
pub mod step;
pub mod trace;
pub(crate) mod training;

pub use derivation::Derivation;
pub use error::{Error, Result};
pub use lesson::Lesson;
pub use network::Network;
pub use number::Precision;
pub use render::{Format, Lang, Options, Rendered, render, render_files};
pub use step::{Given, Quantity, Rounding};
pub use trace::Trace;

/// Reads and validates the network file at `path` (see [`spec`] for its format).
pub fn load(path: &std::path::Path) -> Result<Lesson> {
    spec::load(path)
}
