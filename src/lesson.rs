//! A lesson: a [`Network`] and what its document says around the maths (title, author, date) and how
//! it is written (the network file's `[document]` table), with the file's name for messages.

use crate::error::{Error, Result};
use crate::network::Network;
use crate::spec::Defaults;
use crate::step::{Given, Rounding};
use crate::trace::Trace;

/// A network file, read and validated: the network and its document settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Lesson {
    /// The network: the maths.
    pub network: Network,
    /// The document's title, when the network file gives one.
    pub title: Option<String>,
    /// The document's author, when the network file gives one.
    pub author: Option<String>,
    /// The document's date (any text), when the network file gives one.
    pub date: Option<String>,
    /// How the network file asks its document to be written (its `[document]` table).
    pub document: Defaults,
    /// The network file's name, for messages.
    pub source: String,
}

/// What a lesson built in code is called in messages.
pub const BUILT_IN_CODE: &str = "a network built in code";

impl Lesson {
    /// A lesson of `network` alone: no title, author or date, no document settings.
    pub fn new(network: Network) -> Lesson {
        Lesson {
            network,
            title: None,
            author: None,
            date: None,
            document: Defaults::default(),
            source: BUILT_IN_CODE.to_owned(),
        }
    }

    /// One training step of the lesson's network (see [`Trace::compute`]), with its title, author and
    /// date; an error naming the file and the first number that is not finite.
    pub fn trace(&self, rounding: Rounding, given: &Given) -> Result<Trace> {
        let trace = Trace::compute(&self.network, rounding, given).map_err(|o| self.overflow(o))?;
        Ok(self.titled(trace))
    }

    /// `trace` with the lesson's title, author and date.
    pub(crate) fn titled(&self, trace: Trace) -> Trace {
        Trace {
            title: self.title.clone(),
            author: self.author.clone(),
            date: self.date.clone(),
            ..trace
        }
    }

    /// The error of a step that overflows f64, naming the lesson's file.
    pub(crate) fn overflow(&self, overflow: crate::step::Overflow) -> Error {
        Error::NotFinite {
            file: self.source.clone(),
            quantity: overflow.quantity,
            value: overflow.value,
        }
    }
}
