//! The value of an asked quantity recomputed from a student's own answers: the one computation of a
//! step ([`Trace::compute`]), with the student's answered values given in place of computed ones
//! ([`Given`]) and the set's rounding ([`Rounding`]).

use super::set::Set;
use crate::network::Network;
use crate::step::{Given, Quantity, Rounding};
use crate::trace::Trace;

/// A variant to mark against: its network and its asked quantities, in the key's order.
pub struct Variant {
    /// The network.
    pub network: Network,
    /// The asked quantities, in the order of the set's quantities.
    pub quantities: Vec<Quantity>,
}

impl Variant {
    /// The variant of `network`; None when its step overflows (a set's variant never does).
    pub fn new(network: Network, rounding: Rounding) -> Option<Variant> {
        let trace = Trace::compute(&network, rounding, &Given::none()).ok()?;
        Some(Variant {
            quantities: trace.asked(),
            network,
        })
    }
}

/// The set's rounding: its places when it carried rounded numbers, else exact.
pub fn rounding(set: &Set) -> Rounding {
    Rounding::new(set.carry_rounded, set.precision).unwrap_or(Rounding::Exact)
}

/// The step of the variant computed with `given[i]` in place of quantity i (an index into the set's
/// quantities) wherever it is Some, except quantity `q` itself; None when the arithmetic overflows.
pub fn trace(
    variant: &Variant,
    rounding: Rounding,
    given: &[Option<f64>],
    q: usize,
) -> Option<Trace> {
    let given: Given = (variant.quantities.iter().zip(given).enumerate())
        .filter(|&(i, _)| i != q)
        .filter_map(|(_, (&quantity, value))| value.map(|v| (quantity, v)))
        .collect();
    Trace::compute(&variant.network, rounding, &given).ok()
}

/// Quantity `q` (an index into the set's quantities) recomputed as [`trace`] computes it; NaN when
/// the arithmetic overflows.
pub fn value(variant: &Variant, rounding: Rounding, given: &[Option<f64>], q: usize) -> f64 {
    trace(variant, rounding, given, q)
        .and_then(|trace| trace.value(*variant.quantities.get(q)?))
        .unwrap_or(f64::NAN)
}
