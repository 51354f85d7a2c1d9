//! The network file's optional `[document]` table: how its document is written when the command line
//! does not say (language, precision, carried rounding). `handprop exercises` writes it into every
//! variant's `network.toml`, so that `handprop render DIR/001/network.toml` alone reproduces
//! `answer.md`.
//!
//! ```toml
//! [document]
//! lang = "en"          # zh or en
//! precision = 4        # "full" or 1 to 17 decimal places
//! carry_rounded = true # needs a number of places
//! ```

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
use toml::Spanned;

use crate::number::{MAX_PLACES, Precision};
use crate::render::Lang;
use crate::step::Rounding;

/// The document settings a network file gives; each is a default that the command line overrides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Defaults {
    /// The document's language.
    pub lang: Option<Lang>,
    /// How numbers are printed.
    pub precision: Option<Precision>,
    /// Whether every intermediate is rounded to the precision before it is used.
    pub carry_rounded: bool,
}

impl Defaults {
    /// The language: `given` on the command line, else the file's, else Chinese.
    pub fn lang(&self, given: Option<Lang>) -> Lang {
        given.or(self.lang).unwrap_or_default()
    }

    /// The precision: `given` on the command line, else the file's, else full.
    pub fn precision(&self, given: Option<Precision>) -> Precision {
        given.or(self.precision).unwrap_or_default()
    }

    /// Whether to carry rounded numbers at `precision` (the one in effect): as `given` on the command
    /// line (`--carry-rounded` or `--no-carry-rounded`), else as the file asks when the precision is a
    /// number of places.
    pub fn carry_rounded(&self, given: Option<bool>, precision: Precision) -> bool {
        given.unwrap_or_else(|| {
            Rounding::new(self.carry_rounded, precision).is_ok_and(Rounding::is_carried)
        })
    }

    /// The `[document]` table that gives these settings back; empty when there are none.
    pub fn to_toml(&self) -> String {
        let mut lines = Vec::new();
        if let Some(lang) = self.lang {
            lines.push(format!("lang = \"{}\"", lang.code()));
        }
        match self.precision {
            Some(Precision::Full) => lines.push("precision = \"full\"".to_owned()),
            Some(Precision::Places(places)) => lines.push(format!("precision = {places}")),
            None => {}
        }
        if self.carry_rounded {
            lines.push("carry_rounded = true".to_owned());
        }
        if lines.is_empty() {
            return String::new();
        }
        format!("\n[document]\n{}\n", lines.join("\n"))
    }
}

/// `[document]` as the file gives it.
#[derive(Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a [document] table (lang, precision, carry_rounded)"
)]
pub(super) struct DefaultsFile {
    lang: Option<Lang>,
    precision: Option<PrecisionFile>,
    carry_rounded: Option<Spanned<bool>>,
}

impl DefaultsFile {
    /// The settings, or (span, problem, fix) when `carry_rounded` has no places to round to.
    pub(super) fn defaults(
        self,
    ) -> std::result::Result<Defaults, (std::ops::Range<usize>, String, String)> {
        let precision = self.precision.map(|p| p.0);
        let carry_rounded = self.carry_rounded.as_ref().is_some_and(|c| *c.get_ref());
        if Rounding::new(carry_rounded, precision.unwrap_or_default()).is_err() {
            return Err((
                self.carry_rounded.map_or(0..0, |c| c.span()),
                "is true without a number of places to round to".to_owned(),
                format!(
                    "add `precision = N` (1 to {MAX_PLACES}) to [document], or drop carry_rounded"
                ),
            ));
        }
        Ok(Defaults {
            lang: self.lang,
            precision,
            carry_rounded,
        })
    }
}

/// A language in a network file: its code, `"zh"` or `"en"`.
impl<'de> serde::Deserialize<'de> for Lang {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<Self, D::Error> {
        struct Code;
        impl serde::de::Visitor<'_> for Code {
            type Value = Lang;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("\"zh\" or \"en\"")
            }
            fn visit_str<E: serde::de::Error>(self, code: &str) -> std::result::Result<Lang, E> {
                match code {
                    "zh" => Ok(Lang::Zh),
                    "en" => Ok(Lang::En),
                    _ => Err(E::invalid_value(serde::de::Unexpected::Str(code), &self)),
                }
            }
        }
        deserializer.deserialize_str(Code)
    }
}

/// `precision = 4` or `precision = "full"` (or `"4"`).
struct PrecisionFile(Precision);

impl<'de> Deserialize<'de> for PrecisionFile {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        struct PrecisionVisitor;
        impl Visitor<'_> for PrecisionVisitor {
            type Value = PrecisionFile;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                write!(
                    f,
                    "\"full\" or a number of decimal places from 1 to {MAX_PLACES}"
                )
            }
            fn visit_str<E: de::Error>(self, text: &str) -> std::result::Result<PrecisionFile, E> {
                text.parse().map(PrecisionFile).map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, places: i64) -> std::result::Result<PrecisionFile, E> {
                self.visit_str(&places.to_string())
            }
        }
        deserializer.deserialize_any(PrecisionVisitor)
    }
}
