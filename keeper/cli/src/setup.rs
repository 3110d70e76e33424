//! What every chain-facing command does first: load the config (file, environment, flags), the deployment,
//! check them against each other and against the node, and connect.

use alloy::providers::DynProvider;
use cantilever_planner::{Lane, PlannerSettings};
use cantilever_primitives::executor::LiquidationExecutor;
use cantilever_sim::node_spec;
use cantilever_sim::revm::primitives::hardfork::SpecId;

use super::{CliResult, ConfigArgs};
use cantilever_daemon::config::{ChainInfo, Config, Overrides, Profile, check_chain, connect};
use cantilever_daemon::{DEFAULT_DRAIN_TIMEOUT, KeeperSettings};
use cantilever_primitives::deployment::Deployment;

/// A config checked against its deployment and its node.
#[derive(Debug)]
pub struct Loaded {
    /// The config.
    pub config: Config,
    /// The deployment it names.
    pub deployment: Deployment,
    /// What the node said.
    pub chain: ChainInfo,
    /// A provider for the node (no fillers: the executor signs and fills its own transactions).
    pub provider: DynProvider,
    /// The EVM rules to simulate under (the node's when it says, else the latest).
    pub spec: SpecId,
}

/// The process environment, for `Config::load` and secrets.
pub fn process_env(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// Loads and checks everything; `overrides` adds the command's own flags to the common ones.
pub async fn load(args: &ConfigArgs, mut overrides: Overrides) -> CliResult<Loaded> {
    overrides.rpc_url = overrides.rpc_url.or_else(|| args.rpc_url.clone());
    overrides.deployment = overrides.deployment.or_else(|| args.deployment.clone());
    let config = Config::load(&args.config, &process_env, &overrides)?;
    let deployment = config.load_deployment()?;
    config.validate(&deployment)?;
    let chain = check_chain(&config, &deployment).await?;
    // Every failed call counted by method where it fails (the executor's sends too): `cantilever_rpc_errors_total`.
    let provider =
        cantilever_daemon::telemetry::count_rpc_errors(connect(&config.rpc_url()?).await?);
    let spec = node_spec(&provider).await.unwrap_or(SpecId::OSAKA);
    Ok(Loaded {
        config,
        deployment,
        chain,
        provider,
        spec,
    })
}

/// The keeper's settings from a checked config and its lanes (the signer's first): its markets, strategy, the
/// deployment's swap adapter, gas valued through the deployment's WETH, the config's chain profile.
pub fn keeper_settings(
    config: &Config,
    deployment: &Deployment,
    spec: SpecId,
    priority_fee_wei: u128,
    lanes: Vec<Lane>,
) -> CliResult<KeeperSettings> {
    let adapter = deployment
        .periphery
        .map(|p| p.adapter)
        .ok_or("the deployment names no swap adapter (periphery.adapter)")?;
    Ok(KeeperSettings {
        markets: config.market_ids(deployment),
        planner: PlannerSettings {
            core: deployment.core,
            strategy: config.strategy,
            lanes,
            adapter,
            profile: config.chain.profile.into(),
            sim_threads: 0,
        },
        wrapped_native: deployment.tokens.get("WETH").copied(),
        spec,
        priority_fee_wei,
        poll_interval: config.poll_interval(),
        heads: config.heads()?,
        oracle: config.oracle_trigger(),
        drain_timeout: DEFAULT_DRAIN_TIMEOUT,
    })
}

/// The lanes' executor contracts (the deployment's, then the `[[lanes]]`' in the parallel profile), each with
/// the account that owns it, read from the chain: who may send through it.
pub async fn lane_owners(
    config: &Config,
    deployment: &Deployment,
    provider: &DynProvider,
) -> CliResult<Vec<Lane>> {
    let mut executors = vec![config.executor_address(deployment)?];
    if config.chain.profile == Profile::Parallel {
        executors.extend(config.lanes.iter().map(|l| l.executor));
    }
    let mut lanes = Vec::with_capacity(executors.len());
    for executor in executors {
        let sender = LiquidationExecutor::new(executor, provider)
            .owner()
            .call()
            .await
            .map_err(|e| format!("reading the owner of the executor {executor}: {e}"))?;
        lanes.push(Lane { sender, executor });
    }
    Ok(lanes)
}
