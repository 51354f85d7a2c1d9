//! Helpers shared by the integration tests.

pub mod arithmetic;
pub mod columns;
pub mod katex;
pub mod marking;
pub mod model;
pub mod mounts;
pub mod networks;
pub mod packages;
pub mod reference;
pub mod sets;
pub mod training_loop;
pub mod webdriver;

/// The handprop binary, to run as a user does.
pub fn handprop() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("handprop").expect("the binary is built")
}

/// Writes the built-in templates into `dir` (`handprop templates --out DIR`), for a test to change.
pub fn write_built_in_templates(dir: &std::path::Path) {
    handprop()
        .args(["templates", "--out"])
        .arg(dir)
        .assert()
        .success();
}
