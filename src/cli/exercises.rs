//! `handprop exercises`: exercise sheets with new numbers.

use std::io::IsTerminal;
use std::path::PathBuf;

use indicatif::{ProgressBar, ProgressStyle};

use super::{LangArg, NotationArg, SheetFormatArg};
use crate::error::{Error, Result};
use crate::exercise::{self, SheetFormat};
use crate::number::Precision;
use crate::render::{Format, Options};
use crate::spec;

/// `handprop exercises`.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("variants").required(true).args(["count", "roster"])))]
pub struct ExercisesArgs {
    /// The base network (TOML) whose shape the variants take; without it, the seed's 2-2-2 network.
    pub base: Option<PathBuf>,
    /// How many variants (1 to 1,000,000).
    #[arg(long)]
    pub count: Option<usize>,
    /// A class's roster instead of --count: a CSV file with a header row and the columns id and name
    /// (others are ignored); one variant per student, in order, their name and id on their question
    /// sheet and in the key.
    #[arg(long, value_name = "STUDENTS.csv")]
    pub roster: Option<PathBuf>,
    /// The seed of the draws; without it, one is drawn, printed and written into the key.
    #[arg(long)]
    pub seed: Option<u64>,
    /// The sheets' language [default: the base file's `[document]` lang, else zh].
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// The combined sheets' format: `tex` adds questions.tex and answers.tex, `html` adds
    /// questions.html and answers.html (one variant a page in print) to the Markdown sheets.
    #[arg(short, long, value_enum, default_value_t = SheetFormatArg::Md)]
    pub format: SheetFormatArg,
    /// Decimal places of every printed number and every answer [default: the base file's
    /// `[document]` precision, else 4].
    #[arg(long)]
    pub precision: Option<Precision>,
    /// Round every intermediate to the precision before it is used, so each line can be checked by hand
    /// [default: the base file's `[document]` carry_rounded].
    #[arg(long, overrides_with = "no_carry_rounded")]
    pub carry_rounded: bool,
    /// Do not round the intermediates, even when the base file's `[document]` asks for it.
    #[arg(long, overrides_with = "carry_rounded")]
    pub no_carry_rounded: bool,
    /// How the answer sheets write the step: neuron by neuron (`scalar`) or as vectors and matrices
    /// (`matrix`).
    #[arg(long, value_enum, default_value_t = NotationArg::Scalar)]
    pub notation: NotationArg,
    /// Show the backward-pass figure (each neuron's δ, each edge's ∂E/∂w) in scalar notation too;
    /// matrix notation always shows it.
    #[arg(long)]
    pub backward_figure: bool,
    /// A folder of your own templates (see `handprop templates`), used in place of the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// The folder to write the set into (made whole, or left as it was).
    #[arg(long)]
    pub out: PathBuf,
    /// Write into --out even though it holds files handprop did not write (they are kept).
    #[arg(long)]
    pub force: bool,
    /// Also write a Moodle quiz (question XML) to this file: one cloze question per variant, its
    /// network figure embedded, the worked solution as its general feedback.
    #[arg(long, value_name = "FILE")]
    pub moodle: Option<PathBuf>,
    /// Also write an IMS QTI 2.1 package (zip) to this file: one item per variant, a test drawing one
    /// per student, the worked solution shown after submission (OpenOlat, ILIAS, Inspera, ONYX, …).
    #[arg(long, value_name = "FILE.zip")]
    pub qti: Option<PathBuf>,
    /// Also write a package (zip) for Canvas's "QTI .zip file" import to this file: one quiz from
    /// which Canvas draws one variant per student, a blank per asked quantity.
    #[arg(long, value_name = "FILE.zip")]
    pub canvas: Option<PathBuf>,
}

/// Runs `handprop exercises`.
pub fn run(args: ExercisesArgs) -> Result<()> {
    let (base, base_name) = match &args.base {
        Some(path) => {
            crate::publish::place::input(path);
            (spec::load(path)?, path.display().to_string())
        }
        None => (spec::seed_lesson(), spec::SEED_NAME.to_owned()),
    };
    if SheetFormat::from(args.format) == SheetFormat::Tex
        && let Some(problem) = crate::limits::latex_problem(&base.network)
    {
        return Err(Error::Usage(format!("{base_name}: {problem}")));
    }
    let defaults = base.document;
    let (precision, from) = exercise::precision(args.precision, &base, &base_name);
    let roster = (args.roster.as_deref())
        .map(exercise::roster::load)
        .transpose()?;
    let (count, flag) = match &roster {
        Some(students) => (students.len(), "--roster"),
        None => (args.count.unwrap_or_default(), "--count"),
    };
    exercise::check_count(count, flag)?;
    exercise::check_precision(precision, &from)?;
    let seed = args.seed.unwrap_or_else(|| {
        let seed = fresh_seed();
        eprintln!("handprop: seed {seed} (give --seed {seed} to make this set again)");
        seed
    });
    let settings = exercise::Settings {
        count,
        roster,
        seed,
        options: Options {
            format: Format::Md,
            lang: defaults.lang(args.lang.map(Into::into)),
            precision,
            carry_rounded: defaults.carry_rounded(
                super::flag(args.carry_rounded, args.no_carry_rounded),
                precision,
            ),
            templates: super::templates(args.templates.as_deref())?,
            notation: args.notation.into(),
            backward_figure: args.backward_figure,
            ..Options::default()
        },
        format: args.format.into(),
        out: args.out,
        force: args.force,
        quizzes: exercise::exports::Quizzes {
            moodle: args.moodle,
            qti: args.qti,
            canvas: args.canvas,
        },
        base_name,
    };
    let progress = if std::io::stderr().is_terminal() && settings.count >= 1000 {
        let style =
            ProgressStyle::with_template("{bar:40} {pos}/{len} variants, {per_sec}, {eta} left")
                .unwrap_or_else(|_| ProgressStyle::default_bar());
        ProgressBar::new(settings.count as u64).with_style(style)
    } else {
        ProgressBar::hidden()
    };
    let result = exercise::write_set(&base, &settings, &progress);
    progress.finish_and_clear();
    result.map(|_| ())
}

/// A seed from the operating system's randomness (through the standard library's hasher keys).
pub(super) fn fresh_seed() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    hasher.finish()
}
