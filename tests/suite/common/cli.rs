//! The `gazette` binary as the tests run it: every test that spawns the
//! command line goes through [`gazette`], a small builder over
//! `std::process::Command` (as ripgrep's `tests/util.rs`), run from the
//! repository root unless told otherwise.
//!
//! ```ignore
//! let run = common::gazette().args(["check", "--strict"]).root(&dir).run();
//! assert_eq!(run.code, 0, "{}", run.stderr);
//! ```

use std::ffi::OsStr;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};

/// A `gazette` command line being put together.
pub struct Cli(Command);

/// What a finished run printed, and how it ended.
#[derive(Debug)]
pub struct Run {
    /// The exit code; -1 when a signal ended the process.
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// The built `gazette` binary, in the repository root, with no arguments yet.
pub fn gazette() -> Cli {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gazette"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    Cli(cmd)
}

impl Cli {
    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Self {
        self.0.arg(arg);
        self
    }

    pub fn args<S: AsRef<OsStr>>(mut self, args: impl IntoIterator<Item = S>) -> Self {
        self.0.args(args);
        self
    }

    /// `--root <root>`: the portal to work on.
    pub fn root(self, root: impl AsRef<Path>) -> Self {
        self.arg("--root").arg(root.as_ref())
    }

    /// Runs in `dir` instead of the repository root.
    pub fn current_dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.0.current_dir(dir);
        self
    }

    pub fn env(mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> Self {
        self.0.env(key, value);
        self
    }

    /// Runs to the end and collects what it printed (gazette prints UTF-8
    /// only: anything else fails the test).
    pub fn run(mut self) -> Run {
        Run::from(self.0.output().expect("gazette runs"))
    }

    /// Starts it in the background, its output going to `stdout` and
    /// `stderr` (for `serve`, and for builds killed or raced on purpose).
    pub fn spawn(mut self, stdout: Stdio, stderr: Stdio) -> Child {
        self.0
            .stdout(stdout)
            .stderr(stderr)
            .spawn()
            .expect("gazette starts")
    }
}

/// The output of a process [`Cli::spawn`] started, once it has ended.
impl From<Output> for Run {
    fn from(out: Output) -> Run {
        let text = |bytes: Vec<u8>, stream: &str| {
            String::from_utf8(bytes).unwrap_or_else(|e| panic!("gazette's {stream}: {e}"))
        };
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: text(out.stdout, "stdout"),
            stderr: text(out.stderr, "stderr"),
        }
    }
}

impl Run {
    pub fn success(&self) -> bool {
        self.code == 0
    }

    /// What a run that must succeed printed; panics with its error output
    /// when it failed.
    pub fn stdout_ok(self) -> String {
        assert!(self.success(), "gazette failed: {}", self.stderr);
        self.stdout
    }
}
