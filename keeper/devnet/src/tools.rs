//! Where the repository and its pinned Foundry binaries are, found at run time so the `cantilever` binary
//! works from the repository root or any folder inside it.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use super::{DevnetError, Result};

/// The repository root: the nearest folder, from the current directory up, holding both `foundry.toml`
/// and `package.json`; failing that, the workspace this crate was built in.
pub fn repo_root() -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| find_root(&cwd))
        .unwrap_or_else(built_in_root)
}

/// The first of `start` and its ancestors that looks like the repository root.
fn find_root(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|dir| dir.join("foundry.toml").is_file() && dir.join("package.json").is_file())
        .map(Path::to_path_buf)
}

/// The repository root at build time (an ancestor of this crate, keeper/devnet).
fn built_in_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    find_root(manifest).unwrap_or_else(|| manifest.to_path_buf())
}

/// `node_modules/.bin` under the repository root, holding forge, anvil and cast (installed by `npm ci`).
pub fn tools_dir() -> PathBuf {
    repo_root().join("node_modules").join(".bin")
}

/// The path of a pinned Foundry binary, or an error telling to run `npm ci`.
pub fn tool(name: &'static str) -> Result<PathBuf> {
    let root = repo_root();
    let path = root.join("node_modules").join(".bin").join(name);
    if path.is_file() {
        Ok(path)
    } else {
        Err(DevnetError::ToolMissing {
            tool: name,
            path,
            root,
        })
    }
}

/// `PATH` with `node_modules/.bin` first: forge runs the solc shim (a node script) and callers need not
/// set anything up.
pub fn path_env() -> OsString {
    let mut dirs = vec![tools_dir()];
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    // join_paths fails only on an entry holding the separator, which split_paths never yields; keep the
    // original PATH in that impossible case rather than panic.
    std::env::join_paths(dirs).unwrap_or_else(|_| std::env::var_os("PATH").unwrap_or_default())
}

/// Cargo's target directory, for build products of the devnet itself (forge's artifacts): `$CARGO_TARGET_DIR`,
/// else the ancestor of the running executable that cargo marked with `CACHEDIR.TAG` (tests run from
/// `<target>/<profile>/deps/`, binaries from `<target>/<profile>/`), else `target/` under the repository root.
pub fn target_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
        let dir = PathBuf::from(dir);
        return if dir.is_absolute() {
            dir
        } else {
            repo_root().join(dir)
        };
    }
    std::env::current_exe()
        .ok()
        .and_then(|exe| {
            exe.ancestors()
                .skip(1)
                .find(|dir| dir.join("CACHEDIR.TAG").is_file())
                .map(Path::to_path_buf)
        })
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

    #[test]
    fn the_root_is_found_from_inside_the_repository() {
        let root = built_in_root();
        assert!(root.join("foundry.toml").is_file(), "{}", root.display());
        assert_eq!(
            find_root(&root.join("keeper").join("src")),
            Some(root.clone())
        );
        assert_eq!(find_root(&root), Some(root));
        let outside = tempfile::tempdir().unwrap();
        assert_eq!(find_root(outside.path()), None);
    }

    #[test]
    fn the_target_dir_holds_cargo_s_tag() {
        assert!(target_dir().join("CACHEDIR.TAG").is_file());
    }
}
