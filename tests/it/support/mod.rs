//! Helpers shared by the integration tests.

pub mod arithmetic;
pub mod katex;
pub mod mounts;
pub mod networks;
pub mod sets;
