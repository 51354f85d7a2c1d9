//! LaTeX output: escaping the text a user gives (title, author, date), so that it prints literally in
//! text mode under both pdflatex (T1 fonts) and xelatex (ctex).

/// `text` escaped for LaTeX's text mode: the ten special characters `& % $ # _ { } ~ ^ \` get the commands
/// that print them, line breaks become spaces, and `<`, `>`, `|` (which some font encodings print as
/// other glyphs) get their text commands.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' | '%' | '$' | '#' | '_' | '{' | '}' => {
                escaped.push('\\');
                escaped.push(c);
            }
            '~' => escaped.push_str("\\textasciitilde{}"),
            '^' => escaped.push_str("\\textasciicircum{}"),
            '\\' => escaped.push_str("\\textbackslash{}"),
            '<' => escaped.push_str("\\textless{}"),
            '>' => escaped.push_str("\\textgreater{}"),
            '|' => escaped.push_str("\\textbar{}"),
            '\n' | '\r' => escaped.push(' '),
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[track_caller]
    fn case(text: &str, expected: &str) {
        assert_eq!(escape(text), expected);
    }

    #[test]
    fn every_special_character_prints_literally() {
        case(
            "& % $ # _ { } ~ ^ \\",
            r"\& \% \$ \# \_ \{ \} \textasciitilde{} \textasciicircum{} \textbackslash{}",
        );
        case("a<b>c|d", r"a\textless{}b\textgreater{}c\textbar{}d");
    }

    #[test]
    fn plain_text_and_chinese_are_kept_and_lines_joined() {
        case("手推神经网络", "手推神经网络");
        case("Notes, week 3", "Notes, week 3");
        case("two\nlines", "two lines");
    }

    #[test]
    fn a_backslash_command_is_not_run() {
        case(
            r"\input{/etc/passwd}",
            r"\textbackslash{}input\{/etc/passwd\}",
        );
    }
}
