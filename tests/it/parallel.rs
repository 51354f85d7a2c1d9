//! Issue 15: variants and site pages (each network's pages as well as the exercises') are rendered on
//! every core and written in order: a set and a site made by one worker (`HANDPROP_THREADS=1`, the
//! serial order) and by several are the same bytes, file for file, in every sheet format, with a Moodle
//! quiz.

use std::path::Path;

use crate::support::sets::{files, handprop};

fn run(threads: &str, args: &[&str], out: &Path) {
    handprop()
        .env("HANDPROP_THREADS", threads)
        .args(args)
        .arg("--out")
        .arg(out)
        .assert()
        .success();
}

#[test]
fn sets_and_sites_made_by_several_workers_are_the_serial_run_s_bytes() {
    let temp = tempfile::tempdir().unwrap();
    let quiz = |name: &str| temp.path().join(name).to_str().unwrap().to_owned();
    let cases: [Vec<String>; 4] = [
        ["exercises", "--count", "150", "--seed", "4", "--moodle"]
            .map(String::from)
            .to_vec(),
        [
            "exercises",
            "--count",
            "70",
            "-f",
            "tex",
            "--lang",
            "en",
            "--carry-rounded",
        ]
        .map(String::from)
        .to_vec(),
        [
            "exercises",
            "examples/3-4-2.toml",
            "--count",
            "70",
            "-f",
            "html",
            "--precision",
            "3",
        ]
        .map(String::from)
        .to_vec(),
        [
            "site",
            "examples/2-3-2-tanh.toml",
            "examples/1-1-1.toml",
            "examples/2-3-3-1-relu.toml",
            "examples/3-4-2.toml",
            "examples/bias-updates.toml",
            "--exercises",
            "140",
            "--seed",
            "9",
        ]
        .map(String::from)
        .to_vec(),
    ];
    for (n, case) in cases.iter().enumerate() {
        let mut sets = Vec::new();
        for threads in ["1", "2", "5"] {
            let mut args: Vec<String> = case.clone();
            if args.last().is_some_and(|a| a == "--moodle") {
                args.push(quiz(&format!("quiz{n}-{threads}.xml")));
            }
            if args[0] == "exercises" && !args.contains(&"--seed".to_owned()) {
                args.extend(["--seed".to_owned(), "3".to_owned()]);
            }
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let out = temp.path().join(format!("out{n}-{threads}"));
            run(threads, &args, &out);
            sets.push(files(&out));
        }
        assert!(sets[0].len() > 140, "{case:?}: {} files", sets[0].len());
        for other in &sets[1..] {
            assert!(*other == sets[0], "{case:?}");
        }
        if n == 0 {
            let read = |threads| std::fs::read(quiz(&format!("quiz0-{threads}.xml"))).unwrap();
            assert_eq!(read("1"), read("5"));
        }
    }
}
