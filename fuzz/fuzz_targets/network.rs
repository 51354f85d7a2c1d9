//! Network-file text → validate → render in every format. Any panic is a bug: bad input must come back
//! as an error. Run: `RUSTC_BOOTSTRAP=1 cargo fuzz run network fuzz/corpus/network` (see .ci/run).
#![no_main]

use handprop::{Format, Lang, Options, Precision};
use libfuzzer_sys::fuzz_target;

/// Networks larger than this are valid but only slow the fuzzer down; they are skipped.
const MAX_PARAMETERS: usize = 200;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(lesson) = handprop::spec::parse(text, "fuzz.toml") else { return };
    let layers = lesson.network.layers();
    let parameters: usize = layers.iter().map(|l| l.weights().iter().map(Vec::len).sum::<usize>() + l.bias().as_slice().len()).sum();
    if parameters > MAX_PARAMETERS {
        return;
    }
    for format in [Format::Md, Format::Tex, Format::Html, Format::Json] {
        // two fixed settings, and the file's own `[document]` (as `handprop render` takes it)
        let defaults = lesson.document;
        let own = defaults.precision.unwrap_or_default();
        for (lang, precision, carry_rounded) in [
            (Lang::Zh, Precision::Full, false),
            (Lang::En, Precision::Places(3), false),
            (defaults.lang(None), own, defaults.carry_rounded(None, own)),
        ] {
            let options = Options {
                format,
                lang,
                precision,
                carry_rounded,
                steps: Some(3),
                check: true,
                ..Options::default()
            };
            // Bad input is an error of its own (exit 2); an error of exit code 1 (a template that fails
            // on valid input) is a bug, as a panic is.
            if let Err(error) = handprop::render(&lesson, &options) {
                assert_eq!(error.exit_code(), 2, "{format:?}: {error}");
            }
        }
    }
});
