//! Release benchmark of the simulation crate against a real devnet (issue 6, item 8):
//! `cargo run --release -p cantilever-tests --example sim_bench`.
//!
//! Positions are opened on the devnet's three markets and prices crash; every position is then a
//! candidate flash liquidation through the `LiquidationExecutor` that sells the seized collateral
//! into the market's Uniswap v2 pool (a liquidation with a collateral swap). Each figure is printed
//! against a baseline measured in the same run:
//!
//! - (a) warm single-core simulations per second, against plain revm running the same transactions
//!   over a `CacheDB` of the same fork with no inspector and no read/write recording;
//! - (b) the speedup of the same simulations on every worker against one, and the efficiency;
//! - (c) cache hit rate and RPC calls per simulation: in one block once warm, and per new block
//!   with the previous block's reads prefetched;
//! - (d) the result cache: re-validating every result against re-executing it;
//! - (e) moved: the agreement with anvil (every key written, in both directions, over 100+ of these
//!   liquidations mined in one block) is the e2e test `sim_anvil` in `tests/it/`, which CI runs;
//! - (f) why candidates conflict: which kinds of keys the conflicting pairs share;
//! - (g) the plans packed for the sequential and the parallel profile.

use std::collections::{BTreeMap, BTreeSet};
use std::error::Error;
use std::sync::Arc;
use std::time::{Duration, Instant};

use alloy::eips::BlockId;
use alloy::primitives::{Address, Bytes, I256, U256, keccak256};
use alloy::providers::Provider;
use alloy::providers::ext::AnvilApi;
use alloy::sol_types::SolCall;
use cantilever_bindings::cantilever::Cantilever;
use cantilever_bindings::chainlink_oracle::ChainlinkOracle;
use cantilever_bindings::owner_feed::OwnerFeed;
use cantilever_primitives::executor::LiquidationExecutor;
use cantilever_sim::revm::context::{CfgEnv, TxEnv};
use cantilever_sim::revm::database::CacheDB;
use cantilever_sim::revm::interpreter::Interpreter;
use cantilever_sim::revm::interpreter::interpreter::EthInterpreter;
use cantilever_sim::revm::interpreter::interpreter_types::Jumps;
use cantilever_sim::revm::primitives::TxKind;
use cantilever_sim::revm::{
    Context, Database, ExecuteEvm, InspectEvm, Inspector, MainBuilder, MainContext,
};
use cantilever_sim::{
    Candidate, ChainProfile, Outcome, PackConfig, ResultCache, RpcSource, SharedFork, SimEnv,
    Simulation, Simulator, StateKey, StateSource, pack, rpc_fork,
};
use cantilever_tests::{
    Batch, DEPLOYER, Devnet, DevnetOptions, SplitMix64, TX_GAS, next_env_at, rpc, scene,
};

type BenchResult<T = ()> = Result<T, Box<dyn Error>>;

const BORROWERS: usize = 150;
const SEED: u64 = 0xbe7c_5113;
const GAS_PRICE: u128 = 20_000_000_000;
/// How long each throughput measurement runs (it repeats the candidate set until then).
const MEASURE: Duration = Duration::from_secs(3);
/// Blocks of the steady-state RPC measurement.
const STEADY_BLOCKS: usize = 4;

/// The baseline: plain revm, the same transaction over a `CacheDB` of the same fork, no inspector,
/// no recording, nothing kept. Returns the gas used (checked against ours).
fn plain_revm(fork: &SharedFork, env: &SimEnv, c: &Candidate) -> BenchResult<u64> {
    let mut db = CacheDB::new(fork);
    let nonce = db.basic(c.from)?.map_or(0, |a| a.nonce);
    let mut cfg = CfgEnv::default();
    cfg.set_spec_and_mainnet_gas_params(env.spec);
    cfg.chain_id = env.chain_id;
    let mut evm = Context::mainnet()
        .with_db(db)
        .with_cfg(cfg)
        .with_block(env.block.clone())
        .build_mainnet();
    let tx = TxEnv {
        caller: c.from,
        gas_limit: c.gas_limit,
        gas_price: c.gas_price,
        kind: TxKind::Call(c.to),
        value: c.value,
        data: c.data.clone(),
        nonce,
        chain_id: Some(env.chain_id),
        ..TxEnv::default()
    };
    let out = evm.transact(tx).map_err(|e| format!("plain revm: {e:?}"))?;
    Ok(out.result.tx_gas_used())
}

/// CPU time of the calling thread (Linux `schedstat`: nanoseconds on a CPU). The machine is
/// shared, so wall-clock rates move with other processes' load; CPU time does not.
fn thread_cpu() -> Duration {
    schedstat("/proc/thread-self/schedstat")
}

/// CPU time of every thread of this process.
fn process_cpu() -> Duration {
    std::fs::read_dir("/proc/self/task")
        .map(|tasks| {
            tasks
                .flatten()
                .map(|t| schedstat(&t.path().join("schedstat").to_string_lossy()))
                .sum()
        })
        .unwrap_or_default()
}

fn schedstat(path: &str) -> Duration {
    std::fs::read_to_string(path)
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .map(Duration::from_nanos)
        .unwrap_or_default()
}

/// The previous simulator's inspector (issue 6 before this change): it looked at every opcode
/// for the block-field reads. Kept here to measure that design in the same run.
#[derive(Default)]
struct OpcodeWatcher(u8);

impl<CTX> Inspector<CTX, EthInterpreter> for OpcodeWatcher {
    fn step(&mut self, interp: &mut Interpreter<EthInterpreter>, _context: &mut CTX) {
        let bit = match interp.bytecode.opcode() {
            0x42 => 1,
            0x43 => 2,
            0x48 | 0x3a => 4,
            0x41 => 8,
            0x44 => 16,
            0x45 => 32,
            0x40 | 0x49 | 0x4a => 64,
            _ => return,
        };
        self.0 |= bit;
    }
}

/// The previous simulator's execution path: a fresh configuration, a `CacheDB` overlay per
/// simulation and the opcode-watching inspector (without its read/write recording).
fn previous_path(fork: &SharedFork, env: &SimEnv, c: &Candidate) -> BenchResult<u64> {
    let mut db = CacheDB::new(fork);
    let nonce = db.basic(c.from)?.map_or(0, |a| a.nonce);
    let mut cfg = CfgEnv::default();
    cfg.set_spec_and_mainnet_gas_params(env.spec);
    cfg.chain_id = env.chain_id;
    let mut evm = Context::mainnet()
        .with_db(&mut db)
        .with_cfg(cfg)
        .with_block(env.block.clone())
        .build_mainnet_with_inspector(OpcodeWatcher::default());
    let tx = TxEnv {
        caller: c.from,
        gas_limit: c.gas_limit,
        gas_price: c.gas_price,
        kind: TxKind::Call(c.to),
        value: c.value,
        data: c.data.clone(),
        nonce,
        chain_id: Some(env.chain_id),
        ..TxEnv::default()
    };
    let out = evm
        .inspect_tx(tx)
        .map_err(|e| format!("previous path: {e:?}"))?;
    Ok(out.result.tx_gas_used())
}

/// Runs the `rounds` (each simulates `per_round` transactions) in turn on this thread, again and
/// again for 3 × [`MEASURE`]; returns, for each, simulations per second of its best round (wall
/// clock) and per CPU second of the thread over all its rounds.
fn interleaved<const N: usize>(
    per_round: usize,
    rounds: [&dyn Fn() -> BenchResult; N],
) -> BenchResult<[(f64, f64); N]> {
    let mut best = [Duration::MAX; N];
    let mut cpu = [Duration::ZERO; N];
    let mut count = 0u32;
    let started = Instant::now();
    while started.elapsed() < MEASURE * 3 || count < 3 {
        for (k, round) in rounds.iter().enumerate() {
            let (t, c) = (Instant::now(), thread_cpu());
            round()?;
            best[k] = best[k].min(t.elapsed());
            cpu[k] += thread_cpu() - c;
        }
        count += 1;
    }
    let sims = per_round as f64;
    Ok(std::array::from_fn(|k| {
        (
            sims / best[k].as_secs_f64(),
            sims * f64::from(count) / cpu[k].as_secs_f64(),
        )
    }))
}

/// The slot of `mapping(address => …)` at `position` for `key` (Solidity layout).
fn mapping_slot(key: Address, position: u64) -> U256 {
    let mut buf = [0u8; 64];
    buf[12..32].copy_from_slice(key.as_slice());
    buf[32..].copy_from_slice(&U256::from(position).to_be_bytes::<32>());
    U256::from_be_bytes(keccak256(buf).0)
}

/// The slot of `mapping(… => mapping(address => …))` for `key` inside the outer entry at `outer`.
fn nested_slot(key: Address, outer: U256) -> U256 {
    let mut buf = [0u8; 64];
    buf[12..32].copy_from_slice(key.as_slice());
    buf[32..].copy_from_slice(&outer.to_be_bytes::<32>());
    U256::from_be_bytes(keccak256(buf).0)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> BenchResult {
    let started = Instant::now();
    let mut options = DevnetOptions::default();
    options.anvil.accounts = BORROWERS + 5;
    options.anvil.gas_limit = 4_000_000_000;
    let devnet = Devnet::start(&options).await?;
    let provider = devnet.anvil.provider();
    let d = &devnet.deployment;
    let periphery = d.periphery.as_ref().ok_or("the devnet has no periphery")?;
    let core = Cantilever::new(d.core, &provider);
    let accounts = provider.get_accounts().await?;
    let owner = periphery.executor_owner;
    let borrowers: Vec<Address> = accounts
        .iter()
        .copied()
        .filter(|a| *a != owner && *a != DEPLOYER)
        .take(BORROWERS)
        .collect();
    let (supplier, funder) = (accounts[accounts.len() - 2], accounts[accounts.len() - 1]);
    let markets: Vec<_> = d.markets.iter().map(|m| m.params()).collect();
    let mut rng = SplitMix64::new(SEED);

    // ------------------------------------------------------------------ positions, then a crash
    provider.anvil_set_auto_mine(false).await?;
    let mut opens = Vec::new();
    let mut batch = Batch::new(&provider);
    for (k, m) in markets.iter().enumerate() {
        let price = ChainlinkOracle::new(m.oracle, &provider)
            .price()
            .call()
            .await?;
        let min_debt = core.market(m.id()).call().await?.minDebt;
        let (mut total_debt, mut total_collateral) = (U256::ZERO, U256::ZERO);
        for &b in borrowers.iter().skip(k).step_by(markets.len()) {
            // Close to the limit, so the crash below makes (nearly) every position liquidatable.
            let (collateral, debt) = scene::draw(
                &mut rng,
                min_debt,
                price,
                m.lltv,
                (20.0, 20_000.0),
                (880_000, 990_000),
            )?;
            total_debt += debt;
            total_collateral += collateral;
            opens.push((k, b, collateral, debt));
        }
        let supply = total_debt * U256::from(2);
        let (supplied, funded) = ((supplier, supply), (funder, total_collateral));
        scene::fund_market(&mut batch, &core, m, supplied, funded).await?;
    }
    for &(k, b, collateral, _) in &opens {
        scene::supply_collateral(&mut batch, &core, &markets[k], funder, (b, collateral)).await?;
    }
    batch.mine().await?;
    let mut batch = Batch::new(&provider);
    for &(k, b, _, debt) in &opens {
        scene::borrow(&mut batch, &core, &markets[k], (b, debt)).await?;
    }
    batch.mine().await?;
    let mut batch = Batch::new(&provider);
    for (symbol, answer) in [
        ("USDC", 100_000_000i64),
        ("WETH", 200_000_000_000),
        ("WBTC", 4_500_000_000_000),
    ] {
        let feed = OwnerFeed::new(d.feeds[symbol], &provider);
        batch
            .send(
                symbol,
                DEPLOYER,
                TX_GAS,
                feed.setAnswer(I256::try_from(answer)?)
                    .into_transaction_request(),
            )
            .await?;
    }
    batch.mine().await?;
    let setup = started.elapsed();

    // ------------------------------------------------------------------ candidates
    let block = provider.get_block_number().await?;
    let when = rpc::latest_timestamp(&provider).await? + 12;
    let env = next_env_at(&provider, block, when).await?;
    let liquidate = |k: usize, b: Address| {
        let m = &markets[k];
        Candidate {
            from: owner,
            to: periphery.executor,
            data: LiquidationExecutor::liquidateCall {
                marketParams: (*m).into(),
                borrower: b,
                maxRepayAssets: U256::MAX,
                adapter: periphery.adapter,
                swapData: Bytes::new(),
                minProfit: U256::ZERO,
            }
            .abi_encode()
            .into(),
            value: U256::ZERO,
            gas_limit: TX_GAS,
            gas_price: GAS_PRICE,
        }
    };
    let all: Vec<(usize, Candidate)> = opens
        .iter()
        .map(|&(k, b, _, _)| (k, liquidate(k, b)))
        .collect();

    // ------------------------------------------------------------------ cold pass
    let (fork, source) = rpc_fork(&provider, block, None);
    let sim = Simulator::new(fork.clone(), env.clone());
    let all_candidates: Vec<Candidate> = all.iter().map(|(_, c)| c.clone()).collect();
    let t = Instant::now();
    let cold = sim.simulate_all(&all_candidates);
    let cold_time = t.elapsed();
    let cold_rpc = source.rpc_calls();
    let cold_counters = fork.counters();
    let mut market_of = Vec::new();
    let mut candidates = Vec::new();
    let mut sims = Vec::new();
    for ((k, c), s) in all.into_iter().zip(cold) {
        let s = s?;
        if s.succeeded() {
            market_of.push(k);
            candidates.push(c);
            sims.push(s);
        }
    }
    let n = candidates.len();
    if n < 100 {
        return Err(format!("only {n} of {BORROWERS} positions are liquidatable").into());
    }
    let mean_gas = sims.iter().map(|s| s.gas_used).sum::<u64>() / n as u64;

    // One warm pass over the same fork: the steady state within a block.
    let (rpc_before, before) = (source.rpc_calls(), fork.counters());
    for s in sim.simulate_all(&candidates) {
        s?;
    }
    let warm_rpc = source.rpc_calls() - rpc_before;
    let after_warm = fork.counters();
    let warm_hit_rate = (after_warm.hits - before.hits) as f64
        / ((after_warm.hits + after_warm.fetches) - (before.hits + before.fetches)) as f64;

    // ------------------------------------------------------------------ (a) single core, warm
    let one = Simulator::with_threads(fork.clone(), env.clone(), 1);
    let plain_gas: Vec<u64> = one.install(|| {
        candidates
            .iter()
            .map(|c| plain_revm(&fork, &env, c).map_err(|e| e.to_string()))
            .collect::<Result<_, _>>()
    })?;
    let ours_gas: Vec<u64> = sims.iter().map(|s| s.gas_used).collect();
    if plain_gas != ours_gas {
        return Err("plain revm and the simulator disagree on gas".into());
    }
    // The three paths in interleaved rounds on the one worker, so they share the outside load;
    // for each, the best round (wall clock) and the total CPU time of the thread.
    let [plain_rate, previous_rate, ours_rate] = one.install(|| {
        interleaved(
            n,
            [
                &|| {
                    for c in &candidates {
                        plain_revm(&fork, &env, c)?;
                    }
                    Ok(())
                },
                &|| {
                    for c in &candidates {
                        previous_path(&fork, &env, c)?;
                    }
                    Ok(())
                },
                &|| {
                    for s in one.simulate_sequential(&candidates) {
                        s?;
                    }
                    Ok(())
                },
            ],
        )
        .map_err(|e| e.to_string())
    })?;

    // ------------------------------------------------------------------ (b) all workers vs one
    let many: Vec<Candidate> = candidates.iter().cycle().take(n * 8).cloned().collect();
    // Alternating, so both see the same outside load; best wall time of each, and total CPU.
    let mut best_one = Duration::MAX;
    let mut best_all = Duration::MAX;
    let (mut cpu_one, mut cpu_all) = (Duration::ZERO, Duration::ZERO);
    let (mut wall_all, mut rounds) = (Duration::ZERO, 0u32);
    let measuring = Instant::now();
    while measuring.elapsed() < MEASURE * 2 || rounds < 3 {
        let (t, cpu) = (Instant::now(), process_cpu());
        let a = one.simulate_all(&many);
        best_one = best_one.min(t.elapsed());
        cpu_one += process_cpu() - cpu;
        let (t, cpu) = (Instant::now(), process_cpu());
        let b = sim.simulate_all(&many);
        best_all = best_all.min(t.elapsed());
        wall_all += t.elapsed();
        cpu_all += process_cpu() - cpu;
        rounds += 1;
        if a != b {
            return Err("parallel results differ from one worker's".into());
        }
    }
    let speedup = best_one.as_secs_f64() / best_all.as_secs_f64();
    let sims_run = (many.len() as u32 * rounds) as f64;
    // Simulations per CPU second with every worker against one: the cost of running in parallel
    // (contention, cache traffic), whatever other processes take from the cores.
    let cpu_efficiency = (sims_run / cpu_all.as_secs_f64()) / (sims_run / cpu_one.as_secs_f64());
    // The share of the workers' cores this process actually got during the parallel runs.
    let cpu_share = cpu_all.as_secs_f64() / (wall_all.as_secs_f64() * sim.threads() as f64);
    let workers = sim.threads();

    // ------------------------------------------------------------------ (f) why candidates conflict
    let tokens: BTreeSet<Address> = d.tokens.values().copied().collect();
    let pools: BTreeSet<Address> = d.pools.values().copied().collect();
    let core_balance_slots: BTreeSet<U256> = (0..16).map(|p| mapping_slot(d.core, p)).collect();
    let owner_balance_slots: BTreeSet<U256> = (0..16).map(|p| mapping_slot(owner, p)).collect();
    // The executor's own balance and its allowances to the core, the adapter and the pools.
    let spenders: Vec<Address> = [d.core, periphery.adapter]
        .into_iter()
        .chain(pools.iter().copied())
        .collect();
    let executor_slots: BTreeSet<U256> = (0..16)
        .flat_map(|p| {
            let inner = mapping_slot(periphery.executor, p);
            let nested: Vec<U256> = spenders.iter().map(|&sp| nested_slot(sp, inner)).collect();
            std::iter::once(inner).chain(nested)
        })
        .collect();
    let kind = |key: &StateKey| -> &'static str {
        match *key {
            StateKey::Nonce(a) | StateKey::Balance(a) if a == owner => "sender",
            StateKey::Storage { address, slot } if tokens.contains(&address) => {
                if core_balance_slots.contains(&slot) {
                    "token balanceOf[core]"
                } else if owner_balance_slots.contains(&slot) {
                    "token balanceOf[profit recipient]"
                } else if executor_slots.contains(&slot) {
                    "token balance/allowance of the executor"
                } else {
                    "other token slot"
                }
            }
            StateKey::Storage { address, .. } if pools.contains(&address) => "pool",
            StateKey::Storage { address, .. } if address == d.core => "core (market, borrower)",
            _ => "other",
        }
    };
    let mut pair_kinds: BTreeMap<(bool, Vec<&str>), usize> = BTreeMap::new();
    let mut pairs = 0usize;
    for i in 0..n {
        for j in i + 1..n {
            pairs += 1;
            let (x, y) = (&sims[i].rwset, &sims[j].rwset);
            let mut kinds: BTreeSet<&str> = BTreeSet::new();
            for k in x.writes() {
                if y.has_read(k) || y.has_written(k) {
                    kinds.insert(kind(k));
                }
            }
            for k in y.writes() {
                if x.has_read(k) {
                    kinds.insert(kind(k));
                }
            }
            let same_market = market_of[i] == market_of[j];
            *pair_kinds
                .entry((same_market, kinds.into_iter().collect()))
                .or_default() += 1;
        }
    }

    // ------------------------------------------------------------------ (g) plans for both profiles
    let profit = |_: &Candidate, s: &Simulation| -> I256 {
        match &s.outcome {
            Outcome::Success(out) => LiquidationExecutor::liquidateCall::abi_decode_returns(out)
                .map_or(I256::ZERO, |r| {
                    I256::try_from(r.profit).unwrap_or(I256::MAX)
                }),
            _ => I256::ZERO,
        }
    };
    let refs: Vec<Option<&Simulation>> = sims.iter().map(Some).collect();
    let mut plans = Vec::new();
    for profile in [ChainProfile::Sequential, ChainProfile::Parallel] {
        let t = Instant::now();
        // The executor takes calls from its owner only: no senders to spread over.
        let plan = pack(&sim, &candidates, &refs, &profit, &PackConfig::new(profile))?;
        if !plan.valid {
            return Err(format!("{profile:?} plan fails validation").into());
        }
        plans.push((profile, plan, t.elapsed()));
    }

    // ------------------------------------------------------------------ (d) result cache
    let mut cache = ResultCache::new();
    let (first, _) = cache.simulate_all(&sim, &candidates);
    drop(first);
    let mut revalidate = Duration::MAX;
    let mut reexecute = Duration::MAX;
    for _ in 0..5 {
        let t = Instant::now();
        let (again, refresh) = cache.simulate_all(&sim, &candidates);
        revalidate = revalidate.min(t.elapsed());
        if refresh.reused != n {
            return Err(format!("the cache re-ran {} unchanged results", refresh.simulated).into());
        }
        let t = Instant::now();
        let fresh = sim.simulate_all(&candidates);
        reexecute = reexecute.min(t.elapsed());
        if again != fresh {
            return Err("cached results differ from fresh ones".into());
        }
    }

    // ------------------------------------------------------------------ (c) steady state across blocks
    // Each new block: a new fork, the keys the previous block's simulations read fetched in one
    // batch, then every candidate simulated again (the keeper's per-block work).
    let mut previous: Vec<StateKey> = sims
        .iter()
        .flat_map(|s| s.reads.iter().map(|(k, _)| *k))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut steady = Vec::new();
    let mut previous_fork = fork.clone();
    let mut number = block;
    // The first new block is mined at `when`, the time the candidates were simulated for.
    let mut timestamp = when - 12;
    for step in 0..STEADY_BLOCKS {
        // An unrelated block: a transfer between two borrowers.
        let mut batch = Batch::new(&provider);
        let request = alloy::rpc::types::TransactionRequest::default()
            .to(borrowers[step + 1])
            .value(U256::from(1));
        batch
            .send("transfer", borrowers[step], TX_GAS, request)
            .await?;
        timestamp += 12;
        provider.anvil_set_next_block_timestamp(timestamp).await?;
        batch.mine().await?;
        number += 1;
        // A fork of the new block that keeps the previous fork's code by hash.
        let source = Arc::new(RpcSource::new(
            provider.clone(),
            BlockId::number(number),
            tokio::runtime::Handle::current(),
        ));
        let fork =
            Arc::new(previous_fork.successor(source.clone() as Arc<dyn StateSource>, Some(number)));
        previous_fork = fork.clone();
        let sim = sim.with_fork(
            fork.clone(),
            next_env_at(&provider, number, timestamp + 12).await?,
        );
        let t = Instant::now();
        fork.prefetch(&previous)?;
        let results = sim.simulate_all(&candidates);
        let took = t.elapsed();
        let reads: BTreeSet<StateKey> = results
            .iter()
            .flatten()
            .flat_map(|s| s.reads.iter().map(|(k, _)| *k))
            .collect();
        previous = reads.into_iter().collect();
        steady.push((source.rpc_calls(), fork.counters(), took));
    }

    // ------------------------------------------------------------------ figures
    let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
    println!("==================== sim_bench figures ====================");
    println!(
        "setup: {} positions, {n} liquidatable; a candidate is LiquidationExecutor.liquidate (seize, sell the collateral into the Uniswap v2 pool, repay): mean {mean_gas} gas; {cores} cores, {workers} workers; setup {setup:.1?}",
        opens.len()
    );
    println!(
        "(a) single core, warm, interleaved rounds: {:.0} sims/s wall (best round), {:.0} sims per CPU second (ours: env-read hooks + read/write sets)  vs  {:.0} sims/s wall, {:.0} per CPU second (baseline: plain revm over a CacheDB of the same fork, no hooks, no recording)  = {:.2}x the baseline's CPU time per simulation",
        ours_rate.0,
        ours_rate.1,
        plain_rate.0,
        plain_rate.1,
        plain_rate.1 / ours_rate.1
    );
    println!(
        "(a) before this change, same run: the previous execution path (a CacheDB overlay and an inspector watching every opcode, recording left out) {:.0} sims/s wall, {:.0} per CPU second: ours does {:.2}x its work per CPU second",
        previous_rate.0,
        previous_rate.1,
        ours_rate.1 / previous_rate.1
    );
    println!(
        "(b) {} sims, best of {rounds} alternating runs: 1 worker {:.0} sims/s, {workers} workers {:.0} sims/s: speedup {speedup:.2}x, parallel efficiency {:.0}% (wall clock; baseline: 1 worker, same run); per CPU second {workers} workers do {:.0}% of 1 worker's work; the workers got {:.0}% of {workers} cores (the rest went to other processes)",
        many.len(),
        many.len() as f64 / best_one.as_secs_f64(),
        many.len() as f64 / best_all.as_secs_f64(),
        100.0 * speedup / workers as f64,
        100.0 * cpu_efficiency,
        100.0 * cpu_share
    );
    println!(
        "(c) one block: cold pass {cold_time:.1?}, {cold_rpc} RPC calls ({:.2}/sim), hit rate {:.3}; warm pass (steady state in the block): {warm_rpc} RPC calls ({:.3}/sim), hit rate {warm_hit_rate:.4}",
        cold_rpc as f64 / n as f64,
        cold_counters.hit_rate(),
        warm_rpc as f64 / n as f64,
    );
    for (i, (rpc, counters, took)) in steady.iter().enumerate() {
        println!(
            "(c) new block {}: previous reads prefetched (one eth_getProof per account, concurrently), {n} sims in {took:.1?}: {rpc} RPC calls ({:.2}/sim), hit rate {:.3}",
            i + 1,
            *rpc as f64 / n as f64,
            counters.hit_rate()
        );
    }
    println!(
        "(d) result cache, nothing changed: re-validating {n} results {revalidate:.2?}  vs  re-executing them {reexecute:.2?} ({:.1}x cheaper)",
        reexecute.as_secs_f64() / revalidate.as_secs_f64()
    );
    println!(
        "(f) conflicts among {pairs} candidate pairs (the shared sender's nonce and balance listed as 'sender'):"
    );
    for ((same, kinds), count) in &pair_kinds {
        println!(
            "    {} market: {count} pairs conflict through {}",
            if *same { "same" } else { "different" },
            if kinds.is_empty() {
                "nothing".to_string()
            } else {
                kinds.join(" + ")
            }
        );
    }
    for (profile, plan, took) in &plans {
        println!(
            "(g) plan {profile:?}: {} txs from {} components, {} distinct senders, critical path {} gas over {} txs, {} re-executions, {} chains simulated, packed and validated in {took:.1?}",
            plan.order.len(),
            plan.components,
            plan.senders.iter().collect::<BTreeSet<_>>().len(),
            plan.critical_path.gas,
            plan.critical_path.chain.len(),
            plan.re_executions.len(),
            plan.chains_simulated,
        );
    }
    println!("total {:.1?}", started.elapsed());
    println!("============================================================");
    Ok(())
}
