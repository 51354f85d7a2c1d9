//! Cells of the CSV files a teacher opens in a spreadsheet (`GRADES.csv`, `key.csv`): a student's id or
//! name never becomes a formula there.

/// The characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection"): = + - @,
/// a tab and a carriage return, and their full-width forms.
const FORMULA_STARTS: [char; 10] = ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];

/// `text` as a cell that no spreadsheet reads as a formula (OWASP's CSV injection advice): a `'` before
/// it when it starts with a character of [`FORMULA_STARTS`], and before every such character that
/// follows a `;`, `,` or a tab inside it (a spreadsheet that splits cells at those would start a cell
/// there). The csv writer then quotes it as it needs.
pub(crate) fn inert_cell(text: &str) -> String {
    let mut cell = String::with_capacity(text.len() + 2);
    let mut starts_a_cell = true;
    for c in text.chars() {
        if starts_a_cell && FORMULA_STARTS.contains(&c) {
            cell.push('\'');
        }
        starts_a_cell = matches!(c, ';' | ',' | '\t');
        cell.push(c);
    }
    cell
}

#[cfg(test)]
mod tests {
    use super::inert_cell;

    #[test]
    fn cells_that_would_start_a_formula_are_text() {
        assert_eq!(inert_cell("Zoë Li"), "Zoë Li");
        assert_eq!(inert_cell("=1+2"), "'=1+2");
        assert_eq!(inert_cell("＠cmd"), "'＠cmd");
        assert_eq!(inert_cell("Lee;=HYPERLINK(x)"), "Lee;'=HYPERLINK(x)");
        assert_eq!(inert_cell("a-b"), "a-b");
    }
}
