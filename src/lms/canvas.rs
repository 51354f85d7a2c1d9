//! The package Canvas's "QTI .zip file" import takes (`--canvas`): QTI 1.2 with Canvas's own metadata.
//! Canvas documents this format only through what it exports; the layout here follows text2qti
//! (github.com/gpoore/text2qti: `qti.py`, `xml_imsmanifest.py`, `xml_assessment.py`,
//! `xml_assessment_meta.py`), whose packages Canvas imports, and R/exams' `exams2canvas`.
//!
//! One quiz per variant. A Canvas (Classic) quiz question takes one numeric answer, and a question group
//! draws on its own, independently of the other groups: a group per quantity would give a student the
//! quantities of different variants, and a variant as one question would need several numeric blanks,
//! which Canvas does not have (its "multiple blanks" compare text; R/exams refuses numeric cloze for
//! Canvas). So each variant is a quiz of its own, which the teacher assigns to one student (or a
//! section): first a text-only question stating the network with its figure, then a numerical question
//! per asked quantity (the key's value, exact or within half a unit of its last place, written as
//! text2qti writes an exact answer with a margin), the last one's general feedback the worked solution
//! (showing the figure too).
//!
//! The package: `imsmanifest.xml`; per variant `<quiz>/<quiz>.xml` (the questions) and
//! `<quiz>/assessment_meta.xml` (its settings); the figures in `images/`, referenced as
//! `$IMS-CC-FILEBASE$/images/…`. A quiz's identifier is its label and a digest of its questions, as
//! text2qti's are a digest: Canvas updates the quiz of the same identifier when a package is imported
//! again, so two different sets never overwrite each other's quizzes, and the same set updates its own.

use std::io::{Seek, Write};

use sha2::{Digest, Sha256};

use super::package::Package;
use super::{Item, xhtml};
use crate::exercise::key;
use crate::moodle::escape;

/// A Canvas package being written: each variant's quiz and figure as the variant comes, the manifest at
/// the end.
pub struct Canvas<W: Write + Seek> {
    package: Package<W>,
    /// The quizzes written so far: each one's identifier and its figure's label.
    quizzes: Vec<(String, String)>,
}

/// The identifier of the quiz of `item`: `handprop-007-` and the first 16 hex digits of the SHA-256 of
/// what it asks (its title, question and answers).
pub fn quiz_identifier(item: &Item, stem: &str) -> String {
    let mut digest = Sha256::new();
    for text in [item.label, item.title, stem] {
        digest.update(text.as_bytes());
        digest.update([0]);
    }
    for answer in item.answers {
        digest.update(answer.text.as_bytes());
        digest.update([0]);
    }
    let hex: String = (digest.finalize().iter().take(8))
        .map(|byte| format!("{byte:02x}"))
        .collect();
    format!("handprop-{}-{hex}", item.label)
}

impl<W: Write + Seek> Canvas<W> {
    /// Starts a package in `out`.
    pub fn new(out: W) -> Canvas<W> {
        Canvas {
            package: Package::new(out),
            quizzes: Vec::new(),
        }
    }

    /// Adds a variant: its figure, its quiz (named by the set and the variant) and the quiz's settings.
    pub fn add(&mut self, item: &Item) -> std::io::Result<()> {
        let image = format!("images/{}.svg", item.label);
        self.package.add(&image, item.figure.as_bytes())?;
        let src = format!("%24IMS-CC-FILEBASE%24/{image}");
        let stem = item.stem_html(&src);
        let quiz = quiz_identifier(item, &stem);
        let title = format!("{}: {}", item.set, item.title);
        let meta = meta(&quiz, &title, item.answers.len());
        (self.package).add(&format!("{quiz}/assessment_meta.xml"), meta.as_bytes())?;
        let out = self.package.start(&format!("{quiz}/{quiz}.xml"))?;
        write!(
            out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<questestinterop \
             xmlns=\"http://www.imsglobal.org/xsd/ims_qtiasiv1p2\">\n  <assessment ident=\"{quiz}\" \
             title=\"{}\">\n    <qtimetadata><qtimetadatafield><fieldlabel>cc_maxattempts</fieldlabel>\
             <fieldentry>1</fieldentry></qtimetadatafield></qtimetadata>\n    \
             <section ident=\"root_section\">\n",
            escape(&title),
        )?;
        out.write_all(text_only(&quiz, item.title, &stem).as_bytes())?;
        let solution = escape(&xhtml::from_markdown(&item.solution_markdown(&src)));
        let last = item.answers.len();
        let asked = item.symbols.iter().zip(item.answers);
        for (n, (symbol, answer)) in (1..).zip(asked) {
            let text = format!("<p>\\({}\\) = ?</p>", escape(symbol));
            let feedback = if n == last { solution.as_str() } else { "" };
            let question = (format!("{quiz}-{n}"), &item.asked[n - 1].name);
            out.write_all(numerical(question, (&text, feedback), answer).as_bytes())?;
        }
        out.write_all(b"    </section>\n  </assessment>\n</questestinterop>\n")?;
        (self.quizzes).push((quiz, item.label.to_owned()));
        Ok(())
    }

    /// Adds the manifest; the writer back.
    pub fn finish(mut self) -> std::io::Result<W> {
        self.package.add("non_cc_assessments/.keep", b"")?;
        (self.package).add("imsmanifest.xml", manifest(&self.quizzes).as_bytes())?;
        self.package.finish()
    }
}

/// A question's `<itemmetadata>`: its Canvas type, points and identifiers.
fn metadata(identifier: &str, kind: &str, points: usize) -> String {
    let field = |label: &str, entry: &str| {
        format!(
            "<qtimetadatafield><fieldlabel>{label}</fieldlabel><fieldentry>{entry}</fieldentry>\
             </qtimetadatafield>"
        )
    };
    format!(
        "<itemmetadata><qtimetadata>{}{}{}{}</qtimetadata></itemmetadata>",
        field("question_type", kind),
        field("points_possible", &points.to_string()),
        field("original_answer_ids", &format!("{identifier}-answer")),
        field(
            "assessment_question_identifierref",
            &format!("{identifier}-bank")
        ),
    )
}

/// The quiz's first question, text only (no points): the network, its figure and the task.
fn text_only(quiz: &str, title: &str, stem: &str) -> String {
    let identifier = format!("{quiz}-network");
    format!(
        "      <item ident=\"{identifier}\" title=\"{}\">\n        {}\n        <presentation><material>\
         <mattext texttype=\"text/html\">{}</mattext></material></presentation>\n      </item>\n",
        escape(title),
        metadata(&identifier, "text_only_question", 0),
        escape(stem)
    )
}

/// One numerical question, (its identifier, its title), asking `text` (HTML), whose answer is `answer`;
/// its general feedback `feedback` (already escaped for XML), none when empty.
fn numerical(
    (identifier, title): (String, &String),
    (text, feedback): (&str, &str),
    answer: &key::Answer,
) -> String {
    let exact = escape(&answer.text);
    let range = match key::bounds(&answer.text) {
        Some((low, high)) => format!(
            "<or><varequal respident=\"response1\">{exact}</varequal><and>\
             <vargte respident=\"response1\">{low}</vargte><varlte respident=\"response1\">{high}\
             </varlte></and></or>"
        ),
        None => format!("<varequal respident=\"response1\">{exact}</varequal>"),
    };
    let (show, general) = match feedback {
        "" => (String::new(), String::new()),
        _ => (
            "<respcondition continue=\"Yes\"><conditionvar><other/></conditionvar>\
             <displayfeedback feedbacktype=\"Response\" linkrefid=\"general_fb\"/></respcondition>"
                .to_owned(),
            format!(
                "\n        <itemfeedback ident=\"general_fb\"><flow_mat><material><mattext \
                 texttype=\"text/html\">{feedback}</mattext></material></flow_mat></itemfeedback>"
            ),
        ),
    };
    format!(
        "      <item ident=\"{identifier}\" title=\"{}\">\n        {}\n        <presentation><material>\
         <mattext texttype=\"text/html\">{}</mattext></material><response_str ident=\"response1\" \
         rcardinality=\"Single\"><render_fib fibtype=\"Decimal\"><response_label ident=\"answer1\"/>\
         </render_fib></response_str></presentation>\n        <resprocessing><outcomes><decvar \
         maxvalue=\"100\" minvalue=\"0\" varname=\"SCORE\" vartype=\"Decimal\"/></outcomes>{show}\
         <respcondition continue=\"No\"><conditionvar>{range}</conditionvar><setvar action=\"Set\" \
         varname=\"SCORE\">100</setvar></respcondition></resprocessing>{general}\n      </item>\n",
        escape(title),
        metadata(&identifier, "numerical_question", 1),
        escape(text),
    )
}

/// A quiz's `assessment_meta.xml`: Canvas's settings of it (unpublished, one attempt).
fn meta(quiz: &str, title: &str, points: usize) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz identifier=\"{quiz}\" \
         xmlns=\"http://canvas.instructure.com/xsd/cccv1p0\">\n  <title>{}</title>\n  \
         <description></description>\n  <shuffle_answers>false</shuffle_answers>\n  \
         <scoring_policy>keep_highest</scoring_policy>\n  <hide_results></hide_results>\n  \
         <quiz_type>assignment</quiz_type>\n  <points_possible>{points}.0</points_possible>\n  \
         <show_correct_answers>true</show_correct_answers>\n  <allowed_attempts>1</allowed_attempts>\n  \
         <one_question_at_a_time>false</one_question_at_a_time>\n  <cant_go_back>false</cant_go_back>\n  \
         <available>false</available>\n</quiz>\n",
        escape(title)
    )
}

/// `imsmanifest.xml`: each quiz with its settings, and every figure.
fn manifest(quizzes: &[(String, String)]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<manifest identifier=\"handprop-manifest\" \
         xmlns=\"http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1\">\n  <metadata><schema>IMS Content\
         </schema><schemaversion>1.1.3</schemaversion></metadata>\n  <organizations/>\n  <resources>\n",
    );
    for (quiz, _) in quizzes {
        xml += &format!(
            "    <resource identifier=\"{quiz}\" type=\"imsqti_xmlv1p2\">\n      \
             <file href=\"{quiz}/{quiz}.xml\"/>\n      <dependency identifierref=\"{quiz}-meta\"/>\n    \
             </resource>\n    <resource identifier=\"{quiz}-meta\" \
             type=\"associatedcontent/imscc_xmlv1p1/learning-application-resource\" \
             href=\"{quiz}/assessment_meta.xml\">\n      <file href=\"{quiz}/assessment_meta.xml\"/>\n    \
             </resource>\n"
        );
    }
    for (_, label) in quizzes {
        xml += &format!(
            "    <resource identifier=\"image-{label}\" type=\"webcontent\" href=\"images/{label}.svg\">\n      \
             <file href=\"images/{label}.svg\"/>\n    </resource>\n"
        );
    }
    xml + "  </resources>\n</manifest>\n"
}
