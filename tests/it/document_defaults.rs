//! The network file's `[document]` table: the language, precision and rounding a document is written
//! with when the command line does not say; the command line wins.

use std::fs;
use std::path::Path;

const SEED: &str = include_str!("../../examples/mazur.toml");
const BIAS_UPDATES: &str = include_str!("../../examples/bias-updates.toml");

use crate::support::handprop;

/// `handprop render` of `network` with `args`: its stdout.
fn render(network: &Path, args: &[&str]) -> String {
    let output = handprop()
        .arg("render")
        .arg(network)
        .args(args)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

/// Runs `handprop COMMAND --seed S [args] --out OUT BASE`, which must succeed.
fn make(command: &str, seed: &str, args: &[&str], out: &Path, base: &Path) {
    handprop()
        .args([command, "--seed", seed])
        .args(args)
        .arg("--out")
        .arg(out)
        .arg(base)
        .assert()
        .success();
}

/// The `[document]` table the tests' base files end with: English, 3 places, carried.
const TABLE: &str = "\n[document]\nlang = \"en\"\nprecision = 3\ncarry_rounded = true\n";

#[test]
fn the_file_gives_render_its_defaults_and_the_command_line_overrides_them() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain.toml");
    let asking = dir.path().join("asking.toml");
    fs::write(&plain, SEED).unwrap();
    fs::write(&asking, format!("{SEED}{TABLE}")).unwrap();
    let given = ["--lang", "en", "--precision", "3", "--carry-rounded"];
    assert_eq!(render(&asking, &[]), render(&plain, &given));
    assert!(render(&asking, &[]).contains("The Forward Pass"));
    assert!(render(&asking, &[]).contains("0.593"), "3 places: out_h1");
    // each option given on the command line wins over the file
    assert_eq!(
        render(&asking, &["--lang", "zh"]),
        render(
            &plain,
            &["--lang", "zh", "--precision", "3", "--carry-rounded"]
        )
    );
    assert_eq!(
        render(&asking, &["--no-carry-rounded"]),
        render(&plain, &["--lang", "en", "--precision", "3"])
    );
    assert_ne!(
        render(&asking, &["--no-carry-rounded"]),
        render(&asking, &[]),
        "carrying changes the seed's numbers at 3 places"
    );
    let full = render(&asking, &["--precision", "full"]);
    assert_eq!(full, render(&plain, &["--lang", "en"]));
    assert!(full.contains("0.5932699921071872"), "no rounding in full");
}

#[test]
fn a_variant_file_renders_to_its_answer_sheet_whatever_the_base_asked() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.toml");
    // a base that updates its biases and asks for English at 3 places, carried
    fs::write(&base, format!("{BIAS_UPDATES}{TABLE}")).unwrap();
    let out = dir.path().join("set");
    make("exercises", "9", &["--count", "3"], &out, &base);
    let network = fs::read_to_string(out.join("002/network.toml")).unwrap();
    assert!(network.contains("update_biases = true"), "{network}");
    assert!(network.ends_with("[document]\nlang = \"en\"\nprecision = 3\ncarry_rounded = true\n"));
    let answer = fs::read_to_string(out.join("002/answer.md")).unwrap();
    assert!(answer.contains("The Forward Pass"), "the base's language");
    assert_eq!(render(&out.join("002/network.toml"), &[]), answer);
    // the command line wins over the base: a set at 5 places in Chinese, without carrying
    let other = dir.path().join("other");
    let against = [
        "--count",
        "3",
        "--lang",
        "zh",
        "--precision",
        "5",
        "--no-carry-rounded",
    ];
    make("exercises", "9", &against, &other, &base);
    let network = fs::read_to_string(other.join("002/network.toml")).unwrap();
    assert!(network.ends_with("[document]\nlang = \"zh\"\nprecision = 5\n"));
    let answer = fs::read_to_string(other.join("002/answer.md")).unwrap();
    assert_eq!(render(&other.join("002/network.toml"), &[]), answer);
}

#[test]
fn a_site_takes_its_exercises_and_index_defaults_from_the_first_network_file() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.toml");
    fs::write(&base, format!("{SEED}{TABLE}")).unwrap();
    let (site, set) = (dir.path().join("site"), dir.path().join("set"));
    make("site", "4", &["--exercises", "2"], &site, &base);
    make("exercises", "4", &["--count", "2"], &set, &base);
    let index = fs::read_to_string(site.join("index.html")).unwrap();
    assert!(index.contains("<html lang=\"en\""), "the index in English");
    let key: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(set.join("key.json")).unwrap()).unwrap();
    assert_eq!(key["precision"], 3);
    assert_eq!(key["carry_rounded"], true);
    for (n, variant) in key["variants"].as_array().unwrap().iter().enumerate() {
        let page = fs::read_to_string(site.join(format!("exercises/{:03}.html", n + 1))).unwrap();
        assert!(page.contains("<html lang=\"en\""));
        for (name, value) in variant["answers"].as_object().unwrap() {
            let value = format!("<mn>{}</mn>", value.as_str().unwrap());
            assert!(page.contains(&value), "{n}: {name} = {value}");
        }
    }
    // the network's own pages, in both languages, at the file's precision
    let page = fs::read_to_string(site.join("base.zh.html")).unwrap();
    assert!(page.contains("<mn>0.593</mn>") && !page.contains("0.5932699921071872"));
}

#[test]
fn a_base_precision_that_cannot_make_a_set_is_refused_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.toml");
    fs::write(&base, format!("{SEED}\n[document]\nprecision = \"full\"\n")).unwrap();
    let out = dir.path().join("set");
    let assert = handprop()
        .args(["exercises", "--count", "2", "--out"])
        .arg(&out)
        .arg(&base)
        .assert()
        .code(2);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("base.toml's [document] precision full cannot make an answer key"));
    assert!(!out.exists(), "nothing written");
    // the command line's precision wins over the file's
    let places = ["--count", "2", "--precision", "3"];
    make("exercises", "1", &places, &out, &base);
    assert!(out.join("key.json").is_file());
}
