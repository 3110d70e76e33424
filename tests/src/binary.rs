//! The real `cantilever` binary, for tests that run it as a child process (kill it, restart it). Cargo gives an
//! integration test the path of its own package's binaries only (`CARGO_BIN_EXE_<name>`), and the binary belongs
//! to the `cantilever` package, so it is built here once per test process with the cargo that runs the tests,
//! into the same target directory and profile as the test binary itself: up to date with the sources, whatever
//! was built before.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use crate::{HarnessError, Result};

/// The path of the `cantilever` binary, built (or found up to date) by `cargo build -p cantilever --bin
/// cantilever` on first use. Blocks while cargo runs: call it from a blocking context
/// (`tokio::task::spawn_blocking`).
pub fn cantilever_binary() -> Result<PathBuf> {
    static BUILT: OnceLock<std::result::Result<PathBuf, String>> = OnceLock::new();
    BUILT
        .get_or_init(|| build().map_err(|e| e.to_string()))
        .clone()
        .map_err(HarnessError::Setup)
}

fn build() -> Result<PathBuf> {
    // The test runs from <target>/<profile dir>/deps/: the binary goes to <target>/<profile dir>/.
    let exe = std::env::current_exe()?;
    let profile_dir = exe.parent().and_then(Path::parent).ok_or_else(|| {
        HarnessError::Setup(format!("{} has no profile directory", exe.display()))
    })?;
    let profile = match profile_dir.file_name().and_then(|n| n.to_str()) {
        Some("debug") => "dev".to_owned(),
        Some(name) => name.to_owned(),
        None => {
            return Err(HarnessError::Setup(
                "the profile directory has no name".into(),
            ));
        }
    };
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(&cargo)
        .current_dir(cantilever_devnet::repo_root())
        .args([
            "build",
            "--quiet",
            "-p",
            "cantilever",
            "--bin",
            "cantilever",
        ])
        .args(["--profile", &profile])
        .output()?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let tail: Vec<&str> = stderr.lines().rev().take(30).collect();
        return Err(HarnessError::Setup(format!(
            "cargo build -p cantilever --bin cantilever --profile {profile} failed ({}):\n{}",
            output.status,
            tail.into_iter().rev().collect::<Vec<_>>().join("\n")
        )));
    }
    let binary = profile_dir.join("cantilever");
    if !binary.is_file() {
        return Err(HarnessError::Setup(format!(
            "cargo built no {}",
            binary.display()
        )));
    }
    Ok(binary)
}
