//! The exercise pages check answers as `handprop grade` marks them: headless Chromium, driven through
//! chromedriver (WebDriver), gets the same students' answers typed into the pages of `handprop site
//! --exercises` and of `handprop exercises -f html`, and must give every quantity the verdict `grade`
//! gives. Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them), so it is ignored in a
//! plain `cargo test`; it fails, never skips, when they are missing. Leaves screenshots of a checked page
//! in target/.

use std::fs;
use std::path::Path;

use crate::support::marking::{self, Student, students};
use crate::support::sets::{handprop, key};
use crate::support::webdriver::Browser;

/// A base network with the set's settings in its `[document]` table, so that `site` and `exercises`
/// make the same variants.
fn base(dir: &Path, example: &str, carry_rounded: bool) -> String {
    let text = fs::read_to_string(example).unwrap();
    let document =
        format!("\n[document]\nlang = \"en\"\nprecision = 4\ncarry_rounded = {carry_rounded}\n");
    let path = dir.join("base.toml");
    fs::write(&path, text + &document).unwrap();
    path.display().to_string()
}

/// Types a student's answers into the form `within` selects, checks them, and reads back each input's
/// verdict and which worked equation shows.
fn check(
    browser: &Browser,
    within: &str,
    quantities: &[String],
    student: &Student,
) -> (Vec<String>, Vec<String>) {
    for (q, answer) in quantities.iter().zip(&student.answers) {
        if !answer.is_empty() {
            let input = browser.find(&format!("{within} input[data-quantity=\"{q}\"]"));
            browser.type_into(&input, answer);
        }
    }
    browser.click(&browser.find(&format!("{within} [data-check]")));
    let verdicts = (quantities.iter())
        .map(|q| {
            let input = browser.find(&format!("{within} input[data-quantity=\"{q}\"]"));
            browser
                .attribute(&input, "data-verdict")
                .unwrap_or_default()
        })
        .collect();
    let shown = browser.run(&format!(
        "return Array.from(document.querySelectorAll('{within} [data-worked-for]')).filter(d => !d.hidden).map(d => d.dataset.workedFor)"
    ));
    let shown = shown
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect();
    (verdicts, shown)
}

#[track_caller]
fn case(example: &str, carry_rounded: bool, browser: &Browser, screenshot: &str) {
    let dir = tempfile::tempdir().unwrap();
    let base = base(dir.path(), example, carry_rounded);
    let (set, site) = (dir.path().join("set"), dir.path().join("site"));
    let common = ["--seed", "11"];
    handprop()
        .args(["exercises", &base, "--count", "3", "-f", "html", "--out"])
        .arg(&set)
        .args(common)
        .assert()
        .success();
    handprop()
        .args(["site", &base, "--exercises", "3", "--out"])
        .arg(&site)
        .args(common)
        .assert()
        .success();
    let key = key(&set);
    let quantities: Vec<String> = serde_json::from_value(key["quantities"].clone()).unwrap();
    let carry = carry_rounded.then_some(4);
    let mut all = Vec::new();
    for variant in 1..=3 {
        let net = marking::load(&set.join(format!("{variant:03}/network.toml")));
        let keys: Vec<String> = (quantities.iter())
            .map(|q| {
                key["variants"][variant - 1]["answers"][q]
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect();
        all.extend(students(variant, &keys, &net, carry));
    }
    let file = dir.path().join("responses.csv");
    let grades = marking::grade(&set, &file, &quantities, &all);
    for (student, row) in all.iter().zip(&grades.rows) {
        let graded = row[4..].to_vec();
        let first_wrong: Vec<String> = (quantities.iter().zip(&graded))
            .find(|(_, v)| *v == "wrong")
            .map(|(q, _)| q.clone())
            .into_iter()
            .collect();
        let page = site.join(format!("exercises/{:03}.html", student.variant));
        browser.open(&format!("file://{}", page.display()));
        let (verdicts, shown) = check(browser, "form", &quantities, student);
        assert_eq!(
            verdicts, graded,
            "{example} carry {carry_rounded}: {} on the site",
            student.name
        );
        assert_eq!(shown, first_wrong, "{}", student.name);
        browser.open(&format!("file://{}", set.join("questions.html").display()));
        let within = format!("section.variant:nth-of-type({})", student.variant);
        let (verdicts, _) = check(browser, &within, &quantities, student);
        assert_eq!(
            verdicts, graded,
            "{example}: {} in questions.html",
            student.name
        );
        if student.name == "early 1" {
            let page = site.join("exercises/001.html");
            browser.open(&format!("file://{}", page.display()));
            check(browser, "form", &quantities, student);
            let png = browser.screenshot(900, 1600);
            let target = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("target")
                .join(screenshot);
            fs::write(target, png).unwrap();
        }
    }
}

#[test]
#[ignore = "needs chromium and chromium-driver; run by .ci/run"]
fn the_pages_give_every_answer_the_verdict_of_grade() {
    let browser = Browser::start();
    case(
        "examples/mazur.toml",
        true,
        &browser,
        "checked-exercise-carry.png",
    );
    case(
        "examples/2-3-2-tanh.toml",
        false,
        &browser,
        "checked-exercise-tanh.png",
    );
}

#[test]
#[ignore = "needs chromium and chromium-driver; run by .ci/run"]
fn the_pages_of_the_new_losses_give_every_answer_the_verdict_of_grade() {
    let browser = Browser::start();
    case(
        "examples/softmax-3class.toml",
        true,
        &browser,
        "checked-exercise-softmax.png",
    );
    case(
        "examples/decay-no-bias.toml",
        false,
        &browser,
        "checked-exercise-decay-no-bias.png",
    );
    case(
        "examples/bce.toml",
        true,
        &browser,
        "checked-exercise-bce.png",
    );
}
