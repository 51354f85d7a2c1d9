//! The site in a real browser: headless Chromium opens the pages from `file://`, and what it renders is
//! read back (its DOM, and its print to PDF through pdftotext). Needs Debian's `chromium` and
//! `poppler-utils` (`.ci/run` installs them), so it is ignored in a plain `cargo test`; it fails, never
//! skips, when they are missing. Leaves a screenshot of the seed's page in target/site-seed.png.

use std::path::{Path, PathBuf};
use std::process::Command;

pub(crate) fn chromium() -> &'static str {
    for name in ["chromium", "chromium-browser"] {
        if Command::new(name)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
        {
            return name;
        }
    }
    panic!("Chromium is not installed: apt-get install chromium (or run .ci/run)");
}

/// Runs headless Chromium on `page` with `args`, a fresh profile, and no network.
pub(crate) fn browse(page: &Path, args: &[&str]) -> Vec<u8> {
    let profile = tempfile::tempdir().unwrap();
    let output = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
        ])
        .args([
            "--no-first-run",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(
        output.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

/// Writes the site into `target/<folder>`; each test has its own folder, as tests run at once.
fn site(folder: &str) -> PathBuf {
    let out = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join(folder);
    let status = Command::new(env!("CARGO_BIN_EXE_handprop"))
        .args([
            "site",
            "examples/mazur.toml",
            "examples/3-4-2.toml",
            "--exercises",
            "3",
            "--seed",
            "5",
        ])
        .arg("--out")
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    out
}

#[test]
#[ignore = "needs chromium and poppler-utils; run by .ci/run"]
fn the_seed_s_page_renders_23_numbered_equations_in_chromium() {
    let out = site("browser-site-seed");
    let index = String::from_utf8(browse(&out.join("index.html"), &["--dump-dom"])).unwrap();
    assert!(
        index.contains("href=\"mazur.zh.html\"") && index.contains("href=\"exercises/001.html\"")
    );

    let page = out.join("mazur.zh.html");
    let dom = String::from_utf8(browse(&page, &["--dump-dom"])).unwrap();
    assert_eq!(
        dom.matches("<math display=\"block\">").count(),
        23,
        "every numbered equation is MathML"
    );
    assert!(!dom.contains("<merror"), "no MathML error");
    for attribute in ["src=\"http", "href=\"http"] {
        assert!(!dom.contains(attribute), "{attribute}");
    }

    // What Chromium draws, as text: every equation number is on the printed page, in order.
    let pdf = tempfile::NamedTempFile::with_suffix(".pdf").unwrap();
    browse(
        &page,
        &[
            &format!("--print-to-pdf={}", pdf.path().display()),
            "--no-pdf-header-footer",
        ],
    );
    let text = Command::new("pdftotext")
        .arg(pdf.path())
        .arg("-")
        .output()
        .expect("pdftotext runs (poppler-utils)");
    let text = String::from_utf8_lossy(&text.stdout);
    let mut from = 0;
    for n in 1..=23 {
        let tag = format!("({n})");
        let at = text[from..]
            .find(&tag)
            .unwrap_or_else(|| panic!("{tag} is not visible after position {from}"));
        from += at + tag.len();
    }
    assert!(
        text.contains("0.35891647971788465"),
        "the numbers are drawn"
    );

    let shot = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/site-seed.png");
    browse(
        &page,
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1000,2200",
        ],
    );
    assert!(
        std::fs::metadata(&shot).unwrap().len() > 10_000,
        "a screenshot was taken"
    );
}

#[test]
#[ignore = "needs chromium; run by .ci/run"]
fn an_exercise_page_and_a_wide_network_render_without_errors() {
    let out = site("browser-site-wide");
    for page in ["exercises/002.html", "3-4-2.en.html"] {
        let dom = String::from_utf8(browse(&out.join(page), &["--dump-dom"])).unwrap();
        assert!(
            dom.contains("<math display=\"block\">") && !dom.contains("<merror"),
            "{page}"
        );
    }
    let wide = String::from_utf8(browse(&out.join("3-4-2.en.html"), &["--dump-dom"])).unwrap();
    assert_eq!(wide.matches("<math display=\"block\">").count(), 39);
}
