//! A teacher's own templates: `handprop templates --out DIR` writes the built-in ones as files to copy
//! and change, and `--templates DIR` renders with the files DIR holds in place of the built-ins of the
//! same names (and the built-ins for the rest).

use std::path::{Path, PathBuf};

use super::templates::BUILT_IN;
use crate::error::{Error, Result};
use crate::publish::Commit;

/// Templates that replace built-in ones: (the built-in's name, the file's text, the file).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TemplateSet {
    overrides: Vec<(String, String, PathBuf)>,
}

impl TemplateSet {
    /// Reads every file below `dir`; each must have the name of a built-in template (`zh/words.md`).
    pub fn load(dir: &Path) -> Result<TemplateSet> {
        if !dir.is_dir() {
            return Err(Error::Usage(format!(
                "--templates {} is not a folder; `handprop templates --out {}` writes the built-in templates there to change",
                dir.display(),
                dir.display()
            )));
        }
        crate::publish::place::input(dir);
        let mut overrides = Vec::new();
        for path in files(dir)? {
            crate::publish::place::input(&path);
            let relative = path.strip_prefix(dir).unwrap_or(&path);
            let name = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            if name == crate::publish::MANIFEST {
                continue;
            }
            if !BUILT_IN.iter().any(|(built_in, _)| *built_in == name) {
                return Err(Error::Usage(format!(
                    "{} is not one of handprop's templates; a template file takes the name of the one it replaces, as `handprop templates --out DIR` writes them",
                    path.display()
                )));
            }
            let text = std::fs::read_to_string(&path).map_err(|source| Error::Read {
                path: path.clone(),
                source,
            })?;
            overrides.push((name, text, path));
        }
        overrides.sort();
        Ok(TemplateSet { overrides })
    }

    /// The text of template `name`: the override's, or the built-in's.
    pub fn text<'a>(&'a self, name: &str, built_in: &'a str) -> &'a str {
        self.overrides
            .iter()
            .find(|(n, _, _)| n == name)
            .map_or(built_in, |(_, text, _)| text)
    }

    /// The file that replaces template `name`, if any.
    pub fn file(&self, name: &str) -> Option<&Path> {
        self.overrides
            .iter()
            .find(|(n, _, _)| n == name)
            .map(|(_, _, path)| path.as_path())
    }
}

/// Every file below `dir`, sorted.
fn files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Read {
        path: dir.to_owned(),
        source,
    })?;
    for entry in entries {
        let path = entry
            .map_err(|source| Error::Read {
                path: dir.to_owned(),
                source,
            })?
            .path();
        if path.is_dir() {
            found.extend(files(&path)?);
        } else {
            found.push(path);
        }
    }
    found.sort();
    Ok(found)
}

/// Writes every built-in template into `out` (a new folder, or one handprop wrote; else `force`).
pub fn write_built_in(out: &Path, force: bool) -> Result<usize> {
    let mut commit = Commit::folder(out, "--out", "templates", force)?;
    let mut folders: Vec<&str> = BUILT_IN
        .iter()
        .filter_map(|(name, _)| name.rsplit_once('/').map(|(f, _)| f))
        .collect();
    folders.sort();
    folders.dedup();
    for folder in folders {
        commit.mkdir(folder)?;
    }
    for (name, text) in BUILT_IN {
        commit.file(name, text)?;
    }
    commit.publish()?;
    Ok(BUILT_IN.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_templates_read_back_as_the_built_ins() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("templates");
        assert_eq!(write_built_in(&out, false).unwrap(), BUILT_IN.len());
        let set = TemplateSet::load(&out).unwrap();
        for (name, text) in BUILT_IN {
            assert_eq!(set.text(name, "?"), *text, "{name}");
            assert!(set.file(name).unwrap().ends_with(name));
        }
    }

    #[test]
    fn a_file_that_is_no_template_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("zh")).unwrap();
        std::fs::write(dir.path().join("zh/wrods.md"), "typo").unwrap();
        let error = TemplateSet::load(dir.path()).unwrap_err().to_string();
        assert!(
            error.contains("wrods.md is not one of handprop's templates"),
            "{error}"
        );
    }
}
