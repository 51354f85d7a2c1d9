//! One error type for the whole pipeline, and the exit-code policy: bad input is 2, anything else 1.

use std::path::PathBuf;

/// Everything that can go wrong between reading a network file and writing a document.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The network file could not be read.
    #[error("cannot read {path}: {source}; check the path and that the file is readable")]
    Read {
        /// The file that was asked for.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The network file is not valid TOML, or does not have the schema's shape.
    #[error("{place}: {message}")]
    Syntax {
        /// `file`, `file:line:column` where toml gives a span.
        place: String,
        /// toml's own explanation.
        message: String,
    },
    /// The file parses but a value in it cannot make a network.
    #[error("{place}: `{field}` {problem}; {fix}")]
    Invalid {
        /// `file:line:column` of the offending value.
        place: String,
        /// The field's path, such as `layers[1].weights`.
        field: String,
        /// What is wrong with it.
        problem: String,
        /// How to fix it.
        fix: String,
    },
    /// The step overflows f64: some result of the arithmetic is infinite or not a number.
    #[error(
        "{file}: the arithmetic overflows f64: {quantity} is {value}; use smaller weights, inputs or \
         learning rate"
    )]
    NotFinite {
        /// The network file.
        file: String,
        /// The first quantity that is not finite, as the document names it.
        quantity: String,
        /// Its value (inf, -inf or NaN).
        value: f64,
    },
    /// A command-line value that clap could not check by itself.
    #[error("{0}")]
    Usage(String),
    /// TeX that pulldown-latex cannot typeset as MathML (for HTML output).
    #[error("{0}")]
    Math(String),
    /// A teacher's own template (`--templates DIR`) failed to parse or render.
    #[error("template error in your templates: {0}")]
    UserTemplate(String),
    /// A template failed to render (a bug in a built-in template, or a user's template).
    #[error("template error: {0}")]
    Template(String),
    /// `-f pdf` without the TeX engine it needs.
    #[error(
        "cannot make a PDF: {engine} is not installed; install TeX Live, on Debian or Ubuntu with \
         `apt-get install --no-install-recommends {packages}`, or write LaTeX with -f tex"
    )]
    MissingEngine {
        /// The engine that was looked for on the PATH.
        engine: String,
        /// The Debian packages to install.
        packages: &'static str,
    },
    /// The TeX engine failed; no PDF was written.
    #[error(
        "{engine} failed on the LaTeX document, so no PDF was written; from its log:\n{detail}"
    )]
    Engine {
        /// The engine that ran.
        engine: String,
        /// The relevant lines of its log, or what kept it from running.
        detail: String,
    },
    /// The teacher's files could not be kept in a new set, which was then not put in place.
    #[error(
        "cannot keep your files from {path} in the new set: {}; nothing was changed{}; {}",
        plain_io(source),
        match stranded {
            Some(folder) => format!(" but some of your files are now in {}", folder.display()),
            None => String::new(),
        },
        write_fix(source)
    )]
    Keep {
        /// The set's folder.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
        /// The folder holding files of the teacher's that could not be moved back, if any.
        stranded: Option<PathBuf>,
    },
    /// The output could not be written.
    #[error("cannot write {path}: {}; {}", plain_io(source), write_fix(source))]
    Write {
        /// The file that was to be written.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
}

/// An I/O error's message without the context a library added (such as a temporary file's name).
fn plain_io(source: &std::io::Error) -> String {
    match source.raw_os_error() {
        Some(code) => std::io::Error::from_raw_os_error(code).to_string(),
        None => source.kind().to_string(),
    }
}

/// What to do when a file cannot be written, from what the operating system said.
fn write_fix(source: &std::io::Error) -> &'static str {
    use std::io::ErrorKind;
    match source.kind() {
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => {
            "the disk (or your quota) is full; free some space and run again"
        }
        ErrorKind::ReadOnlyFilesystem => {
            "the file system is read-only; choose a place that can be written"
        }
        ErrorKind::FileTooLarge => "the file system takes no file this large; choose another place",
        ErrorKind::PermissionDenied => "check that you may write in its folder",
        _ => "check that its folder exists and can be written",
    }
}

impl Error {
    /// The process exit code for this error: 2 for bad input, 1 for everything else.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Read { .. }
            | Error::Syntax { .. }
            | Error::Invalid { .. }
            | Error::NotFinite { .. }
            | Error::UserTemplate(_)
            | Error::Usage(_) => 2,
            Error::Template(_)
            | Error::Math(_)
            | Error::Write { .. }
            | Error::Keep { .. }
            | Error::MissingEngine { .. }
            | Error::Engine { .. } => 1,
        }
    }
}

/// The result type of handprop's library.
pub type Result<T> = std::result::Result<T, Error>;
