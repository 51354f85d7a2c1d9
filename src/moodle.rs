//! Moodle's question XML ("Moodle XML format"): one cloze question per exercise variant, its numerical
//! blanks asking what the answer key holds, its network figure embedded, its general feedback the
//! worked solution. Every text is escaped for XML here; the question's HTML comes from the template
//! `moodle/cloze.tera`.

use std::io::Write;

/// The start of a quiz file: the XML declaration, `<quiz>` and a category named `category`, in the
/// course's category (a `/` in the name doubled, as Moodle writes it, so that it names no subcategory;
/// the name's slashes at either end, which Moodle cannot read back, left out).
pub fn start(category: &str, out: &mut (impl Write + ?Sized)) -> std::io::Result<()> {
    let name = category.trim_matches(|c: char| c == '/' || c.is_whitespace());
    let name = if name.is_empty() { "handprop" } else { name };
    write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n  <question type=\"category\">\n    \
         <category><text>$course$/{}</text></category>\n  </question>\n",
        escape(&name.replace('/', "//"))
    )
}

/// A file a question's text shows, embedded as Moodle's export embeds it and referenced in the text as
/// `@@PLUGINFILE@@/NAME`.
pub struct File<'a> {
    /// Its name.
    pub name: &'a str,
    /// Its content.
    pub bytes: &'a [u8],
}

/// One cloze question named `name`, its text `html` (with the cloze blanks in it) showing `file`, its
/// general feedback (shown after submission) `feedback`, HTML, which shows `file` too (embedded again:
/// Moodle keeps each text's files apart).
pub fn question(
    name: &str,
    html: &str,
    file: &File,
    feedback: &str,
    out: &mut (impl Write + ?Sized),
) -> std::io::Result<()> {
    use base64::Engine;
    let file = format!(
        "<file name=\"{}\" path=\"/\" encoding=\"base64\">{}</file>",
        escape(file.name),
        base64::engine::general_purpose::STANDARD.encode(file.bytes),
    );
    write!(
        out,
        "  <question type=\"cloze\">\n    <name><text>{}</text></name>\n    \
         <questiontext format=\"html\"><text>{}</text>\n      {file}\n    </questiontext>\n    \
         <generalfeedback format=\"html\"><text>{}</text>\n      {file}\n    </generalfeedback>\n    \
         <penalty>0.3333333</penalty>\n    <hidden>0</hidden>\n  </question>\n",
        escape(name),
        escape(html),
        escape(feedback)
    )
}

/// The end of a quiz file.
pub fn end(out: &mut (impl Write + ?Sized)) -> std::io::Result<()> {
    writeln!(out, "</quiz>")
}

/// `text` escaped for XML character data and attribute values. Characters XML 1.0 cannot hold at all
/// (control characters other than tab and line breaks) are dropped.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            '\t' | '\n' | '\r' => escaped.push(c),
            c if c < ' ' || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_quotes_and_illegal_characters() {
        assert_eq!(
            escape("a<b & \"c\" 'd'>\u{1}e\n"),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;e\n"
        );
        assert_eq!(escape("练习 001"), "练习 001");
    }
}
