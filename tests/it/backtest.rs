//! Ground truth for the backtest: the engine's run over the bundled scenario, replayed on a real anvil.
//!
//! The backtest runs the keeper's planner over the scenario's state dump with revm; this test loads the same
//! dump into anvil (`--load-state`, the scenario's hardfork and chain id), then replays the run's trace block
//! by block: the storage the step wrote (feed rounds, pool reserves and balances) through
//! `anvil_setStorageAt`, the step's timestamp and base fee, and exactly the transactions the engine executed
//! (the rival's and the keeper's liquidations, as legacy transactions with the engine's gas limit and price,
//! from impersonated senders), mined together in one block in the engine's order. Then it compares, from the
//! chain, in token units: every receipt's status and gas used, the block each landed in and its order, the
//! keeper's realised PnL in each loan token and in ether (gas), the gas it spent, the liquidations its
//! executor made, and every followed position in the core at the end.
//!
//! Every difference is collected and reported together, each naming its step, transaction or position and
//! both values.

use std::collections::BTreeMap;
use std::path::PathBuf;

use alloy::eips::BlockNumberOrTag;
use alloy::primitives::{B256, I256, TxHash, U256};
use alloy::providers::ext::AnvilApi;
use alloy::providers::{DynProvider, Provider};
use alloy::rpc::types::{TransactionReceipt, TransactionRequest};
use alloy::sol_types::SolEvent;
use cantilever_backtest::{RunOutput, Scenario, StrategySpec, WorldParams};
use cantilever_bindings::cantilever::Cantilever;
use cantilever_bindings::erc20_mock::ERC20Mock;
use cantilever_planner::StrategyParams;
use cantilever_report::RunMetrics;
use cantilever_tests::{Anvil, AnvilConfig, rpc};

use crate::TestResult;

/// The rival's draws and the path's seed.
const SEED: u64 = 11;
/// Steps of the crash path replayed: the fall is over steps 5..25, the rest lets stragglers be taken.
const STEPS: u64 = 40;
/// The rival's chance per block of taking a liquidatable position first.
const RIVAL_PROBABILITY: f64 = 0.3;
/// The key of the keeper's gas in the PnL map.
const GAS_KEY: &str = "ETH (gas)";

fn scenario_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../backtest/scenarios/devnet")
}

/// A run to replay: a strategy in a world.
struct Case {
    strategy: StrategySpec,
    world: WorldParams,
    /// Whether the keeper must have reverted attempts (their gas is then compared too).
    reverts: bool,
}

/// The backtest's run of `case`: the crash path on the bundled scenario.
fn backtest(scenario: &Scenario, case: &Case) -> TestResult<RunOutput> {
    let mut spec = cantilever_paths::named("crash").ok_or("no crash path")?;
    spec.steps = STEPS;
    let path = cantilever_paths::generate(
        &spec,
        &scenario.feed_names(),
        &scenario.start_prices()?,
        SEED,
    )?;
    let strategy = case.strategy.build()?;
    Ok(cantilever_backtest::run(
        scenario,
        &path,
        strategy.as_ref(),
        &case.world,
        &StrategyParams::default(),
        SEED,
    )?)
}

/// The keeper's balances: each loan token of the PnL map (by symbol), then ether.
async fn keeper_balances(
    provider: &DynProvider,
    scenario: &Scenario,
    symbols: &[String],
    block: u64,
) -> TestResult<BTreeMap<String, U256>> {
    let keeper = scenario.file.keeper.sender;
    let mut out = BTreeMap::new();
    for symbol in symbols {
        let balance = if symbol == GAS_KEY {
            provider.get_balance(keeper).number(block).await?
        } else {
            let token =
                *scenario.deployment.tokens.get(symbol).ok_or_else(|| {
                    format!("PnL in {symbol}, a token the deployment does not name")
                })?;
            ERC20Mock::new(token, provider)
                .balanceOf(keeper)
                .block(block.into())
                .call()
                .await?
        };
        out.insert(symbol.clone(), balance);
    }
    Ok(out)
}

/// Replays the trace on `provider` (mining stopped); returns every receipt, in trace order, and the
/// differences found on the way.
async fn replay(
    provider: &DynProvider,
    scenario: &Scenario,
    out: &RunOutput,
    mismatches: &mut Vec<String>,
) -> TestResult<Vec<TransactionReceipt>> {
    // The engine's blocks take the dump's gas limit and coinbase.
    let (gas_limit, coinbase) = (scenario.block.gas_limit, scenario.block.beneficiary);
    let mut receipts = Vec::new();
    for (i, step) in out.trace.iter().enumerate() {
        let head = provider.get_block_number().await?;
        if step.block <= head {
            return Err(format!(
                "step {i}: the trace's block {} is not after the node's head {head}",
                step.block
            )
            .into());
        }
        if step.block > head + 1 {
            // Blocks the path skipped: empty, mined before this step's own.
            provider
                .anvil_mine(Some(step.block - head - 1), None)
                .await?;
        }
        for (address, slot, value) in &step.writes {
            provider
                .anvil_set_storage_at(*address, *slot, B256::from(*value))
                .await?;
        }
        provider
            .anvil_set_next_block_timestamp(step.timestamp)
            .await?;
        provider
            .anvil_set_next_block_base_fee_per_gas(step.base_fee)
            .await?;
        let mut sent: Vec<TxHash> = Vec::new();
        for tx in &step.transactions {
            provider.anvil_impersonate_account(tx.from).await?;
            let request = TransactionRequest {
                from: Some(tx.from),
                to: Some(tx.to.into()),
                input: tx.data.clone().into(),
                gas: Some(tx.gas_limit),
                gas_price: Some(tx.gas_price),
                ..TransactionRequest::default()
            };
            let pending = provider.send_transaction(request).await?;
            sent.push(*pending.tx_hash());
        }
        rpc::mine(provider).await?;
        let block = provider
            .get_block_by_number(BlockNumberOrTag::Latest)
            .await?
            .ok_or("no latest block after mining")?;
        let (number, timestamp) = (block.header.number, block.header.timestamp);
        if number != step.block || timestamp != step.timestamp {
            mismatches.push(format!(
                "step {i}: mined block {number} at {timestamp}, the engine's is {} at {}",
                step.block, step.timestamp
            ));
        }
        if (block.header.gas_limit, block.header.beneficiary) != (gas_limit, coinbase) {
            mismatches.push(format!(
                "step {i}: block gas limit and coinbase ({}, {}), the engine's ({gas_limit}, {coinbase})",
                block.header.gas_limit, block.header.beneficiary
            ));
        }
        if block.header.base_fee_per_gas != Some(step.base_fee as u64) {
            mismatches.push(format!(
                "step {i}: block base fee {:?}, the engine's {}",
                block.header.base_fee_per_gas, step.base_fee
            ));
        }
        let hashes: Vec<TxHash> = block.transactions.hashes().collect();
        if hashes != sent {
            mismatches.push(format!(
                "step {i} (block {number}): the block holds {hashes:?}, sent in order {sent:?}"
            ));
        }
        for (j, (tx, hash)) in step.transactions.iter().zip(&sent).enumerate() {
            let who = if tx.ours { "keeper" } else { "rival" };
            let Some(receipt) = provider.get_transaction_receipt(*hash).await? else {
                mismatches.push(format!("step {i} tx {j} ({who}): no receipt for {hash}"));
                continue;
            };
            if receipt.status() != tx.succeeded {
                mismatches.push(format!(
                    "step {i} tx {j} ({who}): status {} on anvil, engine says succeeded = {}",
                    receipt.status(),
                    tx.succeeded
                ));
            }
            if receipt.gas_used != tx.gas_used {
                mismatches.push(format!(
                    "step {i} tx {j} ({who}): gas used {} on anvil, {} in the engine",
                    receipt.gas_used, tx.gas_used
                ));
            }
            if receipt.effective_gas_price != tx.gas_price {
                mismatches.push(format!(
                    "step {i} tx {j} ({who}): effective gas price {} on anvil, {} in the engine",
                    receipt.effective_gas_price, tx.gas_price
                ));
            }
            receipts.push(receipt);
        }
    }
    Ok(receipts)
}

/// The keeper's PnL on the chain (end minus start) against the engine's, in base units.
fn compare_pnl(
    metrics: &RunMetrics,
    start: &BTreeMap<String, U256>,
    end: &BTreeMap<String, U256>,
    mismatches: &mut Vec<String>,
) -> TestResult<Vec<String>> {
    let mut compared = Vec::new();
    for (symbol, engine) in &metrics.pnl {
        let engine = I256::from_dec_str(engine)?;
        let chain = I256::from_raw(end[symbol]) - I256::from_raw(start[symbol]);
        if chain != engine {
            mismatches.push(format!(
                "PnL in {symbol}: {chain} on anvil, {engine} in the engine"
            ));
        }
        compared.push(format!("{symbol} {chain}"));
    }
    Ok(compared)
}

/// The daemon's default strategy in the daemon's world (it acts on the block it sees, included at once); the
/// rival takes what stays liquidatable for a block.
#[tokio::test]
async fn greedy_keeper_rival_a_block_behind() -> TestResult {
    ground_truth(&Case {
        strategy: StrategySpec::Greedy,
        world: WorldParams {
            rival_probability: RIVAL_PROBABILITY,
            // The CLI's default base fee: gas at a real price, as `cantilever backtest` runs it.
            base_fee_gwei: Some(10.0),
            ..WorldParams::default()
        },
        reverts: false,
    })
    .await
}

/// A keeper a block late, packing for a parallel chain, against a rival that acts in the very block a
/// position goes under and lands ahead of it: many of the keeper's transactions revert, and pay gas.
#[tokio::test]
async fn lagging_parallel_keeper_beaten_by_a_rival_in_the_block() -> TestResult {
    ground_truth(&Case {
        strategy: StrategySpec::Parallel,
        world: WorldParams {
            rival_probability: RIVAL_PROBABILITY,
            rival_latency: 0,
            detection_lag: 1,
            ..WorldParams::default()
        },
        reverts: true,
    })
    .await
}

/// Runs `case` in the engine, replays its trace on anvil, and compares.
async fn ground_truth(case: &Case) -> TestResult {
    let dir = scenario_dir();
    let scenario = Scenario::load(&dir)?;
    let out = backtest(&scenario, case)?;
    let metrics = &out.metrics;
    let txs: Vec<_> = out.trace.iter().flat_map(|s| &s.transactions).collect();
    let ours = txs.iter().filter(|t| t.ours).count();
    let rival_took = txs.iter().filter(|t| !t.ours && t.succeeded).count();
    assert_eq!(out.trace.len() as u64, STEPS, "a trace step per path step");
    assert!(
        metrics.captured > 0 && rival_took > 0,
        "the run must have the keeper ({} captured) and the rival ({rival_took} successful transactions) \
         liquidate, \
         else the replay proves little",
        metrics.captured
    );
    assert!(
        !case.reverts || metrics.reverted > 0,
        "the keeper must have reverted attempts in this world"
    );

    let anvil = Anvil::spawn(&AnvilConfig {
        load_state: Some(dir.join("state.json")),
        timestamp: Some(scenario.block.timestamp),
        hardfork: Some(scenario.file.hardfork.clone()),
        chain_id: Some(scenario.file.chain_id),
        fifo: true,
        ..AnvilConfig::default()
    })
    .await?;
    let provider = anvil.provider();
    rpc::stop_mining(&provider, None).await?;
    let head = provider
        .get_block_by_number(BlockNumberOrTag::Latest)
        .await?
        .ok_or("no head block")?;
    assert_eq!(
        (head.header.number, head.header.timestamp),
        (scenario.block.number, scenario.block.timestamp),
        "the loaded node's head (number, timestamp) against the dump's block"
    );
    assert_eq!(provider.get_chain_id().await?, scenario.file.chain_id);
    assert_eq!(
        cantilever_sim::node_spec(&provider).await,
        Some(scenario.spec()),
        "the node's hardfork against the scenario's"
    );

    let symbols: Vec<String> = metrics.pnl.keys().cloned().collect();
    assert!(
        symbols.iter().any(|s| s == GAS_KEY) && symbols.len() > 1,
        "PnL keys {symbols:?}"
    );
    let start = keeper_balances(&provider, &scenario, &symbols, scenario.block.number).await?;

    let mut mismatches = Vec::new();
    let receipts = replay(&provider, &scenario, &out, &mut mismatches).await?;
    let end_block = provider.get_block_number().await?;
    let end = keeper_balances(&provider, &scenario, &symbols, end_block).await?;
    let pnl = compare_pnl(metrics, &start, &end, &mut mismatches)?;

    // The keeper's gas, from its receipts.
    let keeper = scenario.file.keeper.sender;
    let our_receipts: Vec<_> = receipts.iter().filter(|r| r.from == keeper).collect();
    let gas_used: u64 = our_receipts.iter().map(|r| r.gas_used).sum();
    let gas_spent: u128 = our_receipts
        .iter()
        .map(|r| u128::from(r.gas_used) * r.effective_gas_price)
        .sum();
    if gas_used != metrics.gas_used || gas_spent.to_string() != metrics.gas_spent_wei {
        mismatches.push(format!(
            "keeper gas: {gas_used} used, {gas_spent} wei spent on anvil; {} used, {} wei in the engine",
            metrics.gas_used, metrics.gas_spent_wei
        ));
    }
    // Liquidations by the keeper's executor, from the core's logs on the chain.
    let captured = receipts
        .iter()
        .flat_map(|r| r.inner.logs())
        .filter(|log| log.address() == scenario.deployment.core)
        .filter_map(|log| Cantilever::Liquidate::decode_log_data(log.data()).ok())
        .filter(|e| e.caller == scenario.file.keeper.executor)
        .count() as u64;
    if captured != metrics.captured {
        mismatches.push(format!(
            "keeper liquidations: {captured} Liquidate logs on anvil, {} captured in the engine",
            metrics.captured
        ));
    }

    // Every followed position, as the core holds it.
    assert_eq!(
        out.final_positions.len(),
        scenario.file.positions.len(),
        "the engine's final positions cover every followed one"
    );
    let core = Cantilever::new(scenario.deployment.core, &provider);
    for (key, engine) in &out.final_positions {
        let p = core
            .position(key.market, key.borrower)
            .block(end_block.into())
            .call()
            .await?;
        if (p.borrowShares, p.collateral) != (engine.borrow_shares, engine.collateral) {
            mismatches.push(format!(
                "position {}/{}: (borrow shares, collateral) ({}, {}) on anvil, ({}, {}) in the engine",
                key.market,
                key.borrower,
                p.borrowShares,
                p.collateral,
                engine.borrow_shares,
                engine.collateral
            ));
        }
    }

    eprintln!(
        "backtest ground truth ({:?}, {:?}): {} steps, {} transactions replayed ({ours} keeper, {} rival, {rival_took} \
         of the rival's successful), {} captured, {} reverted, keeper gas {gas_used}, PnL compared: {}, {} \
         positions compared; {} mismatches",
        case.strategy,
        case.world,
        out.trace.len(),
        txs.len(),
        txs.len() - ours,
        metrics.captured,
        metrics.reverted,
        pnl.join(", "),
        out.final_positions.len(),
        mismatches.len()
    );
    assert!(
        mismatches.is_empty(),
        "the anvil replay differs from the engine in {} places:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
    Ok(())
}
