//! handprop writes worked solutions of neural-network backpropagation "by hand": every forward value,
//! error term, chain-rule product and updated weight as numbered equations with the numbers filled in.
//!
//! The pipeline: network file ([`spec`]) → [`Network`] → one training step ([`network`]) → [`Trace`]
//! (every number) → [`Derivation`] (the numbered equations) → templates ([`render()`]) → Markdown, LaTeX
//! (and PDF through TeX Live, [`pdf`]) or JSON; the figures are laid out in [`figure`].
//!
//! ```
//! let network = handprop::spec::seed();
//! let trace = handprop::Trace::new(&network);
//! assert_eq!(trace.total_error, 0.2983711087600027);
//! ```

pub mod activation;
pub mod cli;
pub mod derivation;
pub mod error;
pub mod exercise;
pub mod figure;
pub mod finite;
pub mod gradcheck;
pub mod limits;
pub mod moodle;
pub mod names;
pub mod network;
pub mod number;
pub mod output;
pub mod parallel;
pub mod pdf;
pub mod render;
pub mod site;
pub mod spec;
pub mod staging;
pub mod trace;
pub mod training;

pub use derivation::Derivation;
pub use error::{Error, Result};
pub use network::Network;
pub use number::Precision;
pub use render::{Format, Lang, Options, Rendered, render, render_files};
pub use trace::Trace;
