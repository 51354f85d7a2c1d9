//! Limits on what a network file may ask for: a size a document can hold, and text every format can
//! print. The spec's validator applies them, so that a file past them is bad input (exit 2) rather than
//! an hour of work, gigabytes of output, or a LaTeX engine failing on an invisible character.

/// The most weights and biases a network may have (a 100-100-10 network has 11,110): each weight gets
/// an equation, so a document of the largest is a few megabytes.
pub const MAX_PARAMETERS: usize = 20_000;

/// The most examples a batch may have: the document lists each one.
pub const MAX_EXAMPLES: usize = 1_000;

/// The most characters of a title, an author or a date.
pub const MAX_TEXT: usize = 1_000;

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
