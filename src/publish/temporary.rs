//! handprop's temporary files and folders: named after the run that made them (this boot, this process
//! and its start time), removed when the run ends, fails or is stopped by SIGINT, SIGTERM or SIGHUP, and
//! removed by a later run when the one that made them is provably gone (killed with SIGKILL, a crash).

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, Once};

/// The temporaries of this run, and the process groups of its TeX children.
static LIVE: Mutex<Live> = Mutex::new(Live {
    paths: Vec::new(),
    groups: Vec::new(),
});

/// Set when a signal stops the run: from then on the handler alone ends the process.
static STOPPING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// When a signal is stopping the run, waits for its handler to end the process (with 128 + the
/// signal), so that an error caused by the removal of a temporary is not reported in its place.
pub fn wait_if_stopping() {
    while STOPPING.load(std::sync::atomic::Ordering::SeqCst) {
        std::thread::park();
    }
}

/// Held while the run puts its files in place: a signal waits for it, so a commit is never cut short.
static PUBLISHING: Mutex<()> = Mutex::new(());

struct Live {
    paths: Vec<PathBuf>,
    groups: Vec<u32>,
}

fn live() -> MutexGuard<'static, Live> {
    LIVE.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Holds off SIGINT and SIGTERM's clean-up while the files of a commit are put in place.
pub fn publishing() -> MutexGuard<'static, ()> {
    PUBLISHING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The first 8 hex digits of this boot's id (Linux), or None where there is none.
fn boot() -> Option<String> {
    let id = std::fs::read_to_string("/proc/sys/kernel/random/boot_id").ok()?;
    Some(id.chars().filter(char::is_ascii_hexdigit).take(8).collect())
}

/// When process `pid` started (clock ticks since boot, from /proc), or None when it does not exist.
fn started(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after_name = &stat[stat.rfind(')')? + 1..];
    after_name.split_whitespace().nth(19)?.parse().ok()
}

/// The start of a temporary's name: `prefix`, this boot, this process and its start time.
pub fn prefix(prefix: &str) -> String {
    let pid = std::process::id();
    let boot = boot().unwrap_or_else(|| "0".into());
    let start = started(pid).unwrap_or(0);
    format!("{prefix}{boot}-{pid}-{start}-")
}

/// Whether `name` (made by [`prefix`] with `prefix`) belongs to a run of this boot that is gone.
fn is_dead(name: &str, prefix: &str) -> bool {
    let Some(rest) = name.strip_prefix(prefix) else {
        return false;
    };
    let mut parts = rest.splitn(4, '-');
    let (Some(boot_id), Some(pid), Some(start)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let (Ok(pid), Ok(start)) = (pid.parse::<u32>(), start.parse::<u64>()) else {
        return false;
    };
    Some(boot_id) == boot().as_deref() && boot_id != "0" && started(pid) != Some(start)
}

/// Removes from `folder` the temporaries named `prefix…` of runs that are gone, saying so on stderr: a
/// set's folder as [`super::swap::remove_stale`] says, so that nothing of the teacher's in it is lost.
pub fn sweep(folder: &Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !is_dead(name, prefix) || !owned_by_me(&entry.path()) {
            continue;
        }
        let path = entry.path();
        let removed = match entry.file_type() {
            Ok(kind) if kind.is_dir() => super::swap::remove_stale(&path),
            _ => std::fs::remove_file(&path).map(|()| None),
        };
        match removed {
            Ok(None) => eprintln!(
                "handprop: removed {}, left by a handprop run that was stopped",
                path.display()
            ),
            Ok(Some(kept)) => eprintln!(
                "handprop: removed handprop's files from {}, left by a handprop run that was stopped; the rest is not handprop's and is kept in {}",
                path.display(),
                kept.display()
            ),
            Err(_) => {}
        }
    }
}

/// Whether this user made `path` (root may remove anyone's).
fn owned_by_me(path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let me = rustix::process::geteuid();
    std::fs::symlink_metadata(path).is_ok_and(|m| me.is_root() || m.uid() == me.as_raw())
}

/// A temporary file or folder of this run: removed when dropped, or by the signal handler.
#[derive(Debug)]
pub struct Temporary {
    path: PathBuf,
}

impl Temporary {
    /// Makes a temporary with `make` and takes charge of it, a signal waiting meanwhile: one that comes
    /// while it is made finds it registered (and removes it) or not yet made.
    pub fn make(make: impl FnOnce() -> std::io::Result<PathBuf>) -> std::io::Result<Temporary> {
        install_handler();
        let _held = publishing();
        let path = make()?;
        live().paths.push(path.clone());
        Ok(Temporary { path })
    }

    /// Its path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Leaves the path alone from now on (it was put in place).
    pub fn release(mut self) {
        forget(&self.path);
        self.path = PathBuf::new();
    }
}

fn forget(path: &Path) {
    live().paths.retain(|p| p != path);
}

fn remove(path: &Path) {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => {
            // a writer may still be adding to it: try a few times
            for _ in 0..3 {
                if std::fs::remove_dir_all(path).is_ok() {
                    break;
                }
            }
        }
        Ok(_) => {
            let _ = std::fs::remove_file(path);
        }
        Err(_) => {}
    }
}

impl Drop for Temporary {
    fn drop(&mut self) {
        if !self.path.as_os_str().is_empty() {
            remove(&self.path);
            forget(&self.path);
        }
    }
}

/// A child's process group (a TeX run) to kill if handprop is stopped; forgotten when dropped.
pub struct Group(u32);

impl Group {
    /// Watches the process group `id`.
    pub fn watch(id: u32) -> Group {
        install_handler();
        live().groups.push(id);
        Group(id)
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        live().groups.retain(|g| *g != self.0);
    }
}

/// Makes `command` a child that dies with handprop: its own process group (killed on SIGINT, SIGTERM)
/// and, on Linux, SIGKILL when handprop dies any other way.
pub fn dies_with_us(command: &mut std::process::Command) {
    use std::os::unix::process::CommandExt;
    command.process_group(0);
    #[cfg(target_os = "linux")]
    // SAFETY: prctl(PR_SET_PDEATHSIG) is one system call, safe between fork and exec.
    unsafe {
        command.pre_exec(|| {
            rustix::process::set_parent_process_death_signal(Some(rustix::process::Signal::KILL))
                .map_err(std::io::Error::from)
        });
    }
}

/// On SIGINT, SIGTERM or SIGHUP: kill the TeX children, remove every temporary, exit 128 + the signal.
fn install_handler() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                STOPPING.store(true, std::sync::atomic::Ordering::SeqCst);
                let _publishing = publishing();
                let live = live();
                for group in &live.groups {
                    if let Some(pid) = rustix::process::Pid::from_raw(*group as i32) {
                        let _ =
                            rustix::process::kill_process_group(pid, rustix::process::Signal::KILL);
                    }
                }
                for path in &live.paths {
                    remove(path);
                }
                std::process::exit(128 + signal);
            }
        });
    });
}
