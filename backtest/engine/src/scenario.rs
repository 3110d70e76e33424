//! A scenario: the state to start from and what in it to use. A directory holds `state.json` (an anvil state
//! dump), `deployment.json` (the deployment: markets, feeds, pools) and `scenario.json` (the chain, the lanes
//! of the keeper and of a rival liquidator, and the borrowers to follow). [`Scenario::from_fork`]
//! ([`crate::fork_scenario`]) makes one over a node's block instead of a dump.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use alloy_primitives::{Address, B256};
use cantilever_planner::Lane;
use cantilever_primitives::{Deployment, PositionKey};
use cantilever_sim::StateSource;
use serde::{Deserialize, Serialize};

use crate::dump::{self, DumpBlock};
use crate::error::{BacktestError, Result};

/// `scenario.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioFile {
    /// The chain the state belongs to (must match the deployment's).
    pub chain_id: u64,
    /// Seconds between blocks.
    pub block_time_secs: u64,
    /// The hardfork the chain runs (gas differs between forks), e.g. `prague`.
    pub hardfork: String,
    /// The wrapped native token's symbol in the deployment (gas is valued through it).
    pub native: String,
    /// The keeper's account and executor.
    pub keeper: Lane,
    /// A rival liquidator's account and executor.
    pub rival: Lane,
    /// The swap adapter the executors sell collateral through.
    pub adapter: Address,
    /// Every borrowing position to follow.
    pub positions: Vec<PositionKey>,
}

/// A loaded scenario.
#[derive(Clone)]
pub struct Scenario {
    /// Where it was loaded from.
    pub dir: PathBuf,
    /// The deployment.
    pub deployment: Deployment,
    /// `scenario.json`.
    pub file: ScenarioFile,
    /// The block the state was taken at.
    pub block: DumpBlock,
    /// The state.
    pub state: Arc<dyn StateSource>,
    /// Feed addresses by symbol (the deployment's), in symbol order.
    pub feeds: BTreeMap<String, Address>,
}

impl ScenarioFile {
    /// Reads and parses `scenario.json` at `path`.
    pub fn load(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|e| BacktestError::Io {
            what: format!("scenario {}", path.display()),
            source: e,
        })?;
        serde_json::from_str(&text)
            .map_err(|e| BacktestError::Input(format!("scenario {}: {e}", path.display())))
    }
}

impl std::fmt::Debug for Scenario {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scenario")
            .field("dir", &self.dir)
            .field("block", &self.block)
            .finish_non_exhaustive()
    }
}

impl Scenario {
    /// Loads the scenario in `dir`, checking that its parts belong together: the same chain, and the
    /// deployment's contracts present in the state.
    pub fn load(dir: &Path) -> Result<Self> {
        if !dir.is_dir() {
            return Err(BacktestError::Input(format!(
                "scenario directory {} does not exist",
                dir.display()
            )));
        }
        let deployment = Deployment::load(dir.join("deployment.json"))
            .map_err(|e| BacktestError::Input(e.to_string()))?;
        let file = ScenarioFile::load(&dir.join("scenario.json"))?;
        let (source, block) = dump::load(&dir.join("state.json"))?;
        Self::assemble(
            dir.to_path_buf(),
            deployment,
            file,
            Arc::new(source),
            block,
            ("the state dump", "a dump"),
        )
    }

    /// A scenario of `source` at `block`, checked as [`Self::load`] checks it. `state` names the state and
    /// what it is for the message that says it does not hold the deployment (`("the state dump", "a dump")`).
    pub(crate) fn assemble(
        dir: PathBuf,
        deployment: Deployment,
        file: ScenarioFile,
        source: Arc<dyn StateSource>,
        block: DumpBlock,
        state: (&str, &str),
    ) -> Result<Self> {
        if file.chain_id != deployment.chain_id {
            return Err(BacktestError::Input(format!(
                "the scenario is for chain {} but the deployment for chain {}",
                file.chain_id, deployment.chain_id
            )));
        }
        if file.block_time_secs == 0 {
            return Err(BacktestError::Input(
                "block_time_secs must be at least 1".into(),
            ));
        }
        for (what, address) in [
            ("core", deployment.core),
            ("keeper executor", file.keeper.executor),
            ("rival executor", file.rival.executor),
            ("swap adapter", file.adapter),
        ] {
            if source.code(address)?.is_empty() {
                let (state, kind) = state;
                return Err(BacktestError::Input(format!(
                    "{state} has no {what} at {address}: it is not {kind} of this deployment"
                )));
            }
        }
        if cantilever_sim::spec_named(&file.hardfork).is_none() {
            return Err(BacktestError::Input(format!(
                "unknown hardfork {:?}",
                file.hardfork
            )));
        }
        for m in &deployment.markets {
            for token in [m.loan_token, m.collateral_token] {
                let symbol = deployment
                    .tokens
                    .iter()
                    .find(|(_, a)| **a == token)
                    .map(|(s, _)| s);
                if !symbol.is_some_and(|s| deployment.feeds.contains_key(s)) {
                    return Err(BacktestError::Input(format!(
                        "market {}: token {token} has no USD feed of its symbol in the deployment",
                        m.id
                    )));
                }
            }
        }
        if !deployment.tokens.contains_key(&file.native) {
            return Err(BacktestError::Input(format!(
                "native token {} is not in the deployment",
                file.native
            )));
        }
        let markets: Vec<B256> = deployment.markets.iter().map(|m| m.id).collect();
        if let Some(p) = file.positions.iter().find(|p| !markets.contains(&p.market)) {
            return Err(BacktestError::Input(format!(
                "position of {} is in unknown market {}",
                p.borrower, p.market
            )));
        }
        let feeds = deployment.feeds.clone();
        Ok(Self {
            dir,
            deployment,
            file,
            block,
            state: source,
            feeds,
        })
    }

    /// The hardfork's rules.
    pub fn spec(&self) -> cantilever_sim::revm::primitives::hardfork::SpecId {
        cantilever_sim::spec_named(&self.file.hardfork).expect("checked at load")
    }

    /// The feeds' symbols, in the order price paths use.
    pub fn feed_names(&self) -> Vec<String> {
        self.feeds.keys().cloned().collect()
    }

    /// Every feed's answer in the state, in USD, in symbol order (where generated paths start).
    pub fn start_prices(&self) -> Result<Vec<f64>> {
        let fork = std::sync::Arc::new(cantilever_sim::SharedFork::new(
            self.state.clone(),
            Some(self.block.number),
        ));
        let env = cantilever_sim::SimEnv {
            spec: self.spec(),
            chain_id: self.file.chain_id,
            block: cantilever_sim::revm::context::BlockEnv {
                number: alloy_primitives::U256::from(self.block.number),
                timestamp: alloy_primitives::U256::from(self.block.timestamp),
                ..Default::default()
            },
        };
        let views = crate::views::Views::new(fork, &env);
        self.feeds
            .iter()
            .map(|(name, feed)| {
                let answer = views
                    .latest_answer(*feed)
                    .map_err(|e| BacktestError::Input(format!("feed {name} at {feed}: {e}")))?;
                Ok(answer as f64 / 1e8)
            })
            .collect()
    }

    /// The wrapped native token.
    pub fn native_token(&self) -> Address {
        self.deployment.tokens[&self.file.native]
    }

    /// The symbol of `token`, if the deployment names it.
    pub fn symbol_of(&self, token: Address) -> Option<&str> {
        self.deployment
            .tokens
            .iter()
            .find(|(_, a)| **a == token)
            .map(|(s, _)| s.as_str())
    }
}
