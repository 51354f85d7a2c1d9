//! A teacher's templates (`--templates DIR`) render under a budget: at most [`MAX_SECONDS`] and
//! [`MAX_BYTES`] of output a document, so that a template that loops (nested `range`s) or grows without
//! end is bad input named in one line, not a run that hangs or takes all memory. The built-in templates
//! render without it.

use std::io::Write;
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use tera::{Context, Tera};

use super::overrides::TemplateSet;
use crate::error::{Error, Result};

/// The most seconds one document may take to render through a teacher's templates (the built-in ones
/// render the largest network's, 20,000 weights, in about 3 s in a release build, 7 s in a debug one).
pub const MAX_SECONDS: u64 = 60;

/// The most bytes of one document rendered through a teacher's templates (the built-in ones write the
/// largest network's in 23 MB of LaTeX, 19 MB of Markdown).
pub const MAX_BYTES: usize = 256 << 20;

/// The most memory (KiB) rendering one document through a teacher's templates may add to handprop's
/// (where the system tells: Linux), checked every 50 ms: a template that doubles a string in a loop is
/// stopped at about this much, not when the machine runs out.
pub const MAX_MEMORY_KIB: u64 = 512 << 10;

/// handprop's resident memory in KiB, where the system tells it (`/proc/self/status`).
fn resident_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Why [`Bounded`] refused to take more.
#[derive(Debug)]
struct OverBudget;

impl std::fmt::Display for OverBudget {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("the template is over its budget of time or size")
    }
}

impl std::error::Error for OverBudget {}

/// Template output held in memory, refused past [`MAX_BYTES`] or after the deadline. It is kept in
/// chunks of at least [`CHUNK`] bytes, never moved once written: a buffer that doubled would hold its
/// old and new copies at once (allocators that do not remap copy them), so memory would pass
/// [`MAX_MEMORY_KIB`] before the output passed [`MAX_BYTES`].
struct Bounded {
    chunks: Vec<Vec<u8>>,
    written: usize,
    deadline: Instant,
}

/// The least bytes of a chunk of [`Bounded`].
const CHUNK: usize = 1 << 20;

impl Bounded {
    /// The output, in one piece.
    fn text(self) -> Vec<u8> {
        self.chunks.concat()
    }
}

impl Write for Bounded {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if self.written + bytes.len() > MAX_BYTES || Instant::now() > self.deadline {
            return Err(std::io::Error::other(OverBudget));
        }
        match self.chunks.last_mut() {
            Some(chunk) if chunk.capacity() - chunk.len() >= bytes.len() => {
                chunk.extend_from_slice(bytes)
            }
            _ => {
                let mut chunk = Vec::with_capacity(bytes.len().max(CHUNK));
                chunk.extend_from_slice(bytes);
                self.chunks.push(chunk);
            }
        }
        self.written += bytes.len();
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Renders template `name` of `tera` (which holds the teacher's templates `set`) on a thread of its own,
/// waiting at most [`MAX_SECONDS`]: a template past the budget is an error naming the teacher's file.
/// (A thread past its time cannot be stopped; it is left behind, and ends with handprop, which stops
/// on the error.)
pub fn render(tera: &Arc<Tera>, name: &str, context: Context, set: &TemplateSet) -> Result<String> {
    let deadline = Instant::now() + Duration::from_secs(MAX_SECONDS);
    let (send, receive) = mpsc::channel();
    let (tera, template) = (Arc::clone(tera), name.to_owned());
    std::thread::spawn(move || {
        let mut out = Bounded {
            chunks: Vec::new(),
            written: 0,
            deadline,
        };
        let result = tera.render_to(&template, &context, &mut out);
        let _ = send.send(result.map(|()| out));
    });
    let over = |what: String| {
        let file = set
            .file(name)
            .map_or_else(|| name.to_owned(), |f| f.display().to_string());
        Error::UserTemplate(format!(
            "{file} {what}; look for a loop that runs too long (nested `for` over large `range`s)"
        ))
    };
    let start = resident_kib();
    let received = loop {
        let wait = deadline.saturating_duration_since(Instant::now());
        match receive.recv_timeout(wait.min(Duration::from_millis(50))) {
            Err(mpsc::RecvTimeoutError::Timeout) if !wait.is_zero() => {}
            received => break received,
        }
        if let (Some(start), Some(now)) = (start, resident_kib())
            && now.saturating_sub(start) > MAX_MEMORY_KIB
        {
            return Err(over(format!(
                "took more than {} MiB of memory to render",
                MAX_MEMORY_KIB >> 10
            )));
        }
    };
    match received {
        Ok(Ok(out)) => Ok(String::from_utf8(out.text()).expect("tera writes UTF-8")),
        Ok(Err(error)) if is_over_budget(&error) => Err(over(format!(
            "took more than {MAX_SECONDS} s or wrote more than {} MiB to render",
            MAX_BYTES >> 20
        ))),
        Ok(Err(error)) => Err(super::templates::template_error(error)),
        Err(_) => Err(over(format!("took more than {MAX_SECONDS} s to render"))),
    }
}

/// True when tera stopped because [`Bounded`] refused to take more.
fn is_over_budget(error: &tera::Error) -> bool {
    let mut cause: Option<&dyn std::error::Error> = Some(error);
    while let Some(inner) = cause {
        let io = inner.downcast_ref::<std::io::Error>();
        if io
            .and_then(|e| e.get_ref())
            .is_some_and(|e| e.is::<OverBudget>())
        {
            return true;
        }
        cause = inner.source();
    }
    false
}
