//! anvil with the protocol deployed by `forge script contracts/script/DeployDevnet.s.sol`: a thin wrapper
//! over the keeper's [`cantilever_devnet::Devnet`], so tests deploy exactly as `cantilever devnet`
//! does.

use std::ops::Deref;

use cantilever_devnet::{self, DevnetError, DevnetOptions};

use crate::{AnvilConfig, HarnessError, Result};

pub use cantilever_devnet::DEPLOYER;

/// A devnet: anvil, the deployed protocol and the deployment as the keeper loads it. Derefs to the
/// keeper's devnet (fields `anvil`, `deployment`, `deployment_path`; seeding and price moves).
#[derive(Debug)]
pub struct Devnet {
    inner: devnet::Devnet,
}

impl Devnet {
    /// Starts anvil with `config` and deploys the devnet onto it (nothing seeded).
    pub async fn start(config: &AnvilConfig) -> Result<Self> {
        let options = DevnetOptions {
            anvil: config.clone(),
            ..DevnetOptions::default()
        };
        let inner = devnet::Devnet::start(&options).await?;
        eprintln!(
            "harness: forge script deployed the devnet in {:.1?}",
            inner.deploy_time
        );
        Ok(Self { inner })
    }

    /// The keeper's devnet.
    pub fn into_inner(self) -> devnet::Devnet {
        self.inner
    }
}

impl Deref for Devnet {
    type Target = devnet::Devnet;

    fn deref(&self) -> &devnet::Devnet {
        &self.inner
    }
}

impl From<DevnetError> for HarnessError {
    fn from(e: DevnetError) -> Self {
        match e {
            DevnetError::ToolMissing { tool, path, root } => Self::ToolMissing { tool, path, root },
            DevnetError::Io { context, source } => Self::Io { context, source },
            DevnetError::AnvilStart(why) => Self::AnvilStart(why),
            DevnetError::ForgeTimeout(after) => Self::ForgeTimeout(after),
            DevnetError::Forge { status, output } => Self::Forge { status, output },
            DevnetError::Deployment(e) => Self::Deployment(e),
            DevnetError::Rpc { method, message } => Self::Rpc { method, message },
            DevnetError::Transaction {
                label,
                hash,
                problem,
            } => Self::Transaction {
                label,
                hash,
                problem,
            },
            // The rest have no harness counterpart: keep their message.
            other => Self::Rpc {
                method: "devnet".into(),
                message: other.to_string(),
            },
        }
    }
}
