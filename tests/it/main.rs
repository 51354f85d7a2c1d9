//! The integration tests: one crate, one link; a module per area.

mod support;

mod any_network;
mod bad_input;
mod browser;
mod carry_rounded;
mod cli;
mod derivation;
mod document_defaults;
mod documents;
mod edges;
mod escaping;
mod examples_tex;
mod exercises;
mod exercises_html;
mod exercises_moodle;
mod exercises_pdf;
mod exercises_refusals;
mod exercises_tex;
mod gradients;
mod html;
mod katex;
mod katex_exercises;
mod latex;
mod numbers;
mod parallel;
mod pdf;
mod placeholders;
mod publish;
mod renderers;
mod safety;
mod seed_reference;
mod site;
mod templates;
mod typesetting;
