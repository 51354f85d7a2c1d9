//! `handprop exercises` through the real binary: reproducible sets, the key against the answer sheets,
//! the rules every variant keeps, the Moodle quiz, and every bad input.

use std::collections::HashSet;
use std::fs;
use std::path::Path;

use crate::support::sets;

use sets::{exercises, files, handprop, key};

/// The key's text as the answer sheet prints it: `4.386e-4` is `4.386 \times 10^{-4}`.
fn as_tex(plain: &str) -> String {
    match plain.split_once('e') {
        Some((mantissa, exponent)) => format!("{mantissa} \\times 10^{{{exponent}}}"),
        None => plain.to_owned(),
    }
}

/// The final number of the first aligned equation whose left side is `lhs`.
fn final_value<'a>(answer: &'a str, lhs: &str) -> &'a str {
    let start = format!("\\begin{{aligned}}\n{lhs} &=");
    answer
        .match_indices(&start)
        .filter_map(|(at, _)| {
            let block = &answer[at..];
            let end = block.find("\n\\end{aligned}").unwrap();
            let last = block[..end].rsplit('\n').next().unwrap();
            last.strip_prefix("&= ")
                .filter(|v| v.starts_with(|c: char| c.is_ascii_digit() || c == '-'))
        })
        .next()
        .unwrap_or_else(|| panic!("no final value for {lhs}"))
}

/// The left side in the answer sheet of a key's column: `out_h1`, `E_total`, `w5+`.
fn lhs(name: &str) -> String {
    if let Some(neuron) = name.strip_prefix("out_") {
        let (letter, number) = neuron.split_at(1);
        format!("\\text{{out}}_{{{letter}_{number}}}")
    } else if name == "E_total" {
        "E_{\\text{total}}".to_owned()
    } else {
        let (letter, number) = name.trim_end_matches('+').split_at(1); // w5+, b1+
        let number = if number.len() > 1 {
            format!("{{{number}}}")
        } else {
            number.to_owned()
        };
        format!("{letter}_{number}^{{+}}")
    }
}

#[test]
fn the_same_seed_writes_the_same_bytes_and_another_seed_other_variants() {
    let temp = tempfile::tempdir().unwrap();
    let (a, b, c) = (
        temp.path().join("a"),
        temp.path().join("b"),
        temp.path().join("c"),
    );
    let quiz = |name: &str| temp.path().join(name).display().to_string();
    exercises(
        &a,
        &["--count", "12", "--seed", "7", "--moodle", &quiz("a.xml")],
    );
    exercises(
        &b,
        &["--count", "12", "--seed", "7", "--moodle", &quiz("b.xml")],
    );
    exercises(&c, &["--count", "12", "--seed", "8"]);
    assert_eq!(files(&a), files(&b));
    assert_eq!(
        fs::read(quiz("a.xml")).unwrap(),
        fs::read(quiz("b.xml")).unwrap()
    );
    let (first_a, first_c) = (files(&a), files(&c));
    let network = Path::new("001/network.toml");
    assert_ne!(first_a[network], first_c[network]);
    assert_ne!(first_a[Path::new("key.csv")], first_c[Path::new("key.csv")]);
    let names: Vec<String> = first_a.keys().map(|p| p.display().to_string()).collect();
    for expected in [
        "001/answer.md",
        "001/network.toml",
        "001/question.md",
        "012/answer.md",
    ] {
        assert!(names.contains(&expected.to_owned()), "{names:?}");
    }
    for expected in [
        "questions.md",
        "answers.md",
        "key.csv",
        "key.json",
        ".handprop-manifest",
    ] {
        assert!(names.contains(&expected.to_owned()), "{names:?}");
    }
}

#[test]
fn a_thousand_variants_are_all_different_and_keep_the_rules() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("set");
    exercises(&dir, &["--count", "1000", "--seed", "2024"]);
    let key = key(&dir);
    let variants = key["variants"].as_array().unwrap();
    assert_eq!(variants.len(), 1000);
    let mut networks = HashSet::new();
    assert!(
        dir.join("0001").is_dir() && dir.join("1000").is_dir(),
        "labels as wide as 1000"
    );
    for variant in variants {
        let label = format!("{:04}", variant["variant"].as_u64().unwrap());
        let network = fs::read_to_string(dir.join(&label).join("network.toml")).unwrap();
        assert!(
            networks.insert(network.clone()),
            "{label} repeats a variant"
        );
        let answers = variant["answers"].as_object().unwrap();
        let texts: HashSet<&str> = answers.values().map(|v| v.as_str().unwrap()).collect();
        assert_eq!(texts.len(), answers.len(), "{label}: two answers coincide");
        for (name, text) in answers {
            let value: f64 = text.as_str().unwrap().parse().unwrap();
            if name.starts_with("out_") {
                assert!(
                    (0.02..=0.98).contains(&value),
                    "{label}: {name} = {value} saturates"
                );
            }
        }
        // Every weight changes at four places: w⁺ printed differs from w.
        let weights = network.lines().filter(|l| l.starts_with("weights"));
        let before: Vec<f64> = weights
            .flat_map(|l| {
                l.split(['[', ']', ',', '='])
                    .filter_map(|x| x.trim().parse().ok())
            })
            .collect();
        for (k, w) in before.iter().enumerate() {
            let after = answers[&format!("w{}+", k + 1)].as_str().unwrap();
            assert_ne!(
                format!("{w:.4}"),
                after,
                "{label}: w{} does not change",
                k + 1
            );
        }
    }
    let rejected = key["rejected"].as_u64().unwrap();
    let because: u64 = (key["rejected_because"].as_object().unwrap().values())
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(because, rejected);
    assert_eq!(key["draws"].as_u64().unwrap(), 1000 + rejected);
    assert!(rejected > 0, "some draws of 1000 break a rule");
}

#[test]
fn the_key_is_what_the_answer_sheets_print_and_render_reproduces_them() {
    let temp = tempfile::tempdir().unwrap();
    for lang in ["zh", "en"] {
        let dir = temp.path().join(lang);
        exercises(&dir, &["--count", "20", "--seed", "5", "--lang", lang]);
        let key = key(&dir);
        let csv = fs::read_to_string(dir.join("key.csv")).unwrap();
        let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
        for (variant, row) in key["variants"]
            .as_array()
            .unwrap()
            .iter()
            .zip(csv.lines().skip(1))
        {
            let label = format!("{:03}", variant["variant"].as_u64().unwrap());
            let answer = fs::read_to_string(dir.join(&label).join("answer.md")).unwrap();
            let cells: Vec<&str> = row.split(',').collect();
            assert_eq!(cells[..2], [variant["variant"].to_string(), "5".into()]);
            for (name, text) in variant["answers"].as_object().unwrap() {
                let text = text.as_str().unwrap();
                assert_eq!(
                    final_value(&answer, &lhs(name)),
                    as_tex(text),
                    "{label} {name}"
                );
                let column = header.iter().position(|h| h == name).unwrap();
                assert_eq!(cells[column], text);
            }
        }
        for label in ["001", "020"] {
            let network = dir.join(label).join("network.toml");
            // the variant's network file says how its answer was written ([document])
            let rendered = handprop().arg("render").arg(&network).output().unwrap();
            let answer = fs::read(dir.join(label).join("answer.md")).unwrap();
            assert_eq!(
                String::from_utf8(rendered.stdout).unwrap(),
                String::from_utf8(answer).unwrap()
            );
        }
        let questions = fs::read_to_string(dir.join("questions.md")).unwrap();
        let answers = fs::read_to_string(dir.join("answers.md")).unwrap();
        assert_eq!(questions.matches("\n# ").count() + 1, 20);
        assert_eq!(answers.matches("\\tag{23}").count(), 20);
        // one top heading a variant; each answer's own headings one level down
        let tops = answers.lines().filter(|l| l.starts_with("# ")).count();
        assert_eq!(tops, 20);
        let answer = fs::read_to_string(dir.join("001/answer.md")).unwrap();
        let headings = |text: &str| text.lines().filter(|l| l.starts_with('#')).count();
        assert_eq!(headings(&answers), 20 * (headings(&answer) + 1));
        for heading in answer.lines().filter(|l| l.starts_with('#')) {
            let pushed = format!("\n#{heading}\n");
            assert!(answers.contains(&pushed), "{heading}, one level down");
        }
    }
}

#[test]
fn a_set_that_updates_its_biases_asks_for_them_and_says_so() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("set");
    exercises(
        &dir,
        &[
            "examples/bias-updates.toml",
            "--count",
            "10",
            "--seed",
            "3",
            "--lang",
            "en",
        ],
    );
    let key = key(&dir);
    for (n, variant) in key["variants"].as_array().unwrap().iter().enumerate() {
        let label = format!("{:03}", n + 1);
        let answers = variant["answers"].as_object().unwrap();
        let answer = fs::read_to_string(dir.join(&label).join("answer.md")).unwrap();
        for name in ["b1+", "b2+"] {
            let text = answers[name].as_str().unwrap();
            assert_eq!(
                final_value(&answer, &lhs(name)),
                as_tex(text),
                "{label} {name}"
            );
        }
        let question = fs::read_to_string(dir.join(&label).join("question.md")).unwrap();
        assert!(question.contains("(the biases are updated too)"));
        assert!(question.contains("every updated weight and bias."));
        assert!(question.contains("$b_2^{+} = \\underline{\\qquad\\qquad}$"));
    }
    let seed = temp.path().join("seed");
    exercises(&seed, &["--count", "2", "--seed", "3", "--lang", "en"]);
    let question = fs::read_to_string(seed.join("001/question.md")).unwrap();
    assert!(question.contains("(the biases are not updated)"));
    assert!(!question.contains("b_1^{+}"));
}

#[test]
fn the_question_counts_inputs_and_neurons_of_every_layer() {
    let temp = tempfile::tempdir().unwrap();
    for (base, lang, says) in [
        (
            "1-1-1",
            "en",
            "has 1 input, 1 hidden neuron and 1 output neuron.",
        ),
        (
            "2-3-3-1-relu",
            "en",
            "has 2 inputs, hidden layers of 3 and 3 neurons and 1 output neuron.",
        ),
        (
            "2-3-3-1-relu",
            "zh",
            "有 2 个输入、分别有 3 个和 3 个神经元的隐藏层和 1 个输出神经元",
        ),
        (
            "3-4-2",
            "en",
            "has 3 inputs, 4 hidden neurons and 2 output neurons.",
        ),
    ] {
        let dir = temp.path().join(format!("{base}-{lang}"));
        let network = format!("examples/{base}.toml");
        exercises(
            &dir,
            &[&network, "--count", "1", "--seed", "2", "--lang", lang],
        );
        let question = fs::read_to_string(dir.join("001/question.md")).unwrap();
        assert!(question.contains(says), "{base} {lang}: {question}");
    }
}
