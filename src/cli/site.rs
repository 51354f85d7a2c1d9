//! `handprop site`: a static website of worked solutions and exercises.

use std::path::{Path, PathBuf};

use super::{LangArg, NotationArg};
use crate::error::Result;
use crate::exercise;
use crate::number::Precision;
use crate::render::Options;
use crate::site::{self, Site};
use crate::spec;

/// `handprop site`.
#[derive(Debug, clap::Args)]
pub struct SiteArgs {
    /// The network files (TOML), one document each; without any, the seed's network.
    pub networks: Vec<PathBuf>,
    /// Also make this many exercise variants of the first network (1 to 1,000,000), a page each.
    #[arg(long, value_name = "N")]
    pub exercises: Option<usize>,
    /// The seed of the exercises' draws; without it, one is drawn and printed.
    #[arg(long)]
    pub seed: Option<u64>,
    /// The language of the index and the exercises (every document is in both) [default: the first
    /// network file's `[document]` lang, else zh].
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// How the documents print numbers: `full` or N decimal places (the exercises use their base
    /// file's `[document]` precision, else 4)
    /// [default: each network file's `[document]` precision, else full].
    #[arg(long)]
    pub precision: Option<Precision>,
    /// How the networks' pages and the exercises' answers write the step: neuron by neuron
    /// (`scalar`) or as vectors and matrices (`matrix`).
    #[arg(long, value_enum, default_value_t = NotationArg::Scalar)]
    pub notation: NotationArg,
    /// Show the backward-pass figure (each neuron's δ, each edge's ∂E/∂w) in scalar notation too;
    /// matrix notation always shows it.
    #[arg(long)]
    pub backward_figure: bool,
    /// A folder of your own templates (see `handprop templates`), used in place of the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// The folder to build the site in (made whole, or left as it was).
    #[arg(long)]
    pub out: PathBuf,
    /// Build into --out even though it holds files handprop did not write (they are kept).
    #[arg(long)]
    pub force: bool,
}

/// A page name from a network file's name: its stem, with anything but letters, digits, `-` and `_`
/// made `-`; `mazur` for the built-in network; a number added when two are alike.
fn page_names(paths: &[PathBuf]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for path in paths {
        let stem = Path::new(path)
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        let clean: String = stem
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        let base = if clean.is_empty() {
            "network".to_owned()
        } else {
            clean
        };
        let mut name = base.clone();
        let mut n = 2;
        while names.contains(&name) {
            name = format!("{base}-{n}");
            n += 1;
        }
        names.push(name);
    }
    names
}

/// Runs `handprop site`.
pub fn run(args: SiteArgs) -> Result<()> {
    let networks = if args.networks.is_empty() {
        vec![("mazur".to_owned(), spec::seed_lesson())]
    } else {
        let mut loaded = Vec::new();
        for (name, path) in page_names(&args.networks).into_iter().zip(&args.networks) {
            crate::publish::place::input(path);
            loaded.push((name, spec::load(path)?));
        }
        loaded
    };
    let templates = super::templates(args.templates.as_deref())?;
    // the first network is the exercises' base: its file's [document] gives their defaults
    let defaults = networks[0].1.document;
    let lang = defaults.lang(args.lang.map(Into::into));
    let exercises = match args.exercises {
        None => None,
        Some(count) => {
            exercise::check_count(count, "--exercises")?;
            let base_file = (args.networks.first())
                .map_or_else(|| spec::SEED_NAME.to_owned(), |p| p.display().to_string());
            let (precision, from) = exercise::precision(None, &networks[0].1, &base_file);
            exercise::check_precision(precision, &from)?;
            let seed = args.seed.unwrap_or_else(|| {
                let seed = super::exercises::fresh_seed();
                eprintln!("handprop: seed {seed} (give --seed {seed} to make this site again)");
                seed
            });
            let (base_name, base) = networks[0].clone();
            let settings = exercise::Settings {
                count,
                seed,
                options: Options {
                    lang,
                    notation: args.notation.into(),
                    backward_figure: args.backward_figure,
                    precision,
                    carry_rounded: defaults.carry_rounded(None, precision),
                    templates,
                    ..Options::default()
                },
                format: exercise::SheetFormat::Md,
                out: args.out.clone(),
                force: args.force,
                quizzes: Default::default(),
                roster: None,
                base_name,
            };
            Some((settings, base))
        }
    };
    let site = Site {
        networks,
        lang,
        precision: args.precision,
        notation: args.notation.into(),
        backward_figure: args.backward_figure,
        templates,
        exercises,
        out: args.out,
        force: args.force,
    };
    let pages = site::build(&site)?;
    eprintln!("handprop: {pages} pages in {}", site.out.display());
    Ok(())
}
