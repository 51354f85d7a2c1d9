//! The package Canvas's "QTI .zip file" import takes (`--canvas`): QTI 1.2 with Canvas's own metadata.
//! Canvas documents this format only through what it exports; the layout here follows text2qti
//! (github.com/gpoore/text2qti: `qti.py`, `xml_imsmanifest.py`, `xml_assessment.py`,
//! `xml_assessment_meta.py`), whose packages Canvas imports: `imsmanifest.xml`;
//! `handprop-quiz/handprop-quiz.xml`, the questions; `handprop-quiz/assessment_meta.xml`, the quiz's
//! settings; the figures in `images/`, referenced as `$IMS-CC-FILEBASE$/images/…`.
//!
//! Canvas's quiz questions take one answer each, so every asked quantity of every variant is a
//! `numerical_question` (the key's value, exact or within half a unit of its last place, written as
//! text2qti writes an exact answer with a margin), its general feedback the variant's worked solution.
//! The quiz holds one question group per asked quantity, each drawing one of the variants' questions
//! for that quantity; each question states its network in full, with its figure. A Canvas group draws
//! independently of the others, so the quantities a student gets may come from different variants:
//! Canvas has no way to draw several questions of one variant together.

use std::fs::File;
use std::io::{BufWriter, Seek, SeekFrom, Write};

use super::Item;
use super::package::Package;
use crate::exercise::key;
use crate::moodle::escape;

/// The identifier of the quiz (its folder in the package).
const QUIZ: &str = "handprop-quiz";

/// A Canvas package being written: the figures go into the package as the variants come, the
/// questions into their quantity's group (a temporary file each, as a set may be large), and the quiz
/// file, which holds the groups one after the other, at the end.
pub struct Canvas<W: Write + Seek> {
    package: Package<W>,
    groups: Vec<BufWriter<File>>,
    names: Vec<String>,
    labels: Vec<String>,
    title: String,
}

/// The identifier of the question asking quantity `n` (from 1) of the variant `label`.
pub fn question_identifier(label: &str, n: usize) -> String {
    format!("variant-{label}-{n}")
}

impl<W: Write + Seek> Canvas<W> {
    /// Starts a package for the quiz `title` in `out`.
    pub fn new(out: W, title: &str) -> Canvas<W> {
        Canvas {
            package: Package::new(out),
            groups: Vec::new(),
            names: Vec::new(),
            labels: Vec::new(),
            title: title.to_owned(),
        }
    }

    /// Adds a variant: its figure, and each of its questions to its quantity's group.
    pub fn add(&mut self, item: &Item) -> std::io::Result<()> {
        let image = format!("images/{}.svg", item.label);
        self.package.add(&image, item.figure.as_bytes())?;
        let stem = item.stem_html(&format!("%24IMS-CC-FILEBASE%24/{image}"));
        while self.groups.len() < item.answers.len() {
            self.groups.push(BufWriter::new(tempfile::tempfile()?));
        }
        self.names = item.asked.iter().map(|a| a.name.clone()).collect();
        let solution = escape(item.solution);
        let asked = item.symbols.iter().zip(item.answers);
        for (n, ((symbol, answer), group)) in asked.zip(&mut self.groups).enumerate() {
            let text = format!("{stem}<p>\\({}\\) = ?</p>\n", escape(symbol));
            group.write_all(question(item, n + 1, (&text, &solution), answer).as_bytes())?;
        }
        self.labels.push(item.label.to_owned());
        Ok(())
    }

    /// Adds the quiz and the manifest; the writer back.
    pub fn finish(mut self) -> std::io::Result<W> {
        let meta = meta(&self.title, self.groups.len());
        self.package.add("non_cc_assessments/.keep", b"")?;
        (self.package).add(&format!("{QUIZ}/assessment_meta.xml"), meta.as_bytes())?;
        let quiz = self.package.start(&format!("{QUIZ}/{QUIZ}.xml"))?;
        write!(
            quiz,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<questestinterop \
             xmlns=\"http://www.imsglobal.org/xsd/ims_qtiasiv1p2\">\n  <assessment ident=\"{QUIZ}\" \
             title=\"{}\">\n    <qtimetadata><qtimetadatafield><fieldlabel>cc_maxattempts</fieldlabel>\
             <fieldentry>1</fieldentry></qtimetadatafield></qtimetadata>\n    \
             <section ident=\"root_section\">\n",
            escape(&self.title),
        )?;
        for (n, (group, name)) in self.groups.into_iter().zip(&self.names).enumerate() {
            write!(
                quiz,
                "    <section ident=\"quantity-{}\" title=\"{}\">\n      <selection_ordering><selection>\
                 <selection_number>1</selection_number><selection_extension><points_per_item>1\
                 </points_per_item></selection_extension></selection></selection_ordering>\n",
                n + 1,
                escape(name)
            )?;
            let mut file = group.into_inner().map_err(|e| e.into_error())?;
            file.seek(SeekFrom::Start(0))?;
            std::io::copy(&mut file, quiz)?;
            quiz.write_all(b"    </section>\n")?;
        }
        quiz.write_all(b"    </section>\n  </assessment>\n</questestinterop>\n")?;
        (self.package).add("imsmanifest.xml", manifest(&self.labels).as_bytes())?;
        self.package.finish()
    }
}

/// One numerical question: `text` (HTML) asking quantity `n` of `item`, whose answer is `answer`; its
/// feedback `solution` (the worked solution, escaped for XML once per variant).
fn question(item: &Item, n: usize, (text, solution): (&str, &str), answer: &key::Answer) -> String {
    let exact = escape(&answer.text);
    let range = match key::bounds(&answer.text) {
        Some((low, high)) => format!(
            "<or><varequal respident=\"response1\">{exact}</varequal><and>\
             <vargte respident=\"response1\">{low}</vargte><varlte respident=\"response1\">{high}\
             </varlte></and></or>"
        ),
        None => format!("<varequal respident=\"response1\">{exact}</varequal>"),
    };
    let identifier = question_identifier(item.label, n);
    let field = |label: &str, entry: &str| {
        format!(
            "<qtimetadatafield><fieldlabel>{label}</fieldlabel><fieldentry>{entry}</fieldentry>\
             </qtimetadatafield>"
        )
    };
    format!(
        "      <item ident=\"{identifier}\" title=\"{}\">\n        <itemmetadata><qtimetadata>{}{}{}{}\
         </qtimetadata></itemmetadata>\n        <presentation><material><mattext texttype=\"text/html\">\
         {}</mattext></material><response_str ident=\"response1\" rcardinality=\"Single\">\
         <render_fib fibtype=\"Decimal\"><response_label ident=\"answer1\"/></render_fib></response_str>\
         </presentation>\n        <resprocessing><outcomes><decvar maxvalue=\"100\" minvalue=\"0\" \
         varname=\"SCORE\" vartype=\"Decimal\"/></outcomes><respcondition continue=\"Yes\"><conditionvar>\
         <other/></conditionvar><displayfeedback feedbacktype=\"Response\" linkrefid=\"general_fb\"/>\
         </respcondition><respcondition continue=\"No\"><conditionvar>{range}</conditionvar>\
         <setvar action=\"Set\" varname=\"SCORE\">100</setvar></respcondition></resprocessing>\n        \
         <itemfeedback ident=\"general_fb\"><flow_mat><material><mattext texttype=\"text/html\">{}\
         </mattext></material></flow_mat></itemfeedback>\n      </item>\n",
        escape(&format!("{} {}", item.title, item.asked[n - 1].name)),
        field("question_type", "numerical_question"),
        field("points_possible", "1"),
        field("original_answer_ids", &format!("{identifier}-answer")),
        field(
            "assessment_question_identifierref",
            &format!("{identifier}-bank")
        ),
        escape(text),
        solution
    )
}

/// `assessment_meta.xml`: Canvas's settings of the quiz (unpublished, one attempt).
fn meta(title: &str, points: usize) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz identifier=\"{QUIZ}\" \
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

/// `imsmanifest.xml`: the quiz, its settings and every figure.
fn manifest(labels: &[String]) -> String {
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<manifest identifier=\"handprop-manifest\" \
         xmlns=\"http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1\">\n  <metadata><schema>IMS Content\
         </schema><schemaversion>1.1.3</schemaversion></metadata>\n  <organizations/>\n  <resources>\n    \
         <resource identifier=\"{QUIZ}\" type=\"imsqti_xmlv1p2\">\n      <file href=\"{QUIZ}/{QUIZ}.xml\"/>\n      \
         <dependency identifierref=\"{QUIZ}-meta\"/>\n    </resource>\n    <resource identifier=\"{QUIZ}-meta\" \
         type=\"associatedcontent/imscc_xmlv1p1/learning-application-resource\" \
         href=\"{QUIZ}/assessment_meta.xml\">\n      <file href=\"{QUIZ}/assessment_meta.xml\"/>\n    </resource>\n"
    );
    for label in labels {
        xml += &format!(
            "    <resource identifier=\"image-{label}\" type=\"webcontent\" href=\"images/{label}.svg\">\n      \
             <file href=\"images/{label}.svg\"/>\n    </resource>\n"
        );
    }
    xml + "  </resources>\n</manifest>\n"
}
