//! A set folder as `handprop exercises` wrote it, read for marking: its key (`key.json`: the
//! quantities, the precision, whether intermediates were carried rounded, every variant's answers) and,
//! when a student's answers need recomputing, the variant's network (`NNN/network.toml`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::network::Network;
use crate::number::Precision;
use crate::render::Lang;

/// The part of `key.json` marking needs.
#[derive(Deserialize)]
struct KeyFile {
    count: usize,
    precision: u8,
    carry_rounded: bool,
    quantities: Vec<String>,
    variants: Vec<KeyVariant>,
}

#[derive(Deserialize)]
struct KeyVariant {
    variant: usize,
    answers: HashMap<String, String>,
    #[serde(default)]
    student_id: Option<String>,
}

/// A set: its key, and its variants' networks as they are needed.
pub struct Set {
    /// The set's folder.
    pub dir: PathBuf,
    /// The asked quantities, as `key.csv` names them (`out_h1`, `E_total`, `w5+`), in the key's order.
    pub quantities: Vec<String>,
    /// The decimal places of every answer.
    pub precision: Precision,
    /// Whether every intermediate was rounded to the precision before it was used.
    pub carry_rounded: bool,
    /// Each variant's answers, as the key prints them, in the order of `quantities`; `keys[n - 1]` is
    /// variant n.
    pub keys: Vec<Vec<String>>,
    /// In a set made from a roster, each variant's student id (`students[n - 1]` has variant n): the
    /// students `grade` expects.
    pub students: Option<Vec<String>>,
    width: usize,
}

impl Set {
    /// Reads `dir/key.json`; an error naming the folder when it is not a set.
    pub fn load(dir: &Path) -> Result<Set> {
        let path = dir.join("key.json");
        let text = std::fs::read_to_string(&path).map_err(|_| {
            Error::Usage(format!(
                "{} has no readable key.json, so it is not a set written by `handprop exercises`; \
                 give the folder that its --out named",
                dir.display()
            ))
        })?;
        let key: KeyFile = serde_json::from_str(&text).map_err(|e| {
            Error::Usage(format!(
                "{}: {e}; this is not a key written by `handprop exercises`, write the set again",
                path.display()
            ))
        })?;
        let mut keys = Vec::with_capacity(key.variants.len());
        for (n, variant) in key.variants.iter().enumerate() {
            let answers = (key.quantities.iter())
                .map(|q| variant.answers.get(q).cloned())
                .collect::<Option<Vec<String>>>()
                .filter(|_| variant.variant == n + 1);
            keys.push(answers.ok_or_else(|| {
                Error::Usage(format!(
                    "{}: variant {} does not answer every quantity; write the set again",
                    path.display(),
                    variant.variant
                ))
            })?);
        }
        let students = (key.variants.iter())
            .map(|v| v.student_id.clone())
            .collect::<Option<Vec<String>>>()
            .filter(|ids| !ids.is_empty());
        Ok(Set {
            dir: dir.to_owned(),
            students,
            quantities: key.quantities,
            precision: Precision::Places(key.precision),
            carry_rounded: key.carry_rounded,
            keys,
            width: key.count.to_string().len().max(3),
        })
    }

    /// The variant of the roster's student `id`, in a set made from a roster: Some(None) for an id
    /// the roster does not have; None for a set without a roster.
    pub fn variant_of(&self, id: &str) -> Option<Option<usize>> {
        let students = self.students.as_ref()?;
        Some(students.iter().position(|s| s == id).map(|n| n + 1))
    }

    /// The folder name of variant `number` (`007`).
    pub fn label(&self, number: usize) -> String {
        format!("{number:0width$}", width = self.width)
    }

    /// The network of variant `number` and the language of its sheets, from its `network.toml`.
    pub fn network(&self, number: usize) -> Result<(Network, Lang)> {
        let path = self.dir.join(self.label(number)).join("network.toml");
        let lesson = crate::spec::load(&path)?;
        let lang = lesson.document.lang(None);
        Ok((lesson.network, lang))
    }
}
