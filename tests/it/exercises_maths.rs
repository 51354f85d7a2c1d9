//! Exercise sets of issue 11's maths (one example): the softmax cross-entropy, sigmoid cross-entropy
//! and squared error with weight decay and no biases examples, in zh and en, with LaTeX and HTML sheets
//! and the three quizzes. Every variant keeps its base's loss, decay and bias layout; every key answer
//! is the tests' own step (tests/it/support/marking.rs) printed, exact and carried rounded; each
//! answer sheet is what `handprop render` writes for the variant's file; `grade` marks the set's
//! students as the rules say on the tests' recomputation.

use std::fs;

use crate::support::marking::{self, students};
use crate::support::sets::{exercises, handprop, key};

const BASES: [(&str, &str); 3] = [
    ("examples/softmax-3class.toml", "cross_entropy"),
    ("examples/bce.toml", "cross_entropy"),
    ("examples/decay-no-bias.toml", "squared_error"),
];

#[test]
fn sets_of_every_new_loss_in_every_format_and_language_are_right_and_marked() {
    let temp = tempfile::tempdir().unwrap();
    for (base, loss) in BASES {
        for (lang, format, carry) in [
            ("en", "html", true),
            ("zh", "tex", false),
            ("en", "md", false),
        ] {
            let stem = base
                .trim_start_matches("examples/")
                .trim_end_matches(".toml");
            let dir = temp.path().join(format!("{stem}-{lang}-{format}"));
            fs::create_dir_all(&dir).unwrap();
            let set = dir.join("set");
            let (moodle, qti, canvas) = (dir.join("q.xml"), dir.join("q.zip"), dir.join("c.zip"));
            let mut args = vec![
                base,
                "--count",
                "3",
                "--seed",
                "5",
                "--lang",
                lang,
                "-f",
                format,
                "--moodle",
                moodle.to_str().unwrap(),
                "--qti",
                qti.to_str().unwrap(),
                "--canvas",
                canvas.to_str().unwrap(),
            ];
            if carry {
                args.push("--carry-rounded");
            }
            exercises(&set, &args);
            let key = key(&set);
            assert_eq!(key["loss"], loss, "{base}");
            for file in [&moodle, &qti, &canvas] {
                assert!(fs::metadata(file).unwrap().len() > 0, "{}", file.display());
            }
            checked_and_marked(&set, &dir, base, carry);
            let question = fs::read_to_string(set.join("001/question.md")).unwrap();
            let named = match (lang, loss) {
                ("en", "cross_entropy") => "the cross-entropy",
                ("en", _) => "the squared error $E = \\sum (\\text{target} - \\text{out})^2$",
                (_, "cross_entropy") => "交叉熵",
                _ => "平方误差",
            };
            assert!(question.contains(named), "{base} {lang}: {question}");
            if base.contains("decay") && lang == "en" {
                for part in [
                    "with weight decay $\\lambda = 0.0100$ on the weights (the network has no biases)",
                    "E_{\\text{total}} = E + \\frac{\\lambda}{2} \\sum w^2",
                ] {
                    assert!(question.contains(part), "{part}\n{question}");
                }
            }
        }
    }
}

/// Checks set `set` made from `base` (under `dir`): every variant's key answers are the tests' own step
/// (carried rounded at 4 places when `carry`), its answer sheet is what `handprop render` writes for
/// the variant's file, and `grade` marks students of every kind as the rules say.
fn checked_and_marked(set: &std::path::Path, dir: &std::path::Path, base: &str, carry: bool) {
    let key = key(set);
    let quantities: Vec<String> = serde_json::from_value(key["quantities"].clone()).unwrap();
    let places = carry.then_some(4);
    let mut all = Vec::new();
    let mut expected = Vec::new();
    for variant in 1..=3 {
        let folder = set.join(format!("{variant:03}"));
        let text = fs::read_to_string(folder.join("network.toml")).unwrap();
        let base_text = fs::read_to_string(base).unwrap();
        // the variant keeps the base's loss (the seed's when the base names none)
        let loss = |text: &str| {
            text.lines()
                .find(|l| l.starts_with("loss ="))
                .map(str::to_owned)
        };
        assert_eq!(loss(&text), loss(&base_text), "{text}");
        assert_eq!(
            text.contains("weight_decay = 0.01"),
            base_text.contains("weight_decay")
        );
        assert_eq!(
            text.matches("bias =").count(),
            base_text.matches("bias =").count()
        );
        let net = marking::load(&folder.join("network.toml"));
        let keys: Vec<String> = (quantities.iter())
            .map(|q| {
                key["variants"][variant - 1]["answers"][q]
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect();
        let ours = marking::step(&net, places, &Default::default());
        let ours: Vec<String> = ours.iter().map(|&x| marking::text(x, 4)).collect();
        assert_eq!(keys, ours, "{base} variant {variant}");
        // the answer sheet is what render writes for the variant's file
        let rendered = handprop()
            .arg("render")
            .arg(folder.join("network.toml"))
            .output()
            .unwrap();
        assert!(rendered.status.success());
        let answer = fs::read(folder.join("answer.md")).unwrap();
        assert_eq!(answer, rendered.stdout, "{base} variant {variant}");
        for student in students(variant, &keys, &net, places) {
            expected.push(marking::verdicts(&net, places, &keys, &student.values));
            all.push(student);
        }
    }
    let file = dir.join("responses.csv");
    let grades = marking::grade(set, &file, &quantities, &all);
    let rows: Vec<&[String]> = grades.rows.iter().map(|row| &row[4..]).collect();
    for ((student, row), expected) in all.iter().zip(&rows).zip(&expected) {
        assert_eq!(row, expected, "{base} carry {carry}: {}", student.name);
    }
}

/// A softmax cross-entropy batch of three examples with weight decay, the classes one-hot.
const SOFTMAX_BATCH: &str = "loss = \"cross_entropy\"\nweight_decay = 0.01\nlearning_rate = 0.5\n\
    inputs = [[0.05, 0.1], [0.6, 0.2], [0.3, 0.9]]\ntargets = [[0, 1, 0], [1, 0, 0], [0, 0, 1]]\n\
    [[layers]]\nweights = [[0.15, 0.2], [0.25, 0.3]]\nbias = 0.35\n\
    [[layers]]\nweights = [[0.4, 0.45], [0.5, 0.55], [0.6, 0.65]]\nbias = 0.6\nactivation = \"softmax\"\n";

/// Mini-batch sets (XOR, four examples, the seed's loss; a softmax cross-entropy batch of three with
/// weight decay): the key asks the first example's outs, the batch's E_total and the updates by the
/// mean gradient, every answer the tests' own step; the answer sheets are `render`'s and `grade`
/// marks them.
#[test]
fn mini_batch_sets_are_right_and_marked() {
    let temp = tempfile::tempdir().unwrap();
    let softmax = temp.path().join("softmax-batch.toml");
    fs::write(&softmax, SOFTMAX_BATCH).unwrap();
    let softmax = softmax.to_str().unwrap();
    for (base, examples, lang, format, carry) in [
        ("examples/xor-batch.toml", 4, "en", "md", true),
        ("examples/xor-batch.toml", 4, "zh", "html", false),
        (softmax, 3, "en", "tex", true),
        (softmax, 3, "zh", "md", false),
    ] {
        let dir = temp.path().join(format!("{examples}-{lang}-{format}"));
        fs::create_dir_all(&dir).unwrap();
        let set = dir.join("set");
        let mut args = vec![base, "--count", "3", "--seed", "8"];
        args.extend(["--lang", lang, "-f", format]);
        if carry {
            args.push("--carry-rounded");
        }
        exercises(&set, &args);
        let key = key(&set);
        assert_eq!(key["examples"], examples, "{key}");
        checked_and_marked(&set, &dir, base, carry);
    }
}
