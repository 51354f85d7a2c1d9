//! A teacher's own templates: `handprop templates --out DIR`, then `--templates DIR`.

use std::fs;

use crate::support::{handprop, write_built_in_templates};

fn stdout(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(assert.get_output().stdout.clone()).unwrap()
}

#[test]
fn the_built_in_templates_are_written_and_a_changed_copy_is_used() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("templates");
    write_built_in_templates(&out);
    for name in [
        "document.md",
        "document.tex",
        "partials/equations.md",
        "partials/tables.md",
        "zh/words.md",
        "en/words.md",
    ] {
        assert!(out.join(name).is_file(), "{name}");
    }
    // The teacher keeps only the file they change: the built-ins serve the rest.
    let mine = dir.path().join("mine");
    fs::create_dir_all(mine.join("zh")).unwrap();
    let words = fs::read_to_string(out.join("zh/words.md")).unwrap();
    assert!(words.contains("初始化权重和偏差"));
    fs::write(
        mine.join("zh/words.md"),
        words.replace("初始化权重和偏差", "已知条件"),
    )
    .unwrap();
    let changed = stdout(
        &handprop()
            .args(["render", "--templates"])
            .arg(&mine)
            .assert()
            .success(),
    );
    assert!(changed.contains("### 1.1 已知条件") && !changed.contains("初始化权重和偏差"));
    let built_in = stdout(&handprop().arg("render").assert().success());
    assert_eq!(
        changed.replace("已知条件", "初始化权重和偏差"),
        built_in,
        "nothing else changed"
    );
    // English documents do not use the Chinese words.
    let en = handprop()
        .args(["render", "--lang", "en", "--templates"])
        .arg(&mine)
        .assert()
        .success();
    let en_built_in = handprop()
        .args(["render", "--lang", "en"])
        .assert()
        .success();
    assert_eq!(stdout(&en), stdout(&en_built_in));
}

#[test]
fn a_broken_template_names_its_file_line_column_and_what_failed() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("zh")).unwrap();
    let words = handprop_words();
    let broken = words.replacen("计算误差", "{{ nosuch.variable }}", 1);
    let file = dir.path().join("zh/words.md");
    fs::write(&file, broken).unwrap();
    let assert = handprop()
        .args(["render", "--templates"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stdout("");
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("Variable `nosuch` is not defined"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(" at {}:", file.display())),
        "names the file: {stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    let filter = words.replacen(
        "{{ trace.learning_rate|n }}",
        "{{ trace.learning_rate|nosuchfilter }}",
        1,
    );
    fs::write(&file, filter).unwrap();
    let assert = handprop()
        .args(["render", "--templates"])
        .arg(dir.path())
        .assert()
        .code(2);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("Unknown filter `nosuchfilter`") && stderr.contains("zh/words.md:"),
        "{stderr}"
    );
}

/// The built-in Chinese words, as `handprop templates` writes them.
fn handprop_words() -> String {
    let dir = tempfile::tempdir().unwrap();
    write_built_in_templates(&dir.path().join("t"));
    fs::read_to_string(dir.path().join("t/zh/words.md")).unwrap()
}

#[test]
fn bad_template_folders_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let assert = handprop()
        .args(["render", "--templates"])
        .arg(dir.path().join("none"))
        .assert()
        .code(2);
    assert!(String::from_utf8_lossy(&assert.get_output().stderr).contains("is not a folder"));
    fs::write(dir.path().join("words.md"), "x").unwrap();
    let assert = handprop()
        .args(["render", "--templates"])
        .arg(dir.path())
        .assert()
        .code(2);
    assert!(
        String::from_utf8_lossy(&assert.get_output().stderr)
            .contains("is not one of handprop's templates")
    );
    let out = dir.path().join("busy");
    fs::create_dir(&out).unwrap();
    fs::write(out.join("mine.txt"), "keep").unwrap();
    handprop()
        .args(["templates", "--out"])
        .arg(&out)
        .assert()
        .code(2);
    assert_eq!(fs::read_dir(&out).unwrap().count(), 1, "nothing written");
}

/// Issue 12: every word of a site's pages is in the wording templates, so a teacher's `en/site.md`
/// renames the link to the index on every page and the heading of every folded answer.
#[test]
fn a_site_s_navigation_and_answers_take_their_words_from_site_md() {
    let dir = tempfile::tempdir().unwrap();
    let built_in = dir.path().join("templates");
    write_built_in_templates(&built_in);
    let mine = dir.path().join("mine");
    fs::create_dir_all(mine.join("en")).unwrap();
    let words = fs::read_to_string(built_in.join("en/site.md")).unwrap();
    let words = words
        .replace("}Contents{", "}All notes{")
        .replace("}Answer{", "}Worked answer{");
    fs::write(mine.join("en/site.md"), words).unwrap();
    let site = dir.path().join("site");
    handprop()
        .args(["site", "--lang", "en", "--exercises", "2", "--seed", "5"])
        .args(["--templates".as_ref(), mine.as_os_str()])
        .args(["--out".as_ref(), site.as_os_str()])
        .assert()
        .success();
    let page = |name: &str| fs::read_to_string(site.join(name)).unwrap();
    let en = page("mazur.en.html");
    assert!(en.contains("<a href=\"index.html\">All notes</a> · <a href=\"mazur.zh.html\""));
    // The Chinese page keeps the Chinese words: only en/site.md changed.
    assert!(page("mazur.zh.html").contains("<a href=\"index.html\">目录</a> · "));
    for exercise in ["exercises/001.html", "exercises/002.html"] {
        let exercise = page(exercise);
        assert!(exercise.contains("<a href=\"../index.html\">All notes</a></nav>"));
        assert!(exercise.contains("<details>\n<summary>Worked answer</summary>\n"));
        assert!(!exercise.contains("Contents") && !exercise.contains(">Answer<"));
    }
}

/// Issue 15: the exercise pages fold their answers in the built-in `html/answer.html` drawn once; a
/// teacher's own `html/answer.html` is rendered for each page, whatever it does with the answer.
#[test]
fn a_teacher_s_answer_html_is_rendered_for_each_page() {
    let dir = tempfile::tempdir().unwrap();
    let mine = dir.path().join("mine");
    fs::create_dir_all(mine.join("html")).unwrap();
    let template = "<div class=\"mine\">{{ answer | safe }}<hr>{{ answer | upper | safe }}</div>\n";
    fs::write(mine.join("html/answer.html"), template).unwrap();
    let site = |name: &str, templates: Option<&std::path::Path>| {
        let out = dir.path().join(name);
        let mut command = handprop();
        command.args(["site", "--lang", "en", "--exercises", "2", "--seed", "5"]);
        if let Some(templates) = templates {
            command.args(["--templates".as_ref(), templates.as_os_str()]);
        }
        command
            .args(["--out".as_ref(), out.as_os_str()])
            .assert()
            .success();
        out
    };
    let (built_in, own) = (site("built-in", None), site("own", Some(&mine)));
    for exercise in ["exercises/001.html", "exercises/002.html"] {
        let page = |site: &std::path::Path| fs::read_to_string(site.join(exercise)).unwrap();
        let folded = page(&built_in);
        let start = "<details>\n<summary>Answer</summary>\n";
        let at = folded.find(start).expect("the built-in fold") + start.len();
        let answer = &folded[at..at + folded[at..].find("</details>").unwrap()];
        assert!(answer.contains("<math"), "{answer}");
        let expected = format!(
            "<div class=\"mine\">{answer}<hr>{}</div>\n",
            answer.to_uppercase()
        );
        assert!(page(&own).contains(&expected), "{exercise}");
    }
}

/// A teacher's templates made by an older handprop lack the components a newer one uses (here the
/// Canvas quiz's words): bad input, one line naming their file, the component and the fix; nothing
/// written.
#[test]
fn a_teacher_s_template_without_a_newer_component_is_named_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let mine = dir.path().join("mine");
    write_built_in_templates(&mine);
    let words = mine.join("en/exercises.md");
    let older: String = (fs::read_to_string(&words).unwrap().lines())
        .filter(|line| !line.contains("ex.canvas_answers"))
        .map(|line| format!("{line}\n"))
        .collect();
    fs::write(&words, older).unwrap();
    let out = dir.path().join("set");
    let quiz = dir.path().join("canvas.zip");
    let output = handprop()
        .args(["exercises", "--count", "2", "--seed", "1", "--lang", "en"])
        .args(["--templates".as_ref(), mine.as_os_str()])
        .args(["--canvas".as_ref(), quiz.as_os_str()])
        .args(["--out".as_ref(), out.as_os_str()])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("`ex.canvas_answers`"), "{stderr}");
    assert!(stderr.contains(&words.display().to_string()), "{stderr}");
    assert!(stderr.contains("handprop templates --out"), "{stderr}");
    assert!(!out.exists() && !quiz.exists());
}
