//! Child processes: every command is printed before it runs, and a failure
//! names the command so the user can run it again by hand.

use std::ffi::{OsStr, OsString};
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};

use thiserror::Error;

/// Failure to start or finish a child process.
#[derive(Debug, Error)]
pub enum CommandError {
    #[error("could not start `{command}`: {source}. Check that `{program}` is installed and on PATH; `cargo xtask setup` installs the project's tools.")]
    Spawn {
        command: String,
        program: String,
        source: std::io::Error,
    },
    #[error(
        "`{command}` failed ({status}). Fix the error printed above, then run that command again."
    )]
    Failed { command: String, status: ExitStatus },
    #[error("`{command}` printed output that is not UTF-8.")]
    NotUtf8 { command: String },
}

/// A command line with its environment, printed before it runs.
#[derive(Clone, Debug)]
pub struct Cmd {
    program: OsString,
    args: Vec<OsString>,
    /// Variables shown in the printed command line.
    shown_env: Vec<(String, OsString)>,
    /// Variables set quietly, such as the tool PATH shared by every command.
    hidden_env: Vec<(String, OsString)>,
    current_dir: Option<PathBuf>,
}

impl Cmd {
    pub fn new(program: impl AsRef<OsStr>) -> Self {
        Self {
            program: program.as_ref().to_owned(),
            args: Vec::new(),
            shown_env: Vec::new(),
            hidden_env: Vec::new(),
            current_dir: None,
        }
    }

    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Self {
        self.args.push(arg.as_ref().to_owned());
        self
    }

    pub fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.args
            .extend(args.into_iter().map(|arg| arg.as_ref().to_owned()));
        self
    }

    /// Sets an environment variable that is part of the printed command line.
    pub fn env(mut self, key: &str, value: impl AsRef<OsStr>) -> Self {
        self.shown_env
            .push((key.to_owned(), value.as_ref().to_owned()));
        self
    }

    /// Sets an environment variable without printing it, for values that
    /// every command shares (PATH).
    pub fn hidden_env(mut self, key: &str, value: impl AsRef<OsStr>) -> Self {
        self.hidden_env
            .push((key.to_owned(), value.as_ref().to_owned()));
        self
    }

    pub fn current_dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.current_dir = Some(dir.as_ref().to_owned());
        self
    }

    /// Runs the command with inherited stdio and fails unless it exits with 0.
    pub fn run(&self) -> Result<(), CommandError> {
        let status = self.status()?;
        if status.success() {
            Ok(())
        } else {
            Err(CommandError::Failed {
                command: self.to_string(),
                status,
            })
        }
    }

    /// Runs the command with inherited stdio and returns its exit status.
    pub fn status(&self) -> Result<ExitStatus, CommandError> {
        println!("$ {self}");
        let mut child = self.spawn_quietly(Stdio::inherit())?;
        child.wait().map_err(|source| self.spawn_error(source))
    }

    /// Runs the command, capturing stdout, and fails unless it exits with 0.
    /// Stderr still goes to the terminal so errors stay visible.
    pub fn read_stdout(&self) -> Result<String, CommandError> {
        println!("$ {self}");
        let child = self.spawn_quietly(Stdio::piped())?;
        let output = child
            .wait_with_output()
            .map_err(|source| self.spawn_error(source))?;
        if !output.status.success() {
            return Err(CommandError::Failed {
                command: self.to_string(),
                status: output.status,
            });
        }
        String::from_utf8(output.stdout).map_err(|_| CommandError::NotUtf8 {
            command: self.to_string(),
        })
    }

    /// Starts the command in the background with inherited stdio.
    pub fn spawn(&self) -> Result<Child, CommandError> {
        println!("$ {self} &");
        self.spawn_quietly(Stdio::inherit())
    }

    fn spawn_quietly(&self, stdout: Stdio) -> Result<Child, CommandError> {
        let mut command = Command::new(&self.program);
        command.args(&self.args).stdout(stdout);
        for (key, value) in self.hidden_env.iter().chain(&self.shown_env) {
            command.env(key, value);
        }
        if let Some(dir) = &self.current_dir {
            command.current_dir(dir);
        }
        command.spawn().map_err(|source| self.spawn_error(source))
    }

    fn spawn_error(&self, source: std::io::Error) -> CommandError {
        CommandError::Spawn {
            command: self.to_string(),
            program: self.program.to_string_lossy().into_owned(),
            source,
        }
    }
}

impl fmt::Display for Cmd {
    /// Formats the command as a line that a POSIX shell can run.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut words = Vec::new();
        for (key, value) in &self.shown_env {
            words.push(format!("{key}={}", shell_quote(value)));
        }
        words.push(shell_quote(&self.program));
        words.extend(self.args.iter().map(|arg| shell_quote(arg)));
        f.write_str(&words.join(" "))
    }
}

/// Quotes a word for a POSIX shell when it contains anything but plain
/// characters.
fn shell_quote(word: &OsStr) -> String {
    let text = word.to_string_lossy();
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:@,+%".contains(c));
    if plain {
        text.into_owned()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_shows_env_and_args() {
        let cmd = Cmd::new("cargo")
            .env("CHROMEDRIVER", "/usr/bin/chromedriver")
            .hidden_env("PATH", "/secret/bin")
            .args(["test", "--target", "wasm32-unknown-unknown"]);

        assert_eq!(
            cmd.to_string(),
            "CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown"
        );
    }

    #[test]
    fn display_quotes_special_words() {
        let cmd = Cmd::new("sh").args(["-c", "echo it's done", ""]);

        assert_eq!(cmd.to_string(), r"sh -c 'echo it'\''s done' ''");
    }

    #[test]
    fn run_reports_failed_command() {
        let error = Cmd::new("sh").args(["-c", "exit 3"]).run().unwrap_err();

        let message = error.to_string();
        assert!(message.contains("`sh -c 'exit 3'` failed"), "{message}");
        assert!(message.contains("exit status: 3"), "{message}");
    }

    #[test]
    fn run_reports_missing_program() {
        let error = Cmd::new("xtask-no-such-program").run().unwrap_err();

        assert!(matches!(error, CommandError::Spawn { .. }), "{error}");
    }

    #[test]
    fn read_stdout_returns_output() {
        let output = Cmd::new("sh")
            .args(["-c", "printf hello"])
            .read_stdout()
            .unwrap();

        assert_eq!(output, "hello");
    }
}
