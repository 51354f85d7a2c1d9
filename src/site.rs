//! `handprop site`: a static website of worked solutions. One page per network in each language, with a
//! switch between them; with exercises, a page per variant (the question, and the answer behind a
//! `<details>`); and `index.html` listing them all. Every page is self-contained (MathML, inline SVG,
//! the stylesheet inline) and every link relative, so the folder works from `file://` and under any path.
//! Built in a temporary folder and moved into place ([`crate::publish`]); the same input gives the same
//! bytes.

use std::path::PathBuf;

use serde::Serialize;

use crate::error::Result;
use crate::exercise::check::{self, Forms};
use crate::exercise::{self, sheets::Sheets};
use crate::figure::Figure;
use crate::lesson::Lesson;
use crate::number::Precision;
use crate::parallel;
use crate::publish::Commit;
use crate::render::mathml::Typesetter;
use crate::render::page::Shell;
use crate::render::templates::Renderer;
use crate::render::{self, Format, Lang, Options, html, templates};

/// What to build.
#[derive(Debug, Clone)]
pub struct Site {
    /// The networks, each with the name its pages take (`mazur` → `mazur.zh.html`).
    pub networks: Vec<(String, Lesson)>,
    /// The language of the index and of the exercise pages.
    pub lang: Lang,
    /// How numbers are printed on the networks' pages; when None, as each network file's
    /// `[document]` table says (else in full).
    pub precision: Option<Precision>,
    /// How the networks' pages and the exercises' answers write the step.
    pub notation: crate::render::Notation,
    /// Show the backward-pass figure in scalar notation too (`--backward-figure`).
    pub backward_figure: bool,
    /// A teacher's templates in place of the built-in ones.
    pub templates: Option<&'static crate::render::overrides::TemplateSet>,
    /// Exercise pages: the settings of the set (count, seed, precision) and its base network.
    pub exercises: Option<(exercise::Settings, Lesson)>,
    /// The site's folder.
    pub out: PathBuf,
    /// Write into a folder that holds files handprop did not write.
    pub force: bool,
}

/// What the index template sees.
#[derive(Serialize)]
struct Index<'a> {
    lang: Lang,
    /// The language's HTML tag ([`Lang::html_code`]).
    html_lang: &'static str,
    documents: Vec<Document>,
    exercises: Vec<Exercise>,
    seed: Option<u64>,
    style: &'a str,
}

#[derive(Serialize)]
struct Document {
    title: String,
    pages: Vec<Page>,
}

#[derive(Serialize)]
struct Page {
    lang: Lang,
    /// The language's HTML tag ([`Lang::html_code`]).
    html_lang: &'static str,
    href: String,
}

#[derive(Serialize)]
struct Exercise {
    label: String,
    href: String,
}

/// Builds the site; returns how many pages it has.
pub fn build(site: &Site) -> Result<usize> {
    let mut commit = Commit::folder(&site.out, "--out", "site", site.force)?;
    // The exercises' sheets and forms are prepared while the networks' pages render.
    let (documents, prepared) = std::thread::scope(|scope| {
        let prepared = (site.exercises.as_ref())
            .map(|exercises| scope.spawn(|| prepare(exercises, site.templates)));
        let documents = network_pages(site, &mut commit);
        let prepared = prepared.map(|prepared| match prepared.join() {
            Ok(prepared) => prepared,
            Err(panic) => std::panic::resume_unwind(panic),
        });
        (documents, prepared)
    });
    let documents = documents?;
    let mut exercises = Vec::new();
    if let (Some((settings, base)), Some(prepared)) = (&site.exercises, prepared) {
        let (sheets, forms, words) = prepared?;
        commit.mkdir("exercises")?;
        let nav = Nav {
            index: "../index.html",
            other: None,
        };
        let nav = words.render("html/nav.html", &nav)?;
        let fold = Fold::new(&words)?;
        let mut typesetters: Vec<Typesetter> = (0..parallel::workers())
            .map(|_| Typesetter::new())
            .collect();
        let render = |typesetter: &mut Typesetter, variant: &exercise::Variant| {
            let page = (&sheets, &forms, &words, nav.as_str(), &fold);
            exercise_page(variant, page, settings.options, typesetter)
        };
        let mut variants = exercise::Variants::new(base, settings);
        parallel::render_in_order(&mut variants, &mut typesetters, render, |variant, page| {
            let href = format!("exercises/{}.html", variant.label);
            commit.file(&href, page)?;
            exercises.push(Exercise {
                label: variant.label,
                href,
            });
            Ok(())
        })?;
    }
    let options = Options {
        lang: site.lang,
        templates: site.templates,
        ..Options::default()
    };
    let index = Index {
        lang: site.lang,
        html_lang: site.lang.html_code(),
        documents,
        exercises,
        seed: site.exercises.as_ref().map(|(settings, _)| settings.seed),
        style: html::STYLE,
    };
    let pages = site.networks.len() * Lang::ALL.len() + index.exercises.len() + 1;
    commit.file(
        "index.html",
        templates::render("html/index.html", &index, &options)?,
    )?;
    commit.publish()?;
    Ok(pages)
}

/// What every exercise page shares: the set's sheets, its answer forms and the words of its pages.
fn prepare(
    (settings, base): &(exercise::Settings, Lesson),
    templates: Option<&'static crate::render::overrides::TemplateSet>,
) -> Result<(Sheets, Forms, Renderer)> {
    let (sheets, sample) = exercise::prepare(base, settings, true)?;
    let forms = Forms::new(&settings.options, sheets.asked(), &sample)?;
    let words = Renderer::new(&Options {
        templates,
        ..settings.options
    })?;
    Ok((sheets, forms, words))
}

/// Every network's page in every language, rendered on every core and written in order; the index's
/// entry of each network (its title in the site's language).
fn network_pages(site: &Site, commit: &mut Commit) -> Result<Vec<Document>> {
    let mut pages =
        (site.networks.iter()).flat_map(|network| Lang::ALL.map(|lang| Ok((network, lang))));
    let render = |_: &mut (), &((_, network), lang): &(&(String, Lesson), Lang)| {
        let precision = network.document.precision(site.precision);
        let options = Options {
            format: Format::Html,
            lang,
            precision,
            carry_rounded: network.document.carry_rounded(None, precision),
            templates: site.templates,
            notation: site.notation,
            backward_figure: site.backward_figure,
            ..Options::default()
        };
        render::render_files(network, &options, None)
    };
    let words = Lang::ALL.map(|lang| {
        Renderer::new(&Options {
            lang,
            templates: site.templates,
            ..Options::default()
        })
    });
    let words = words.into_iter().collect::<Result<Vec<Renderer>>>()?;
    let mut workers = vec![(); parallel::workers()];
    let mut documents: Vec<Document> = Vec::new();
    parallel::render_in_order(
        &mut pages,
        &mut workers,
        render,
        |((name, _), lang), page| {
            if lang == Lang::ALL[0] {
                documents.push(Document {
                    title: String::new(),
                    pages: (Lang::ALL.iter())
                        .map(|&lang| Page {
                            lang,
                            html_lang: lang.html_code(),
                            href: page_name(name, lang),
                        })
                        .collect(),
                });
            }
            if lang == site.lang {
                let document = documents
                    .last_mut()
                    .expect("pushed at the network's first language");
                document.title = page.title.unwrap_or_default();
            }
            commit.file(
                &page_name(name, lang),
                html::with_nav(&page.document, &switch(name, lang, &words[lang as usize])?),
            )
        },
    )?;
    Ok(documents)
}

fn page_name(name: &str, lang: Lang) -> String {
    format!("{name}.{}.html", lang.code())
}

/// The links at the top of a page: the index and, on a network's page, the page in the other language.
#[derive(Serialize)]
struct Nav<'a> {
    index: &'a str,
    other: Option<Page>,
}

/// The navigation of network `name`'s page in `lang`, in that language's words.
fn switch(name: &str, lang: Lang, words: &Renderer) -> Result<String> {
    let other = Lang::ALL.into_iter().find(|&other| other != lang);
    let nav = Nav {
        index: "index.html",
        other: other.map(|other| Page {
            lang: other,
            html_lang: other.html_code(),
            href: page_name(name, other),
        }),
    };
    words.render("html/nav.html", &nav)
}

/// What `html/answer.html` folds.
#[derive(Serialize)]
struct AnswerBlock<'a> {
    answer: &'a str,
}

/// How the exercise pages fold their answers: the built-in `html/answer.html`'s start and end around
/// each answer (drawn once), or a teacher's template rendered for each page.
enum Fold<'a> {
    Around(Shell),
    PerPage(&'a Renderer),
}

impl Fold<'_> {
    fn new(words: &Renderer) -> Result<Fold<'_>> {
        let own = (words.options().templates).is_some_and(|set| set.file(ANSWER).is_some());
        let draw = |answer: &str| words.render(ANSWER, &AnswerBlock { answer });
        Ok(match own {
            true => Fold::PerPage(words),
            false => Shell::split(draw)?.map_or(Fold::PerPage(words), Fold::Around),
        })
    }

    /// The answer folded: start, answer and end.
    fn fold<'s>(&'s self, answer: &'s str) -> Result<[std::borrow::Cow<'s, str>; 3]> {
        Ok(match self {
            Fold::Around(shell) => [
                (&shell.start[..]).into(),
                answer.into(),
                (&shell.end[..]).into(),
            ],
            Fold::PerPage(words) => {
                let folded = words.render(ANSWER, &AnswerBlock { answer })?;
                [folded.into(), "".into(), "".into()]
            }
        })
    }
}

/// The template that folds an exercise page's answer.
const ANSWER: &str = "html/answer.html";

/// A variant's page, `nav` (HTML) at its top: its question with its network figure (SVG), the form that
/// checks answers (shown by its script), then its worked answer folded in a `<details>`.
fn exercise_page(
    variant: &exercise::Variant,
    (sheets, forms, words, nav, fold): (&Sheets, &Forms, &Renderer, &str, &Fold),
    options: Options,
    typesetter: &mut Typesetter,
) -> Result<String> {
    let figure = Figure::network(&variant.trace, options.precision).svg();
    let question = sheets.question(&variant.trace, &variant.label, None, &figure)?;
    let answer = sheets.answer(&variant.trace)?;
    let form = forms.form((&variant.trace, &variant.answers), typesetter)?;
    let answer = typesetter.body(&answer)?;
    let [before, answer, after] = fold.fold(&answer)?;
    let shell = Shell::new(words, &html::title(&question))?;
    let question = typesetter.body(&question)?;
    let parts = [
        &question[..],
        &form,
        &before,
        &answer,
        &after,
        check::SCRIPT,
    ];
    Ok(shell.around_with_nav(&parts, nav))
}
