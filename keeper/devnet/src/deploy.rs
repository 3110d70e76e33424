//! Deploys the devnet with `forge script contracts/script/DeployDevnet.s.sol`, the same script a person runs.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use alloy::primitives::{Address, address};
use tempfile::TempDir;

use super::tools::{path_env, repo_root, target_dir, tool};
use super::{DevnetError, Result};

/// anvil's first dev account: the devnet script's broadcaster, owner of the core and of the price feeds.
pub const DEPLOYER: Address = address!("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");

/// Upper bound on one `forge script` deployment, compile included: the first run compiles the contracts
/// with solcjs, minutes on a busy 2-core machine.
pub const FORGE_TIMEOUT: Duration = Duration::from_secs(900);

/// Age past which a lock is stale whoever holds it: longer than any forge run may take.
const STALE_LOCK_AGE: Duration = Duration::from_secs(FORGE_TIMEOUT.as_secs() + 60);

/// How often a deployment waiting for the forge lock looks again.
const LOCK_POLL: Duration = Duration::from_millis(200);

/// Runs the devnet script against `rpc_url` with `env` added to forge's environment (`KEEPER`, `OWNER`);
/// returns the temporary directory holding the deployment JSON and the file's path (inside it).
///
/// Artifacts are the repository's own (out/ and cache/), so the script reuses what `forge build` compiled
/// (the via-IR core takes minutes with solcjs; CI builds it once). `CANTILEVER_FORGE_OUT=<dir>` sends them to
/// `<dir>/out` and `<dir>/cache` instead, for someone building out/ by hand while devnets run. A lock file
/// under the target directory serialises deployments across processes, since two forge processes compiling
/// into one folder race.
pub async fn deploy(rpc_url: &str, env: &[(&str, String)]) -> Result<(TempDir, PathBuf)> {
    let forge = tool("forge")?;
    let root = repo_root();
    // foundry.toml only lets scripts write under deployments/, so the temporary directory lives there;
    // the file name matches .gitignore's `*.local.json` in case a crash leaves it behind.
    let deployments = root.join("deployments");
    std::fs::create_dir_all(&deployments).map_err(DevnetError::io("creating deployments/"))?;
    let dir = tempfile::Builder::new()
        .prefix(".e2e-")
        .tempdir_in(&deployments)
        .map_err(DevnetError::io(
            "creating a temporary directory under deployments/",
        ))?;
    let path = dir.path().join("devnet.local.json");
    let lock_dir = target_dir();
    std::fs::create_dir_all(&lock_dir)
        .map_err(DevnetError::io(format!("creating {}", lock_dir.display())))?;
    let _lock = ForgeLock::acquire(&lock_dir.join(".forge-deploy.lock"), FORGE_TIMEOUT).await?;
    let start = Instant::now();
    let mut command = tokio::process::Command::new(&forge);
    command
        .current_dir(&root)
        .env("PATH", path_env())
        .env("DEPLOYMENT_PATH", &path)
        .envs(env.iter().map(|(k, v)| (k, v)))
        .args([
            "script",
            "contracts/script/DeployDevnet.s.sol",
            "--tc",
            "DeployDevnet",
            "--rpc-url",
            rpc_url,
            "--broadcast",
            "--unlocked",
            // One transaction at a time, each after the previous receipt: sent concurrently, forge once
            // left a nonce gap on anvil (23 queued transactions) and waited forever.
            "--slow",
        ])
        .args(["--sender", &DEPLOYER.to_string(), "--skip", "test"])
        .kill_on_drop(true);
    if let Some(dir) = std::env::var_os("CANTILEVER_FORGE_OUT").map(PathBuf::from) {
        command
            .arg("--out")
            .arg(dir.join("out"))
            .arg("--cache-path")
            .arg(dir.join("cache"));
    }
    let output = tokio::time::timeout(FORGE_TIMEOUT, command.output())
        .await
        .map_err(|_| DevnetError::ForgeTimeout(FORGE_TIMEOUT))?
        .map_err(DevnetError::io(format!("running {}", forge.display())))?;
    if !output.status.success() {
        return Err(DevnetError::Forge {
            status: output.status,
            output: tail(&output.stdout, &output.stderr),
        });
    }
    tracing::debug!(elapsed = ?start.elapsed(), "forge script deployed the devnet");
    Ok((dir, path))
}

/// The last lines of a process's output (forge prints long traces before the error).
fn tail(stdout: &[u8], stderr: &[u8]) -> String {
    let text = format!(
        "{}\n{}",
        String::from_utf8_lossy(stdout),
        String::from_utf8_lossy(stderr)
    );
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(60)..].join("\n")
}

/// A lock file created exclusively and removed on drop. It holds the owner's pid: a lock left by a process
/// that died (or older than the forge timeout) is stale and taken over.
#[derive(Debug)]
struct ForgeLock {
    path: PathBuf,
}

impl ForgeLock {
    async fn acquire(path: &Path, timeout: Duration) -> Result<Self> {
        let start = Instant::now();
        loop {
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)
            {
                Ok(mut file) => {
                    use std::io::Write;
                    // Best effort: an empty lock file still excludes, it only cannot be proven stale early.
                    let _ = write!(file, "{}", std::process::id());
                    return Ok(Self { path: path.into() });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    if is_stale(path, STALE_LOCK_AGE) {
                        // Whoever removes it first wins the next create_new; a NotFound here is fine.
                        let _ = std::fs::remove_file(path);
                        continue;
                    }
                }
                Err(e) => {
                    return Err(DevnetError::io(format!("creating {}", path.display()))(e));
                }
            }
            if start.elapsed() > timeout {
                return Err(DevnetError::ForgeLock {
                    path: path.into(),
                    waited: start.elapsed(),
                });
            }
            tokio::time::sleep(LOCK_POLL).await;
        }
    }
}

impl Drop for ForgeLock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Whether the lock at `path` was left behind: its owner is no longer running (Linux: no /proc entry), or it
/// is older than any deployment may take.
fn is_stale(path: &Path, max_age: Duration) -> bool {
    let owner_gone = std::fs::read_to_string(path)
        .ok()
        .and_then(|pid| pid.trim().parse::<u32>().ok())
        .is_some_and(|pid| {
            Path::new("/proc/self").exists() && !Path::new(&format!("/proc/{pid}")).exists()
        });
    let too_old = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|modified| SystemTime::now().duration_since(modified).ok())
        .is_some_and(|age| age > max_age);
    owner_gone || too_old
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_lock_excludes_and_recovers_from_a_dead_owner() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".lock");
        let held = ForgeLock::acquire(&path, Duration::from_secs(5))
            .await
            .unwrap();
        // Held by this (live) process: a second acquirer times out.
        let err = ForgeLock::acquire(&path, Duration::from_millis(300))
            .await
            .unwrap_err();
        assert!(matches!(err, DevnetError::ForgeLock { .. }), "{err}");
        drop(held);
        assert!(!path.exists());
        // A lock left by a pid that does not exist is taken over.
        std::fs::write(&path, "4000000000").unwrap();
        let _taken = ForgeLock::acquire(&path, Duration::from_secs(5))
            .await
            .unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            std::process::id().to_string()
        );
    }
}
