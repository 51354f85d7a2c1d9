//! An IMS QTI 2.1 content package (`--qti`): `items/NNN.xml`, one `assessmentItem` per variant, beside
//! its network figure `items/NNN.svg`; `test.xml`, an `assessmentTest` whose one section draws one item
//! per student; `imsmanifest.xml`, listing every file. Each asked quantity is a `textEntryInteraction`
//! of base type float, scored by `equal` with an absolute tolerance of half a unit of the answer's last
//! place; the worked solution is a `modalFeedback` shown after submission. Every item validates against
//! the IMS schema `imsqti_v2p1p2.xsd`. The math, of the question and of the worked solution, is MathML
//! (the schema imports MathML 2 into every text), typeset once per equation shape by a [`Typesetter`].

use std::io::{Seek, Write};

use super::package::Package;
use super::{Item, xhtml};
use crate::moodle::escape;
use crate::render::mathml::Typesetter;

const NAMESPACE: &str = "xmlns=\"http://www.imsglobal.org/xsd/imsqti_v2p1\" \
    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
    xsi:schemaLocation=\"http://www.imsglobal.org/xsd/imsqti_v2p1 \
    http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1p2.xsd\"";

/// A QTI package being written.
pub struct Qti<W: Write + Seek> {
    package: Package<W>,
    /// The labels of the items written so far.
    labels: Vec<String>,
    /// The set's name, which names the test.
    title: String,
    typesetter: Typesetter,
}

/// The identifier of a variant's item: `variant-007`.
pub fn identifier(label: &str) -> String {
    format!("variant-{label}")
}

/// The identifier of the response to the asked quantity number `n` (from 1).
pub fn response(n: usize) -> String {
    format!("RESPONSE_{n}")
}

impl<W: Write + Seek> Qti<W> {
    /// Starts a package in `out`.
    pub fn new(out: W) -> Qti<W> {
        Qti {
            package: Package::new(out),
            labels: Vec::new(),
            title: String::new(),
            typesetter: Typesetter::new(),
        }
    }

    /// Adds a variant's item and its figure.
    pub fn add(&mut self, item: &Item) -> std::io::Result<()> {
        let xml = item_xml(item, &mut self.typesetter).map_err(std::io::Error::other)?;
        let svg = format!("items/{}.svg", item.label);
        self.package
            .add(&format!("items/{}.xml", item.label), xml.as_bytes())?;
        self.package.add(&svg, item.figure.as_bytes())?;
        self.labels.push(item.label.to_owned());
        item.set.clone_into(&mut self.title);
        Ok(())
    }

    /// Adds the test (named by the set) and the manifest; the writer back.
    pub fn finish(mut self) -> std::io::Result<W> {
        self.package
            .add("test.xml", test_xml(&self.title, &self.labels).as_bytes())?;
        self.package
            .add("imsmanifest.xml", manifest_xml(&self.labels).as_bytes())?;
        self.package.finish()
    }
}

/// A variant's `assessmentItem`, its math typeset by `typesetter`.
pub fn item_xml(item: &Item, typesetter: &mut Typesetter) -> crate::error::Result<String> {
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<assessmentItem {NAMESPACE} identifier=\"{}\" \
         title=\"{}\" adaptive=\"false\" timeDependent=\"false\">\n",
        identifier(item.label),
        escape(item.title)
    );
    for (n, answer) in item.answers.iter().enumerate() {
        xml += &format!(
            "  <responseDeclaration identifier=\"{}\" cardinality=\"single\" baseType=\"float\">\
             <correctResponse><value>{}</value></correctResponse></responseDeclaration>\n",
            response(n + 1),
            escape(&answer.text)
        );
    }
    xml += &format!(
        "  <outcomeDeclaration identifier=\"SCORE\" cardinality=\"single\" baseType=\"float\">\
         <defaultValue><value>0</value></defaultValue></outcomeDeclaration>\n  \
         <outcomeDeclaration identifier=\"MAXSCORE\" cardinality=\"single\" baseType=\"float\">\
         <defaultValue><value>{}</value></defaultValue></outcomeDeclaration>\n  \
         <outcomeDeclaration identifier=\"FEEDBACK\" cardinality=\"single\" baseType=\"identifier\"/>\n",
        item.answers.len()
    );
    xml += "  <itemBody>\n";
    let stem = item.stem_markdown(&format!("{}.svg", item.label));
    xml += &xhtml::with_mathml(&stem, typesetter)?;
    xml += "<ul>\n";
    for (n, symbol) in item.symbols.iter().enumerate() {
        let symbol = xhtml::inline_mathml(symbol, typesetter)?;
        xml += &format!(
            "<li>{symbol} = <textEntryInteraction responseIdentifier=\"{}\" expectedLength=\"12\"/></li>\n",
            response(n + 1)
        );
    }
    xml += "</ul>\n  </itemBody>\n  <responseProcessing>\n";
    for (n, answer) in item.answers.iter().enumerate() {
        let id = response(n + 1);
        xml += &format!(
            "    <responseCondition><responseIf><equal toleranceMode=\"absolute\" tolerance=\"{} {}\">\
             <variable identifier=\"{id}\"/><correct identifier=\"{id}\"/></equal>\
             <setOutcomeValue identifier=\"SCORE\"><sum><variable identifier=\"SCORE\"/>\
             <baseValue baseType=\"float\">1</baseValue></sum></setOutcomeValue>\
             </responseIf></responseCondition>\n",
            answer.tolerance, answer.tolerance
        );
    }
    xml += "    <setOutcomeValue identifier=\"FEEDBACK\"><baseValue baseType=\"identifier\">SOLUTION\
            </baseValue></setOutcomeValue>\n  </responseProcessing>\n";
    xml += &format!(
        "  <modalFeedback outcomeIdentifier=\"FEEDBACK\" showHide=\"show\" identifier=\"SOLUTION\" \
         title=\"{}\">\n{}</modalFeedback>\n</assessmentItem>\n",
        escape(item.title),
        xhtml::with_mathml(
            &item.solution_markdown(&format!("{}.svg", item.label)),
            typesetter
        )?
    );
    Ok(xml)
}

/// The `assessmentTest`: one section drawing one of the variants for each student.
fn test_xml(title: &str, labels: &[String]) -> String {
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<assessmentTest {NAMESPACE} \
         identifier=\"handprop-set\" title=\"{}\">\n  \
         <outcomeDeclaration identifier=\"SCORE\" cardinality=\"single\" baseType=\"float\"/>\n  \
         <testPart identifier=\"part\" navigationMode=\"nonlinear\" submissionMode=\"individual\">\n    \
         <assessmentSection identifier=\"variants\" title=\"{}\" visible=\"true\">\n      \
         <selection select=\"1\"/>\n",
        escape(title),
        escape(title)
    );
    for label in labels {
        xml += &format!(
            "      <assessmentItemRef identifier=\"{}\" href=\"items/{label}.xml\"/>\n",
            identifier(label)
        );
    }
    xml += "    </assessmentSection>\n  </testPart>\n  <outcomeProcessing><setOutcomeValue \
            identifier=\"SCORE\"><sum><testVariables variableIdentifier=\"SCORE\"/></sum>\
            </setOutcomeValue></outcomeProcessing>\n</assessmentTest>\n";
    xml
}

/// `imsmanifest.xml`: the test and every item, each with its files.
fn manifest_xml(labels: &[String]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<manifest \
         xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\" identifier=\"handprop-manifest\">\n  \
         <metadata><schema>QTIv2.1 Package</schema><schemaversion>1.0.0</schemaversion></metadata>\n  \
         <organizations/>\n  <resources>\n    \
         <resource identifier=\"handprop-test\" type=\"imsqti_test_xmlv2p1\" href=\"test.xml\">\n      \
         <file href=\"test.xml\"/>\n",
    );
    for label in labels {
        xml += &format!(
            "      <dependency identifierref=\"{}\"/>\n",
            identifier(label)
        );
    }
    xml += "    </resource>\n";
    for label in labels {
        xml += &format!(
            "    <resource identifier=\"{}\" type=\"imsqti_item_xmlv2p1\" href=\"items/{label}.xml\">\n      \
             <file href=\"items/{label}.xml\"/>\n      <file href=\"items/{label}.svg\"/>\n    </resource>\n",
            identifier(label)
        );
    }
    xml + "  </resources>\n</manifest>\n"
}
