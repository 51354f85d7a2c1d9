//! `handprop grade`: mark students' answers to a set with error carried forward.

use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::grade::{self, Set};
use crate::publish::{self, Commit, Theirs, place};

/// `handprop grade`.
#[derive(Debug, clap::Args)]
pub struct GradeArgs {
    /// The set's folder, as `handprop exercises --out` wrote it (with its key.json).
    pub set: PathBuf,
    /// The students' answers: a header `student,variant,` then quantity columns named as in key.csv,
    /// and one row per student (an empty cell is not answered).
    pub responses: PathBuf,
    /// Write the grades to this CSV file instead of stdout.
    #[arg(short, long, value_name = "GRADES.csv")]
    pub output: Option<PathBuf>,
    /// Also write a feedback page per student (Markdown and HTML) into this folder.
    #[arg(long, value_name = "DIR")]
    pub feedback: Option<PathBuf>,
    /// What a carried answer (wrong only because of an earlier slip) counts, from 0 to 1.
    #[arg(long, value_name = "F", default_value_t = 1.0)]
    pub carried_credit: f64,
}

/// Runs `handprop grade`.
pub fn run(args: GradeArgs) -> Result<()> {
    if !(0.0..=1.0).contains(&args.carried_credit) {
        return Err(Error::Usage(format!(
            "--carried-credit {} is out of range; give a number from 0 (no credit) to 1 (full credit)",
            args.carried_credit
        )));
    }
    place::input(&args.responses);
    if let Some(path) = &args.output {
        place::file_target(path, "-o")?;
    }
    let mut commit = match &args.feedback {
        Some(dir) => Commit::folder(dir, "--feedback", "grade", false)?,
        None => Commit::files(false),
    };
    let set = Set::load(&args.set)?;
    let responses = grade::responses::read(&args.responses, &set)?;
    let grades = grade::grade_all(&set, &responses, args.carried_credit)?;
    let mut csv = Vec::new();
    grade::write_csv(&set, &responses, &grades, &mut csv)
        .map_err(|e| Error::Usage(format!("cannot write the grades: {e}")))?;
    let count = match &args.feedback {
        Some(_) => Some(grade::feedback::write(
            &mut commit,
            &set,
            &responses,
            &grades,
        )?),
        None => None,
    };
    if let Some(path) = &args.output {
        commit.put(path, "-o", &csv, Theirs::Replace)?;
    }
    commit.publish()?;
    if let (Some(count), Some(dir)) = (count, &args.feedback) {
        eprintln!(
            "handprop: feedback for {count} students in {}",
            dir.display()
        );
    }
    match &args.output {
        Some(_) => Ok(()),
        None => publish::to_stdout(&csv),
    }
}
