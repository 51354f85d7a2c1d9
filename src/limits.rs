//! Limits on what a network file may ask for: a size a document can hold, and text every format can
//! print. The spec's validator applies them, so that a file past them is bad input (exit 2) rather than
//! an hour of work, gigabytes of output, or a LaTeX engine failing on an invisible character.

use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result};

/// The most weights and biases a network may have (a 100-100-10 network has 11,110): each weight gets
/// an equation, so a document of the largest is a few megabytes.
pub const MAX_PARAMETERS: usize = 20_000;

/// The most examples a batch may have: the document lists each one.
pub const MAX_EXAMPLES: usize = 1_000;

/// The most parameter updates a training run (`--steps`) may take: steps × weights and biases. The
/// seed's 10 parameters take every step up to 10,000,000 (10⁸); the largest network (20,000) takes
/// 50,000 steps, about half a minute.
pub const MAX_PARAMETER_STEPS: u64 = 1_000_000_000;

/// The most weights and biases a gradient check (`--check`) takes: it evaluates the network four times
/// for each, so its work grows as their square; 10,000 take about half a minute.
pub const MAX_CHECKED: usize = 10_000;

/// The number of weights and biases of `network`.
pub fn parameters(network: &crate::network::Network) -> usize {
    network
        .layers
        .iter()
        .map(|layer| {
            layer.weights.iter().map(Vec::len).sum::<usize>() + layer.bias.as_slice().len()
        })
        .sum()
}

/// What is wrong with asking `network` for a training run of `steps` and (with `check`) a gradient
/// check, if anything: more work than [`MAX_PARAMETER_STEPS`] or [`MAX_CHECKED`] allow.
pub fn work_problem(
    network: &crate::network::Network,
    steps: Option<usize>,
    check: bool,
) -> Option<String> {
    let parameters = parameters(network);
    if let Some(steps) = steps
        && (steps as u64).saturating_mul(parameters as u64) > MAX_PARAMETER_STEPS
    {
        let most = MAX_PARAMETER_STEPS / parameters.max(1) as u64;
        return Some(format!(
            "--steps {steps} of a network of {parameters} weights and biases is more training than handprop does (at most {MAX_PARAMETER_STEPS} steps × weights and biases, about half a minute); give --steps {most} or fewer"
        ));
    }
    (check && parameters > MAX_CHECKED).then(|| {
        format!(
            "--check of a network of {parameters} weights and biases is more work than handprop does (it checks networks of up to {MAX_CHECKED}, about half a minute); leave out --check or use a smaller network"
        )
    })
}

/// The most output neurons a LaTeX document (`-f tex`, `-f pdf`) sets: the total error's equation sums
/// over them in one line, and TeX's lines end at 575 cm (a 2-2-120 network fits, a 2-2-150 one runs past it).
pub const MAX_TEX_OUTPUTS: usize = 120;

/// The most neurons of the last hidden layer a LaTeX document sets: the written-out total error sums
/// over them inside one `\left( … \right)`, which cannot be broken (200 fit in TeX's 575 cm, 300 not).
pub const MAX_TEX_HIDDEN: usize = 200;

/// What keeps `network` from being set in LaTeX, if anything: a layer wider than one line of its
/// equations can hold ([`MAX_TEX_OUTPUTS`], [`MAX_TEX_HIDDEN`]). The inputs may be any number.
pub fn latex_problem(network: &crate::network::Network) -> Option<String> {
    let widths: Vec<usize> = network.layers.iter().map(|l| l.weights.len()).collect();
    let (&outputs, hidden) = widths.split_last()?;
    let last_hidden = hidden.last().copied().unwrap_or(0);
    let (layer, width) = if outputs > MAX_TEX_OUTPUTS {
        ("output layer", outputs)
    } else if last_hidden > MAX_TEX_HIDDEN {
        ("last hidden layer", last_hidden)
    } else {
        return None;
    };
    Some(format!(
        "the {layer} has {width} neurons, more than a LaTeX equation can hold in one line (TeX's lines end at 575 cm): LaTeX and PDF take up to {MAX_TEX_OUTPUTS} output neurons and {MAX_TEX_HIDDEN} in the last hidden layer (inputs any number); use -f md or -f html, or fewer neurons"
    ))
}

/// The most characters of a title, an author or a date.
pub const MAX_TEXT: usize = 1_000;

/// The most bytes of an input file (a network file, a template): the largest network handprop takes,
/// every number written out in full, is well under a megabyte.
pub const MAX_INPUT_BYTES: u64 = 4 << 20;

/// The text of the input file at `path` (`-` is standard input), read only when it holds at most
/// [`MAX_INPUT_BYTES`]: a larger file (or an endless one such as `/dev/zero`) is refused without
/// being read whole. Line ends are made `\n`: a CRLF is a line break like any other.
pub fn read_input(path: &Path) -> Result<String> {
    let read_error = |source| Error::Read {
        path: path.to_owned(),
        source,
    };
    let too_large = || {
        Error::Usage(format!(
            "{}: the file is larger than {} MiB, more than any input handprop reads; check that it is the right file",
            path.display(),
            MAX_INPUT_BYTES >> 20
        ))
    };
    let mut bytes = Vec::new();
    if path.as_os_str() == "-" {
        let stdin = std::io::stdin().lock();
        stdin
            .take(MAX_INPUT_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(read_error)?;
    } else {
        let file = std::fs::File::open(path).map_err(read_error)?;
        let metadata = file.metadata().map_err(read_error)?;
        if metadata.is_file() && metadata.len() > MAX_INPUT_BYTES {
            return Err(too_large());
        }
        file.take(MAX_INPUT_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(read_error)?;
    }
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(too_large());
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        Error::Usage(format!(
            "{}: byte {} is not UTF-8 text; save the file as UTF-8",
            path.display(),
            e.utf8_error().valid_up_to() + 1
        ))
    })?;
    Ok(if text.contains("\r\n") {
        text.replace("\r\n", "\n")
    } else {
        text
    })
}

/// What is wrong with a text field (title, author, date), if anything: control characters (but for a
/// line break or a tab), which no format prints, or more than [`MAX_TEXT`] characters.
pub fn text_problem(text: &str) -> Option<String> {
    if let Some(c) = text
        .chars()
        .find(|&c| c.is_control() && c != '\n' && c != '\t')
    {
        return Some(format!(
            "holds the control character U+{:04X}",
            u32::from(c)
        ));
    }
    let count = text.chars().count();
    (count > MAX_TEXT).then(|| format!("has {count} characters, more than {MAX_TEXT}"))
}

/// An error (bad input) when the text of a command-line `option` (`--title`) has a [`text_problem`].
pub fn check_option(option: &str, text: Option<&str>) -> Result<()> {
    match text.and_then(text_problem) {
        Some(problem) => Err(Error::Usage(format!(
            "{option} {problem}; give plain text of at most {MAX_TEXT} characters"
        ))),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_fields() {
        assert_eq!(text_problem("手推神经网络 & <b> $x$\n2022"), None);
        assert_eq!(
            text_problem("a\u{1}b").unwrap(),
            "holds the control character U+0001"
        );
        assert_eq!(
            text_problem("\u{0}").unwrap(),
            "holds the control character U+0000"
        );
        assert_eq!(
            text_problem("\u{85}").unwrap(),
            "holds the control character U+0085"
        );
        assert!(
            text_problem(&"x".repeat(1001))
                .unwrap()
                .contains("1001 characters")
        );
    }
}
