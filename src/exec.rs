//! Finding and running the real package manager.
//!
//! [`find_real`] walks PATH like `execvp` but skips ccdeps's own shims two
//! ways: any PATH entry that is (after canonicalization, so duplicates and
//! symlinked spellings count) a known shim folder, and any candidate whose
//! first bytes carry [`SHIM_MARKER`]. [`exec`] replaces the process (exit code
//! and signals need no forwarding); [`spawn_and_wait`] runs the tool as a child
//! for flows that must run it more than once, forwarding SIGINT/SIGTERM/
//! SIGHUP/SIGQUIT and returning its code or 128+signal.

use std::ffi::{OsStr, OsString};
use std::io::{self, Read};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The line every ccdeps shim carries (checked in the first [`MARKER_WINDOW`] bytes).
pub const SHIM_MARKER: &str = "# ccdeps-shim:";
/// How many bytes of a candidate are read to look for the marker.
pub const MARKER_WINDOW: usize = 256;

/// Exit code when the real tool cannot be found (as a shell would say).
pub const NOT_FOUND: u8 = 127;
/// Exit code when it was found but could not be started.
pub const CANNOT_EXEC: u8 = 126;

#[derive(Debug, thiserror::Error)]
pub enum ExecError {
    #[error(
        "cannot find the real `{program}` on PATH (searched: {searched}; ccdeps shims skipped). Install {program}, or fix PATH so it comes after the ccdeps shims."
    )]
    NotFound { program: String, searched: String },
    #[error("cannot run {}: {source}", path.display())]
    Start { path: PathBuf, source: io::Error },
    #[error("waiting for {}: {source}", path.display())]
    Wait { path: PathBuf, source: io::Error },
}

impl ExecError {
    /// The exit code `ccdeps run` should end with.
    pub fn exit_code(&self) -> u8 {
        match self {
            ExecError::NotFound { .. } => NOT_FOUND,
            ExecError::Start { .. } | ExecError::Wait { .. } => CANNOT_EXEC,
        }
    }
}

/// Finds `program` on `path` (a PATH value), skipping `shim_dirs` and marked shims.
/// A `program` containing `/` is taken as is.
pub fn find_real(program: &str, path: &OsStr, shim_dirs: &[PathBuf]) -> Result<PathBuf, ExecError> {
    if program.contains('/') {
        let p = PathBuf::from(program);
        return if is_executable(&p) && !is_shim(&p) {
            Ok(p)
        } else {
            Err(ExecError::NotFound {
                program: program.to_string(),
                searched: program.to_string(),
            })
        };
    }
    // Canonicalized lazily: only folders that hold a candidate are compared.
    let mut shims: Option<Vec<PathBuf>> = None;
    for dir in std::env::split_paths(path) {
        // An empty entry means the current folder, as for execvp.
        let dir = if dir.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            dir
        };
        let candidate = dir.join(program);
        if !is_executable(&candidate) {
            continue;
        }
        let shims = shims.get_or_insert_with(|| {
            shim_dirs
                .iter()
                .filter_map(|d| d.canonicalize().ok())
                .collect()
        });
        if dir.canonicalize().is_ok_and(|c| shims.contains(&c)) || is_shim(&candidate) {
            continue;
        }
        return Ok(candidate);
    }
    Err(ExecError::NotFound {
        program: program.to_string(),
        searched: searched(path),
    })
}

/// PATH as a readable list, with no more than a few hundred characters.
fn searched(path: &OsStr) -> String {
    let s = path.to_string_lossy();
    if s.is_empty() {
        return "PATH is empty".into();
    }
    let mut out: String = s.chars().take(400).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

fn is_executable(p: &Path) -> bool {
    std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// Does the file start with a ccdeps shim? Reads at most [`MARKER_WINDOW`] bytes.
pub fn is_shim(p: &Path) -> bool {
    let Ok(f) = std::fs::File::open(p) else {
        return false;
    };
    let mut buf = [0u8; MARKER_WINDOW];
    let mut n = 0;
    let mut r = f.take(MARKER_WINDOW as u64);
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) | Err(_) => break,
            Ok(k) => n += k,
        }
    }
    let marker = SHIM_MARKER.as_bytes();
    buf[..n].windows(marker.len()).any(|w| w == marker)
}

/// What to run: the program found on PATH, how `argv[0]` reads, and the words
/// that come before the user's arguments (`python3 -m pip …`).
#[derive(Clone, Debug)]
pub struct Target {
    pub path: PathBuf,
    pub arg0: OsString,
    pub prefix: Vec<OsString>,
}

impl Target {
    fn command(&self, args: &[OsString]) -> Command {
        let mut c = Command::new(&self.path);
        c.arg0(&self.arg0).args(&self.prefix).args(args);
        c
    }
}

/// Replaces this process with the real tool. Returns only on failure.
pub fn exec(t: &Target, args: &[OsString]) -> ExecError {
    let source = t.command(args).exec();
    ExecError::Start {
        path: t.path.clone(),
        source,
    }
}

/// Runs the real tool as a child, forwarding termination signals, and returns
/// its exit code (128+N when it died of signal N).
pub fn spawn_and_wait(t: &Target, args: &[OsString]) -> Result<u8, ExecError> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let mut child = t.command(args).spawn().map_err(|source| ExecError::Start {
        path: t.path.clone(),
        source,
    })?;
    let pid = rustix::process::Pid::from_child(&child);
    // On a terminal, Ctrl-C already reaches the whole foreground group: only
    // forward SIGINT when it was sent to us alone.
    let forward_int = !std::io::IsTerminal::is_terminal(&std::io::stdin());
    let signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP, SIGQUIT]);
    let handle = signals.as_ref().ok().map(|s| s.handle());
    let forwarder = signals.ok().map(|mut s| {
        std::thread::spawn(move || {
            for sig in s.forever() {
                if sig == SIGINT && !forward_int {
                    continue;
                }
                if let Some(sig) = rustix::process::Signal::from_named_raw(sig) {
                    let _ = rustix::process::kill_process(pid, sig);
                }
            }
        })
    });
    let status = child.wait();
    if let Some(h) = handle {
        h.close();
    }
    if let Some(f) = forwarder {
        let _ = f.join();
    }
    let status = status.map_err(|source| ExecError::Wait {
        path: t.path.clone(),
        source,
    })?;
    Ok(match (status.code(), status.signal()) {
        (Some(c), _) => u8::try_from(c).unwrap_or(1),
        (None, Some(s)) => u8::try_from(128 + s).unwrap_or(255),
        (None, None) => 1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn write_exe(p: &Path, body: &str) {
        std::fs::write(p, body).unwrap();
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o755)).unwrap();
    }

    #[test]
    fn skips_shim_dirs_twice_and_through_symlinks_and_marked_shims() {
        let t = tempfile::tempdir().unwrap();
        let shims = t.path().join("shims");
        let link = t.path().join("shims-link");
        let other = t.path().join("other-shims");
        let real = t.path().join("real");
        for d in [&shims, &other, &real] {
            std::fs::create_dir(d).unwrap();
        }
        symlink(&shims, &link).unwrap();
        write_exe(&shims.join("npm"), "#!/bin/sh\nexit 1\n");
        write_exe(
            &other.join("npm"),
            &format!("#!/bin/sh\n{SHIM_MARKER} npm\nexit 1\n"),
        );
        write_exe(&real.join("npm"), "#!/bin/sh\necho real\n");
        let path = std::env::join_paths([&shims, &link, &shims, &other, &real]).unwrap();
        let found = find_real("npm", &path, std::slice::from_ref(&shims)).unwrap();
        assert_eq!(found, real.join("npm"));
        let path = std::env::join_paths([&shims, &other]).unwrap();
        let err = find_real("npm", &path, &[shims]).unwrap_err();
        assert_eq!(err.exit_code(), NOT_FOUND);
        assert!(
            err.to_string().contains("cannot find the real `npm`"),
            "{err}"
        );
    }

    #[test]
    fn child_exit_code_and_signal() {
        let t = tempfile::tempdir().unwrap();
        let sh = |body: &str| {
            let p = t.path().join(format!("s{}", body.len()));
            write_exe(&p, &format!("#!/bin/sh\n{body}\n"));
            Target {
                path: p,
                arg0: "x".into(),
                prefix: vec![],
            }
        };
        assert_eq!(spawn_and_wait(&sh("exit 7"), &[]).unwrap(), 7);
        assert_eq!(spawn_and_wait(&sh("kill -TERM $$"), &[]).unwrap(), 128 + 15);
    }
}
