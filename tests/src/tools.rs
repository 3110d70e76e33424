//! Where the repository and its pinned Foundry binaries are.

use std::path::{Path, PathBuf};

use crate::{HarnessError, Result};

/// The repository root (the workspace root, parent of this crate).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

/// `node_modules/.bin`, holding forge, anvil and cast (installed by `npm ci`).
pub fn tools_dir() -> PathBuf {
    repo_root().join("node_modules").join(".bin")
}

/// The path of a pinned Foundry binary, or an error telling to run `npm ci`.
pub(crate) fn tool(name: &'static str) -> Result<PathBuf> {
    let path = tools_dir().join(name);
    if path.is_file() {
        Ok(path)
    } else {
        Err(HarnessError::ToolMissing {
            tool: name,
            path,
            root: repo_root(),
        })
    }
}

/// `PATH` with `node_modules/.bin` first: forge runs the solc shim (a node script) and callers need not
/// set anything up.
pub(crate) fn path_env() -> std::ffi::OsString {
    let mut dirs = vec![tools_dir()];
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(dirs).expect("PATH entries contain no separator")
}

/// Cargo's target directory for this build (where the test binary lives), for build products of the
/// harness itself.
pub(crate) fn target_dir() -> PathBuf {
    // Test binaries live in <target>/<profile>/deps/.
    std::env::current_exe()
        .ok()
        .and_then(|exe| {
            exe.ancestors()
                .find(|p| p.file_name().is_some_and(|n| n == "deps"))
                .map(Path::to_path_buf)
        })
        .and_then(|deps| deps.parent().and_then(Path::parent).map(Path::to_path_buf))
        .unwrap_or_else(|| repo_root().join("target"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_tool_says_to_run_npm_ci() {
        let message = tool("no-such-foundry-tool").unwrap_err().to_string();
        assert!(
            message.contains("npm ci") && message.contains("no-such-foundry-tool"),
            "{message}"
        );
    }
}
