//! The backward-pass figure of scalar documents (`backward_figure`) in real programs: zh (xelatex) and
//! en (pdflatex) compile with no line more than 10 pt too wide for networks up to 6 wide and 3 layers
//! deep, and Chromium renders the page with its caption's math as MathML and no `<merror>`, on a
//! phone's width the figure at its drawn size (scrolled sideways, its labels as large as on a laptop).
//! Ignored in a plain `cargo test`; `.ci/run` installs the programs; they fail when one is missing.

use std::path::Path;

use handprop::activation::Activation;
use handprop::network::{Bias, Layer, Network};
use handprop::render::Notation;
use handprop::{Format, Lang, Lesson, Options, Precision, pdf, render, spec};

/// A network of widths 6-6-6 (inputs first), its numbers spread over [−0.5, 0.5).
fn six_wide() -> Lesson {
    let mut k = 0;
    let mut next = move || {
        k += 1;
        ((k * 37) % 100) as f64 / 100.0 - 0.5
    };
    let mut layer = |activation| {
        let weights = (0..6).map(|_| (0..6).map(|_| next()).collect()).collect();
        let bias = Bias::PerNeuron((0..6).map(|_| next()).collect());
        Layer::new(weights, bias, activation).unwrap()
    };
    let layers = vec![layer(Activation::Tanh), layer(Activation::Sigmoid)];
    let inputs = vec![0.1, 0.2, 0.3, 0.4, 0.5, 0.6];
    let targets = vec![0.9, 0.1, 0.8, 0.2, 0.7, 0.3];
    Lesson::new(Network::new(0.5, inputs, targets, layers, true).unwrap())
}

fn lessons() -> Vec<(String, Lesson)> {
    let mut all = vec![("seed".to_owned(), spec::seed_lesson())];
    for name in ["3-4-2", "2-3-3-1-relu", "2-3-2-tanh"] {
        let file = Path::new("examples").join(format!("{name}.toml"));
        all.push((name.to_owned(), spec::load(&file).unwrap()));
    }
    all.push(("6-6-6".to_owned(), six_wide()));
    all
}

fn options(format: Format, lang: Lang) -> Options {
    Options {
        format,
        lang,
        precision: Precision::Full,
        notation: Notation::Scalar,
        backward_figure: true,
        ..Options::default()
    }
}

#[test]
#[ignore = "needs TeX Live (xelatex, pdflatex); run by .ci/run"]
fn the_scalar_figure_compiles_and_fits_the_page() {
    for (name, lesson) in lessons() {
        for lang in Lang::ALL {
            let tex = render(&lesson, &options(Format::Tex, lang)).unwrap();
            assert!(
                tex.contains("\\delta_{"),
                "{name}: the figure is in the LaTeX"
            );
            let compiled = pdf::build(&tex, lang).expect("the document compiles");
            let too_wide: Vec<f64> = crate::pdf::overfull(&compiled.log)
                .into_iter()
                .filter(|&pt| pt > 10.0)
                .collect();
            assert!(
                too_wide.is_empty(),
                "{name} [{lang:?}]: Overfull \\hbox of {too_wide:?} pt"
            );
        }
    }
}

#[test]
#[ignore = "needs chromium; run by .ci/run"]
fn the_scalar_figure_s_page_renders_in_chromium() {
    let dir = tempfile::tempdir().unwrap();
    for (name, lesson) in lessons() {
        for lang in Lang::ALL {
            let html = render(&lesson, &options(Format::Html, lang)).unwrap();
            let page = dir.path().join(format!("{name}-{lang:?}.html"));
            std::fs::write(&page, &html).unwrap();
            let dom = String::from_utf8(crate::browser::browse(&page, &["--dump-dom"])).unwrap();
            assert!(!dom.contains("<merror"), "{name} {lang:?}");
            let figure = &dom[dom.find("<figure class=\"backward\">").expect("the figure")..];
            let caption = &figure[figure.find("<figcaption>").unwrap()..];
            let caption = &caption[..caption.find("</figcaption>").unwrap()];
            assert!(caption.contains("<math"), "{name} {lang:?}: {caption}");
            assert!(!caption.contains('$'), "{name} {lang:?}: {caption}");
            phone_width(&html, &page);
        }
    }
}

/// On a phone's width (390 px), the figure is drawn at its own width (the page scrolls it sideways),
/// not shrunk to the screen: a copy of the page with a script that writes the width it is drawn at.
fn phone_width(html: &str, page: &Path) {
    let svg = &html[html.find("<figure class=\"backward\"><svg").unwrap()..];
    let drawn: f64 = svg
        ["<figure class=\"backward\"><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"".len()..]
        .split('"')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let script = "<script>document.body.dataset.width = \
        document.querySelector('figure.backward > svg').getBoundingClientRect().width;</script>";
    let probe = page.with_extension("probe.html");
    std::fs::write(&probe, html.replace("</body>", &format!("{script}</body>"))).unwrap();
    let dom = crate::browser::browse(&probe, &["--window-size=390,800", "--dump-dom"]);
    let dom = String::from_utf8(dom).unwrap();
    let shown = dom.split("data-width=\"").nth(1).expect("the script ran");
    let shown: f64 = shown.split('"').next().unwrap().parse().unwrap();
    assert!(
        (shown - drawn).abs() < 1.0,
        "drawn {drawn} px wide, shown {shown} px on a phone"
    );
}
