//! Speculative plans: the liquidations a pending oracle update will open, planned before it is mined.
//!
//! The price stream sees an oracle write in the node's pool (a devnet `OwnerFeed` write, a Chainlink OCR
//! `transmit`). The keeper fetches that transaction, simulates it on a fork of its last head, lays its writes
//! over the node's state ([`Layered`]), reads every followed market's `liquidationPrice()` there, and proposes and
//! plans on that state exactly as it would at the next head. The [`Decision`] is held ([`Held`]) and sent the
//! moment a head shows the oracle transaction mined: no sync, propose or simulation stands between the block
//! and the send. Gas is still valued at the head's prices (the update may move the price that values it; the
//! orders' `minProfit` guards hold on chain either way).

use std::sync::{Arc, Mutex};
use std::time::Instant;

use alloy::consensus::Transaction as _;
use alloy::primitives::{Address, B256, Bytes, TxHash, U256};
use alloy::providers::{DynProvider, Provider};
use alloy::sol_types::SolCall;
use cantilever_bindings::chainlink_oracle::ChainlinkOracle::liquidationPriceCall;
use cantilever_oracle_adapter::{RejectReason, Rejection};
use cantilever_planner::{Decision, MarketState, PlanError, Planner};
use cantilever_sim::{Candidate, Layered, Outcome, SharedFork, SimEnv, Simulator, StateSource};

use crate::keeper::KeeperError;
use crate::live::{AtHead, LivePlanner};

/// A pending transaction as the node reports it, enough to simulate it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingTx {
    /// Its hash.
    pub hash: TxHash,
    /// The sender.
    pub from: Address,
    /// The contract called.
    pub to: Address,
    /// The calldata.
    pub input: Bytes,
    /// Ether sent.
    pub value: U256,
    /// Its gas limit.
    pub gas_limit: u64,
}

impl PendingTx {
    /// The transaction `hash`, and the block it was mined in if it was; `None` when the node does not know it or
    /// it creates a contract.
    pub async fn fetch(
        provider: &DynProvider,
        hash: TxHash,
    ) -> Result<Option<(Self, Option<u64>)>, KeeperError> {
        let tx = provider
            .get_transaction_by_hash(hash)
            .await
            .map_err(KeeperError::rpc("eth_getTransactionByHash"))?;
        let Some(tx) = tx else {
            return Ok(None);
        };
        let Some(to) = tx.to() else {
            return Ok(None);
        };
        let pending = Self {
            hash,
            from: tx.inner.signer(),
            to,
            input: tx.input().clone(),
            value: tx.value(),
            gas_limit: tx.gas_limit(),
        };
        Ok(Some((pending, tx.block_number)))
    }

    fn candidate(&self, env: &SimEnv) -> Candidate {
        Candidate {
            from: self.from,
            to: self.to,
            data: self.input.clone(),
            value: self.value,
            gas_limit: self.gas_limit,
            gas_price: u128::from(env.block.basefee),
        }
    }
}

/// A speculative decision waiting for its oracle transactions.
#[derive(Debug)]
pub struct Held {
    /// The oracle transactions it waits for (all of them mined).
    pub oracle_txs: Vec<TxHash>,
    /// The head it was planned over (the oracle transaction's writes laid on it).
    pub head: u64,
    /// When the keeper learnt of the pending update.
    pub seen: Instant,
    /// When the decision was ready.
    pub ready: Instant,
    /// The plan.
    pub decision: Decision,
}

/// How many heads past the one it was planned over a held decision waits for its oracle transactions before it
/// is dropped (the next step then plans from the chain as usual).
pub const HOLD_BLOCKS: u64 = 3;

impl LivePlanner {
    /// The decision at the state the pending `txs` would leave over `at`, mined in that order (see the module
    /// docs), leaving out the opportunities `exclude` names; `None` when one of them would fail there or they open
    /// nothing worth simulating.
    pub async fn speculate(
        &self,
        txs: Vec<PendingTx>,
        at: &AtHead,
        exclude: impl Fn(&B256) -> bool,
    ) -> Result<Option<Decision>, KeeperError> {
        let (provider, planner, head) = (self.provider().clone(), self.planner(), at.clone());
        let post =
            tokio::task::spawn_blocking(move || post_state(&provider, &planner, &txs, &head))
                .await
                .map_err(|e| KeeperError::PlannerPanicked(e.to_string()))?
                .map_err(|e| KeeperError::Plan(PlanError::Pack(e)))?;
        let Some((fork, states)) = post else {
            return Ok(None);
        };
        let post = AtHead {
            states,
            fork: Some(fork),
            ..at.clone()
        };
        let proposals = self.propose(&post, exclude);
        if proposals.proposed.is_empty() {
            return Ok(None);
        }
        self.plan(proposals.proposed, &post).await.map(Some)
    }
}

/// A fork of the state after a pending transaction, and the market states there.
type PostState = (Arc<SharedFork>, Vec<MarketState>);

/// The state after `txs` on the fork of `at`: the fork over the node's state with their simulated writes laid
/// over it (prefetched like the planner's own forks) and every market state of `at` with the oracle price read
/// there. `None` when one of them does not succeed on the head's state (it would not land as seen).
fn post_state(
    provider: &DynProvider,
    planner: &Mutex<Planner>,
    txs: &[PendingTx],
    at: &AtHead,
) -> Result<Option<PostState>, cantilever_sim::Error> {
    let source: Arc<dyn StateSource> = cantilever_sim::rpc_source(provider, at.head);
    let mut planner = planner
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let head_fork = match &at.fork {
        Some(fork) => fork.clone(),
        None => planner.fork(source.clone(), at.head),
    };
    let simulator = planner.simulator(head_fork, at.env.clone());
    let candidates: Vec<Candidate> = txs.iter().map(|tx| tx.candidate(&at.env)).collect();
    let mined = simulator.chain(&candidates.iter().collect::<Vec<_>>())?;
    if !mined.iter().all(|sim| sim.succeeded()) {
        return Ok(None);
    }
    let mut layered = Layered::new(source);
    for sim in &mined {
        layered.apply(&sim.writes);
    }
    let post = planner.warm_fork(Arc::new(layered), at.head);
    let views = simulator.with_fork(post.clone(), at.env.free_gas());
    let states = at
        .states
        .iter()
        .map(|state| priced_at(&views, state))
        .collect::<Result<_, _>>()?;
    Ok(Some((post, states)))
}

/// `state` with its oracle's liquidation price as `views`' state has it.
fn priced_at(views: &Simulator, state: &MarketState) -> Result<MarketState, cantilever_sim::Error> {
    let call = Candidate {
        from: Address::ZERO,
        to: state.market.oracle,
        data: liquidationPriceCall {}.abi_encode().into(),
        value: U256::ZERO,
        gas_limit: 1_000_000,
        gas_price: 0,
    };
    let sim = views.simulate(&call)?;
    let mut out = state.clone();
    let read = match &sim.outcome {
        Outcome::Success(data) => {
            liquidationPriceCall::abi_decode_returns(data).map_err(|e| RejectReason::Malformed {
                detail: e.to_string(),
            })
        }
        Outcome::Revert(data) => Err(RejectReason::Reverted {
            error: data.to_string(),
        }),
        Outcome::Halt(reason) => Err(RejectReason::Reverted {
            error: reason.clone(),
        }),
    };
    match read {
        Ok(quote) if !quote._0.is_zero() => {
            out.view.snapshot.price = quote._0;
            out.view.deep_only = quote.deepOnly;
            out.price_error = None;
        }
        Ok(_) => {
            out.view.snapshot.price = U256::ZERO;
            out.price_error = Some(RejectReason::Check(Rejection::NonPositiveAnswer {
                answer: alloy::primitives::I256::ZERO,
            }));
        }
        Err(reason) => {
            out.view.snapshot.price = U256::ZERO;
            out.price_error = Some(reason);
        }
    }
    Ok(out)
}
