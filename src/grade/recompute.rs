//! The value of an asked quantity recomputed from a student's own answers: the one computation of a
//! step, with the student's answered values given in place of computed ones.
//!
//! Until the computation takes given values, a stand-in: the quantity as the set computed it.

use super::set::Set;
use crate::exercise::key;
use crate::network::Network;
use crate::render::{Options, one_step};
use crate::trace::Trace;

/// How the set carried its intermediates: rounded to its places, or exactly.
#[derive(Debug, Clone, Copy)]
pub struct Rounding {
    options: Options,
}

/// The set's rounding.
pub fn rounding(set: &Set) -> Rounding {
    Rounding {
        options: Options {
            precision: set.precision,
            carry_rounded: set.carry_rounded,
            ..Options::default()
        },
    }
}

/// The step of `network` computed with `given[i]` in place of quantity i (an index into the set's
/// quantities) wherever it is Some, except quantity `q` itself; None when the arithmetic overflows.
pub fn trace(
    network: &Network,
    rounding: Rounding,
    given: &[Option<f64>],
    q: usize,
) -> Option<Trace> {
    let _ = (given, q);
    one_step(network, &rounding.options).ok()
}

/// Quantity `q` (an index into the set's quantities) of `network`'s step, computed with `given[i]`
/// in place of quantity i wherever it is Some (except `q` itself); NaN when the arithmetic overflows.
pub fn value(network: &Network, rounding: Rounding, given: &[Option<f64>], q: usize) -> f64 {
    trace(network, rounding, given, q)
        .and_then(|trace| key::values(&trace).get(q).copied())
        .unwrap_or(f64::NAN)
}
