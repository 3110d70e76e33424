//! anvil with the protocol deployed by `forge script contracts/script/DeployDevnet.s.sol`.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use alloy::primitives::{Address, address};
use cantilever_keeper::Deployment;
use tempfile::TempDir;

use crate::tools::{path_env, repo_root, target_dir, tool};
use crate::{Anvil, AnvilConfig, HarnessError, Result};

/// anvil's first dev account: the devnet script's broadcaster, owner of the core and of the price feeds.
pub const DEPLOYER: Address = address!("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");

/// Serialises forge runs of this process: concurrent compiles into one output directory would race.
/// Upper bound on one `forge script` deployment, compile included.
const FORGE_TIMEOUT: Duration = Duration::from_secs(900);

static FORGE: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// A devnet: anvil, the deployed protocol and the deployment as the keeper loads it.
#[derive(Debug)]
pub struct Devnet {
    /// The node (killed on drop).
    pub anvil: Anvil,
    /// The deployment, loaded and verified by the keeper's loader.
    pub deployment: Deployment,
    /// Where the deployment file lives (removed on drop).
    pub deployment_path: PathBuf,
    _dir: TempDir,
}

impl Devnet {
    /// Starts anvil and deploys the devnet onto it.
    pub async fn start(config: &AnvilConfig) -> Result<Self> {
        let anvil = Anvil::spawn(config).await?;
        let (dir, deployment_path) = deploy(anvil.url()).await?;
        let deployment = Deployment::load(&deployment_path)?;
        Ok(Self {
            anvil,
            deployment,
            deployment_path,
            _dir: dir,
        })
    }
}

/// Runs the devnet script against `rpc_url`; returns the temporary directory holding the deployment JSON.
async fn deploy(rpc_url: &str) -> Result<(TempDir, PathBuf)> {
    let forge = tool("forge")?;
    let root = repo_root();
    // foundry.toml only lets scripts write under deployments/, so the temporary directory lives there;
    // the file name matches .gitignore's `*.local.json` in case a crash leaves it behind.
    let deployments = root.join("deployments");
    std::fs::create_dir_all(&deployments).map_err(HarnessError::io("creating deployments/"))?;
    let dir = tempfile::Builder::new()
        .prefix(".e2e-")
        .tempdir_in(&deployments)
        .map_err(HarnessError::io(
            "creating a temporary directory under deployments/",
        ))?;
    let path = dir.path().join("devnet.local.json");
    // Our own artifact directory: other engineers build into out/ while tests run, and two forge
    // processes writing one out/ and its cache race. The first run compiles (about a minute with solcjs);
    // later runs reuse it.
    let forge_dir = target_dir().join("forge-e2e");
    let _guard = FORGE.lock().await;
    let start = Instant::now();
    let command = tokio::process::Command::new(&forge)
        .current_dir(&root)
        .env("PATH", path_env())
        .env("DEPLOYMENT_PATH", &path)
        .args([
            "script",
            "contracts/script/DeployDevnet.s.sol",
            "--rpc-url",
            rpc_url,
            "--broadcast",
            "--unlocked",
            // One transaction at a time, each after the previous receipt: sent concurrently, forge once
            // left a nonce gap on anvil (23 queued transactions) and waited forever.
            "--slow",
        ])
        .args(["--sender", &DEPLOYER.to_string(), "--skip", "test"])
        .arg("--out")
        .arg(forge_dir.join("out"))
        .arg("--cache-path")
        .arg(forge_dir.join("cache"))
        .kill_on_drop(true)
        .output();
    // Generous: the first run compiles the contracts with solcjs (minutes on a busy 2-core machine).
    let output = tokio::time::timeout(FORGE_TIMEOUT, command)
        .await
        .map_err(|_| HarnessError::ForgeTimeout(FORGE_TIMEOUT))?
        .map_err(HarnessError::io(format!("running {}", forge.display())))?;
    if !output.status.success() {
        return Err(HarnessError::Forge {
            status: output.status,
            output: tail(&output.stdout, &output.stderr),
        });
    }
    eprintln!(
        "harness: forge script deployed the devnet in {:.1?}",
        start.elapsed()
    );
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
