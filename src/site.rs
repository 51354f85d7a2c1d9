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
    let documents = network_pages(site, &mut commit)?;
    let mut exercises = Vec::new();
    if let Some((settings, base)) = &site.exercises {
        commit.mkdir("exercises")?;
        let (sheets, _) = exercise::prepare(base, settings, true)?;
        let forms = Forms::new(&settings.options)?;
        let mut typesetters: Vec<Typesetter> = (0..parallel::workers())
            .map(|_| Typesetter::new())
            .collect();
        let render = |typesetter: &mut Typesetter, variant: &exercise::Variant| {
            exercise_page(variant, (&sheets, &forms), settings.options, typesetter)
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
            ..Options::default()
        };
        render::render_files(network, &options, None)
    };
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
                html::with_nav(&page.document, &switch(name, lang)),
            )
        },
    )?;
    Ok(documents)
}

fn page_name(name: &str, lang: Lang) -> String {
    format!("{name}.{}.html", lang.code())
}

/// The links at the top of a network's page: the index, and the page in the other language.
fn switch(name: &str, lang: Lang) -> String {
    let (other, label) = match lang {
        Lang::Zh => (Lang::En, "English"),
        Lang::En => (Lang::Zh, "中文"),
    };
    let index = if lang == Lang::Zh {
        "目录"
    } else {
        "Contents"
    };
    format!(
        "<nav class=\"languages\"><a href=\"index.html\">{index}</a> · <a href=\"{}\" hreflang=\"{}\">{label}</a></nav>\n",
        page_name(name, other),
        other.html_code()
    )
}

/// A variant's page: its question with its network figure (SVG), the form that checks answers (shown
/// by its script), then its worked answer folded in a `<details>`.
fn exercise_page(
    variant: &exercise::Variant,
    (sheets, forms): (&Sheets, &Forms),
    options: Options,
    typesetter: &mut Typesetter,
) -> Result<String> {
    let lang = options.lang;
    let figure = Figure::network(&variant.trace, options.precision).svg();
    let question = sheets.question(&variant.trace, &variant.label, None, &figure)?;
    let answer = sheets.answer(&variant.trace)?;
    let (summary, contents) = match lang {
        Lang::Zh => ("答案", "目录"),
        Lang::En => ("Answer", "Contents"),
    };
    let form = forms.form(&variant.trace, sheets.asked(), &variant.answers)?;
    let body = format!(
        "{}{form}<details>\n<summary>{summary}</summary>\n{}</details>\n{}",
        typesetter.body(&question)?,
        typesetter.body(&answer)?,
        check::SCRIPT
    );
    let page = html::page_styled(
        &html::title(&question),
        lang.html_code(),
        options.notation.style(),
        &body,
    );
    let nav = format!("<nav class=\"languages\"><a href=\"../index.html\">{contents}</a></nav>\n");
    Ok(html::with_nav(&page, &nav))
}
