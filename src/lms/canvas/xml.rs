//! The XML of a Canvas package, as Canvas's own export writes it (`lib/cc/qti/qti_generator.rb`,
//! `lib/cc/qti/qti_items.rb`): the quiz's head with its question group, a fill-in-multiple-blanks
//! question, the quiz's settings (`assessment_meta.xml`) and the manifest.

use crate::moodle::escape;

/// One variant as a fill-in-multiple-blanks question.
pub(super) struct Question<'a> {
    /// Its identifier, unique in the course.
    pub ident: &'a str,
    /// Its name (`Exercise 007`).
    pub title: &'a str,
    /// Its text, HTML, with each blank written `[name]` in it.
    pub html: &'a str,
    /// Each blank's name and the texts it accepts, the key's first.
    pub blanks: &'a [(String, Vec<String>)],
    /// The worked solution, HTML: the general feedback.
    pub solution: &'a str,
}

/// A question's `<itemmetadata>`: its Canvas type, points and bank question.
fn metadata(identifier: &str, points: usize) -> String {
    let field = |label: &str, entry: &str| {
        format!(
            "<qtimetadatafield><fieldlabel>{label}</fieldlabel><fieldentry>{entry}</fieldentry>\
             </qtimetadatafield>"
        )
    };
    format!(
        "<itemmetadata><qtimetadata>{}{}{}</qtimetadata></itemmetadata>",
        field("question_type", "fill_in_multiple_blanks_question"),
        field("points_possible", &points.to_string()),
        field(
            "assessment_question_identifierref",
            &format!("{identifier}-bank")
        ),
    )
}

/// The `<item>` of `question`: a blank (`response_lid`) per asked quantity, each accepted text a choice
/// of it (Canvas's import takes every choice of a fill-in-multiple-blanks blank as a right answer);
/// scored as Canvas scores it, an equal share per blank; the worked solution as general feedback.
pub(super) fn item(question: &Question) -> String {
    let blanks = question.blanks;
    let mut xml = format!(
        "        <item ident=\"{}\" title=\"{}\">\n          {}\n          <presentation><material>\
         <mattext texttype=\"text/html\">{}</mattext></material>",
        question.ident,
        escape(question.title),
        metadata(question.ident, blanks.len()),
        escape(question.html),
    );
    for (blank, texts) in blanks {
        xml += &format!(
            "\n            <response_lid ident=\"response_{blank}\"><material><mattext>{blank}</mattext>\
             </material><render_choice>"
        );
        for (n, text) in (1..).zip(texts) {
            xml += &format!(
                "<response_label ident=\"{blank}-{n}\"><material><mattext texttype=\"text/plain\">\
                 {}</mattext></material></response_label>",
                escape(text)
            );
        }
        xml += "</render_choice></response_lid>";
    }
    let share = format!("{:.2}", 100.0 / blanks.len().max(1) as f64);
    xml += "\n          </presentation>\n          <resprocessing><outcomes><decvar maxvalue=\"100\" \
            minvalue=\"0\" varname=\"SCORE\" vartype=\"Decimal\"/></outcomes><respcondition \
            continue=\"Yes\"><conditionvar><other/></conditionvar><displayfeedback \
            feedbacktype=\"Response\" linkrefid=\"general_fb\"/></respcondition>";
    for (blank, _) in blanks {
        xml += &format!(
            "\n            <respcondition><conditionvar><varequal respident=\"response_{blank}\">\
             {blank}-1</varequal></conditionvar><setvar varname=\"SCORE\" action=\"Add\">{share}\
             </setvar></respcondition>"
        );
    }
    xml + &format!(
        "\n          </resprocessing>\n          <itemfeedback ident=\"general_fb\"><flow_mat>\
         <material><mattext texttype=\"text/html\">{}</mattext></material></flow_mat>\
         </itemfeedback>\n        </item>\n",
        escape(question.solution)
    )
}

/// The quiz `quiz`'s file up to its questions: the quiz named `title`, its root section holding one
/// question group named `group` from which Canvas draws one question, worth `points`, per student.
pub(super) fn quiz_head(quiz: &str, (title, group): (&str, &str), points: usize) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<questestinterop \
         xmlns=\"http://www.imsglobal.org/xsd/ims_qtiasiv1p2\">\n  <assessment ident=\"{quiz}\" \
         title=\"{}\">\n    <qtimetadata><qtimetadatafield><fieldlabel>cc_maxattempts</fieldlabel>\
         <fieldentry>1</fieldentry></qtimetadatafield></qtimetadata>\n    \
         <section ident=\"root_section\">\n      <section ident=\"{quiz}-group\" title=\"{}\">\n        \
         <selection_ordering><selection><selection_number>1</selection_number><selection_extension>\
         <points_per_item>{points}</points_per_item></selection_extension></selection>\
         </selection_ordering>\n",
        escape(title),
        escape(group),
    )
}

/// The quiz's file after its questions.
pub(super) const QUIZ_TAIL: &str =
    "      </section>\n    </section>\n  </assessment>\n</questestinterop>\n";

/// A quiz's `assessment_meta.xml`: Canvas's settings of it (unpublished, one attempt).
pub(super) fn meta(quiz: &str, title: &str, points: usize) -> String {
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

/// `imsmanifest.xml`: the quiz with its settings, and every figure (by its variant's label).
pub(super) fn manifest(quiz: &str, labels: &[String]) -> String {
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<manifest identifier=\"handprop-manifest\" \
         xmlns=\"http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1\">\n  <metadata><schema>IMS Content\
         </schema><schemaversion>1.1.3</schemaversion></metadata>\n  <organizations/>\n  <resources>\n    \
         <resource identifier=\"{quiz}\" type=\"imsqti_xmlv1p2\">\n      \
         <file href=\"{quiz}/{quiz}.xml\"/>\n      <dependency identifierref=\"{quiz}-meta\"/>\n    \
         </resource>\n    <resource identifier=\"{quiz}-meta\" \
         type=\"associatedcontent/imscc_xmlv1p1/learning-application-resource\" \
         href=\"{quiz}/assessment_meta.xml\">\n      <file href=\"{quiz}/assessment_meta.xml\"/>\n    \
         </resource>\n"
    );
    for label in labels {
        xml += &format!(
            "    <resource identifier=\"image-{label}\" type=\"webcontent\" href=\"images/{label}.svg\">\n      \
             <file href=\"images/{label}.svg\"/>\n    </resource>\n"
        );
    }
    xml + "  </resources>\n</manifest>\n"
}
