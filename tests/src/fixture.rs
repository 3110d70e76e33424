//! The shared devnet: one anvil with the protocol deployed by `forge script`, brought up by the first test
//! that asks and kept for the whole test binary, so that scenarios do not each pay for a deployment.
//!
//! Tests take it in turns: [`shared_devnet`] waits for the previous holder to finish, then puts the chain back
//! to the state right after the deployment (`evm_revert` to a snapshot, then a new snapshot, since anvil
//! consumes the one it reverts to). The reset happens when a test takes the devnet, not when it lets go, so
//! that a test that panicked (and could run no cleanup) leaves nothing behind for the next one.
//!
//! The anvil process lives in a static, which is never dropped: a small reaper process kills it (and
//! removes the deployment file) once the test binary has exited, however it exited.
//!
//! Only handles created per test cross runtimes: each `#[tokio::test]` has a runtime of its own, so tests
//! create their providers from the devnet ([`Devnet::provider`]) rather than share one.

use std::ops::Deref;
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};

use alloy::primitives::U256;
use alloy::providers::Provider;
use alloy::providers::ext::AnvilApi;
use cantilever_devnet::{AnvilConfig, Devnet, DevnetOptions};
use tokio::sync::{Mutex, MutexGuard, OnceCell};

use crate::{HarnessError, Result};

/// Dev accounts of the shared anvil: the largest scenario opens 300 borrowers from dev accounts.
pub const SHARED_ACCOUNTS: usize = 310;
/// Block gas limit of the shared anvil: hundreds of protocol transactions in one block.
pub const SHARED_GAS_LIMIT: u64 = 4_000_000_000;

/// How the shared devnet is started: automine, pools following the feeds (the devnet's default), room for
/// every scenario that uses it.
pub fn shared_options() -> DevnetOptions {
    let defaults = DevnetOptions::default();
    DevnetOptions {
        anvil: AnvilConfig {
            accounts: SHARED_ACCOUNTS,
            gas_limit: SHARED_GAS_LIMIT,
            ..defaults.anvil.clone()
        },
        ..defaults
    }
}

struct Shared {
    devnet: Devnet,
    /// The snapshot taken right after the deployment (or the last reset).
    snapshot: U256,
    /// The head when it was taken: a revert must bring the chain back to it.
    snapshot_block: u64,
    /// Whether a test has held the devnet since the last reset.
    dirty: bool,
}

/// The devnet, or why it could not be brought up (kept, so later tests fail at once with the same reason
/// rather than each running forge again).
static SHARED: OnceCell<std::result::Result<Mutex<Shared>, String>> = OnceCell::const_new();

/// The shared devnet, held by one test at a time, in the state right after the deployment. Derefs to the
/// devnet. Dropping it lets the next test in.
pub struct SharedDevnet {
    guard: MutexGuard<'static, Shared>,
}

impl std::fmt::Debug for SharedDevnet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SharedDevnet")
            .field("devnet", &self.guard.devnet)
            .finish()
    }
}

impl Deref for SharedDevnet {
    type Target = Devnet;

    fn deref(&self) -> &Devnet {
        &self.guard.devnet
    }
}

/// Takes the shared devnet (deploying it on first use), reset to the state right after the deployment.
pub async fn shared_devnet() -> Result<SharedDevnet> {
    let shared = SHARED
        .get_or_init(|| async { start().await.map(Mutex::new).map_err(|e| e.to_string()) })
        .await
        .as_ref()
        .map_err(|why| HarnessError::SharedDevnet(why.clone()))?;
    let mut guard = shared.lock().await;
    if guard.dirty {
        reset(&mut guard).await?;
    }
    guard.dirty = true;
    Ok(SharedDevnet { guard })
}

async fn start() -> Result<Shared> {
    let devnet = Devnet::start(&shared_options()).await?;
    eprintln!(
        "fixture: forge script deployed the shared devnet in {:.1?}",
        devnet.deploy_time
    );
    reap_after_exit(&devnet)?;
    let snapshot = devnet
        .provider()
        .anvil_snapshot()
        .await
        .map_err(HarnessError::rpc("evm_snapshot"))?;
    let snapshot_block = devnet
        .provider()
        .get_block_number()
        .await
        .map_err(HarnessError::rpc("eth_blockNumber"))?;
    Ok(Shared {
        devnet,
        snapshot,
        snapshot_block,
        dirty: false,
    })
}

/// Back to the snapshot, with the node settings a test may have changed restored: automine (the shared
/// devnet never interval-mines), no automatic impersonation, an empty pool.
async fn reset(shared: &mut Shared) -> Result<()> {
    let provider = shared.devnet.provider();
    provider
        .anvil_drop_all_transactions()
        .await
        .map_err(HarnessError::rpc("anvil_dropAllTransactions"))?;
    provider
        .anvil_auto_impersonate_account(false)
        .await
        .map_err(HarnessError::rpc("anvil_autoImpersonateAccount"))?;
    provider
        .anvil_set_auto_mine(true)
        .await
        .map_err(HarnessError::rpc("evm_setAutomine"))?;
    let reverted = provider
        .anvil_revert(shared.snapshot)
        .await
        .map_err(HarnessError::rpc("evm_revert"))?;
    if !reverted {
        return Err(HarnessError::SharedDevnet(format!(
            "anvil refused to revert to snapshot {}",
            shared.snapshot
        )));
    }
    // A transaction that reached the node after the drop above (a late send of the last holder) would be
    // mined into the next test's chain: drop again, now that nothing of the last holder can be executing.
    provider
        .anvil_drop_all_transactions()
        .await
        .map_err(HarnessError::rpc("anvil_dropAllTransactions"))?;
    let head = provider
        .get_block_number()
        .await
        .map_err(HarnessError::rpc("eth_blockNumber"))?;
    if head != shared.snapshot_block {
        return Err(HarnessError::SharedDevnet(format!(
            "after the revert to snapshot {} the head is block {head}, not the snapshot's {}",
            shared.snapshot, shared.snapshot_block
        )));
    }
    shared.snapshot = provider
        .anvil_snapshot()
        .await
        .map_err(HarnessError::rpc("evm_snapshot"))?;
    shared.dirty = false;
    Ok(())
}

/// Starts a reaper that waits for this process to end, then kills the shared anvil's process group and
/// removes the deployment's directory. It has a process group of its own, so a Ctrl-C to the test run
/// reaches the tests, not the reaper.
fn reap_after_exit(devnet: &Devnet) -> Result<()> {
    let dir = devnet
        .deployment_path
        .parent()
        .ok_or_else(|| HarnessError::Setup("the deployment file has no directory".into()))?;
    Command::new("sh")
        .args([
            "-c",
            // `env kill`: the external kill(1), since dash's builtin takes no process group.
            r#"while kill -0 "$1" 2>/dev/null; do sleep 0.2; done; env kill -KILL -- "-$2" 2>/dev/null; rm -rf -- "$3""#,
            "reaper",
        ])
        .arg(std::process::id().to_string())
        .arg(devnet.anvil.pid().to_string())
        .arg(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()?;
    Ok(())
}
