//! Helpers of the tests that drive `handprop exercises`: run it, read a set's files and its key.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

pub use super::handprop;

/// Runs `handprop exercises ARGS --out DIR` and asserts success.
pub fn exercises(dir: &Path, args: &[&str]) {
    handprop()
        .arg("exercises")
        .args(args)
        .arg("--out")
        .arg(dir)
        .assert()
        .success();
}

/// Every file under `dir`, by relative path.
pub fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut found = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let relative = path.strip_prefix(dir).unwrap().to_path_buf();
                found.insert(relative, fs::read(&path).unwrap());
            }
        }
    }
    found
}

pub fn key(dir: &Path) -> serde_json::Value {
    serde_json::from_slice(&fs::read(dir.join("key.json")).unwrap()).unwrap()
}
