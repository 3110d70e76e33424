//! The simulator against anvil, key by key and in both directions.
//!
//! [`BORROWERS`] positions are opened on the shared devnet's three markets and their collateral crashes; each
//! position is a candidate `LiquidationExecutor.liquidate` from the executor's owner that sells the seized
//! collateral into the market's Uniswap v2 pool (the keeper's own transaction). The simulator chains every
//! candidate that still succeeds after its predecessors, and anvil mines the same transactions in one block.
//! Then, for each of at least [`MIN_RECEIPTS`] receipts:
//!
//! - gas used and logs equal the simulation's;
//! - every key anvil wrote (its `prestateTracer` in diff mode: storage slots, balances, nonces, code) was
//!   written by the simulation with the same value;
//! - every key the simulation wrote was written by anvil with that value.
//!
//! The block's beneficiary is the one account the simulator leaves out of its write sets by design (every
//! transaction pays it: recorded, it would make every pair of transactions conflict). Its balance is checked
//! against the simulation instead: anvil's increase equals the simulated gas times the priority fee.
//!
//! (This was the `sim_bench` example's agreement check, which compared only the simulation's writes with the
//! state after the block; the example keeps the benchmarks.)

use std::collections::BTreeMap;
use std::time::Instant;

use alloy::primitives::{Address, B256, Bytes, I256, U256, keccak256};
use alloy::providers::Provider;
use alloy::providers::ext::AnvilApi;
use alloy::sol_types::SolCall;
use cantilever_bindings::cantilever::Cantilever;
use cantilever_bindings::chainlink_oracle::ChainlinkOracle;
use cantilever_bindings::owner_feed::OwnerFeed;
use cantilever_primitives::executor::LiquidationExecutor;
use cantilever_sim::{Candidate, Simulation, Simulator, StateKey, rpc_fork};
use cantilever_tests::{
    Batch, DEPLOYER, SplitMix64, TX_GAS, next_env_at, rpc, scene, shared_devnet,
};
use serde_json::Value;

use crate::TestResult;

/// Positions opened (about 90% of them end up liquidated in the block).
const BORROWERS: usize = 150;
/// Fewest mined liquidations the comparison must cover.
const MIN_RECEIPTS: usize = 100;
const SEED: u64 = 0xbe7c_5113;
/// Legacy gas price of every liquidation (wei): above anvil's base fee, so the beneficiary earns a tip.
const GAS_PRICE: u128 = 20_000_000_000;

/// Every key anvil wrote equals the simulation's, and every key the simulation wrote equals anvil's, over at
/// least [`MIN_RECEIPTS`] executor-plus-swap liquidations mined in one block; gas, logs and the beneficiary's
/// tip agree too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_write_agrees_both_ways() -> TestResult {
    let started = Instant::now();
    let devnet = shared_devnet().await?;
    let provider = devnet.provider();
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

    // Positions close to the limit, then a crash that makes (nearly) all of them liquidatable.
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
        let (supplied, funded) = (
            (supplier, total_debt * U256::from(2)),
            (funder, total_collateral),
        );
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
        let request = feed
            .setAnswer(I256::try_from(answer)?)
            .into_transaction_request();
        batch.send(symbol, DEPLOYER, TX_GAS, request).await?;
    }
    batch.mine().await?;
    let setup = started.elapsed();

    // The chain of candidates that still succeed after their predecessors, simulated for the next block.
    let block = provider.get_block_number().await?;
    let when = rpc::latest_timestamp(&provider).await? + 12;
    let env = next_env_at(&provider, block, when).await?;
    let candidates: Vec<Candidate> = opens
        .iter()
        .map(|&(k, b, _, _)| Candidate {
            from: owner,
            to: periphery.executor,
            data: LiquidationExecutor::liquidateCall {
                marketParams: markets[k].into(),
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
        })
        .collect();
    let sim = Simulator::new(rpc_fork(&provider, block, None).0, env.clone());
    let mut overlay = sim.overlay();
    let mut chained = Vec::new();
    for c in &candidates {
        let (_, kept) = sim.execute_if(&mut overlay, c, Simulation::succeeded)?;
        if kept {
            chained.push(c);
        }
    }
    drop(overlay);
    assert!(
        chained.len() >= MIN_RECEIPTS,
        "only {} of {BORROWERS} liquidations succeed in the simulation (at least {MIN_RECEIPTS} needed)",
        chained.len()
    );
    let replay = sim.chain(&chained)?;

    // The same transactions mined by anvil in one block at the simulated time.
    provider.anvil_set_next_block_timestamp(when).await?;
    let mut batch = Batch::new(&provider);
    for c in &chained {
        let request = alloy::rpc::types::TransactionRequest::default()
            .to(c.to)
            .input(c.data.clone().into())
            .gas_price(c.gas_price);
        batch.send("liquidate", c.from, TX_GAS, request).await?;
    }
    let (mut receipts, blocks) = batch.mine().await?;
    receipts.sort_by_key(|r| r.transaction_index);
    let mined = block + 1;
    assert_eq!(
        blocks, 1,
        "anvil needed {blocks} blocks for the liquidations"
    );
    assert_eq!(receipts.len(), chained.len());
    assert!(
        receipts.iter().all(|r| r.block_number == Some(mined)),
        "the liquidations span more than block {mined}"
    );
    let header = provider
        .get_block_by_number(mined.into())
        .await?
        .ok_or("no mined block")?
        .header;
    assert_eq!(header.beneficiary, env.block.beneficiary, "beneficiary");
    let base_fee = u128::from(header.base_fee_per_gas.ok_or("no base fee")?);
    assert_eq!(
        U256::from(base_fee),
        U256::from(env.block.basefee),
        "base fee"
    );
    let tip = GAS_PRICE
        .checked_sub(base_fee)
        .ok_or("base fee above the gas price")?;

    // What anvil wrote, per transaction of the block.
    let traces: Value = provider
        .raw_request(
            "debug_traceBlockByNumber".into(),
            (
                format!("{mined:#x}"),
                serde_json::json!({"tracer": "prestateTracer", "tracerConfig": {"diffMode": true}}),
            ),
        )
        .await?;
    let mut diffs: BTreeMap<B256, Value> = BTreeMap::new();
    for t in traces
        .as_array()
        .ok_or("debug_traceBlockByNumber: not a list")?
    {
        let hash: B256 = t["txHash"]
            .as_str()
            .ok_or("a trace without txHash")?
            .parse()?;
        diffs.insert(hash, t["result"].clone());
    }
    assert_eq!(diffs.len(), receipts.len(), "traces for every transaction");

    let mut disagreements = Vec::new();
    let (mut anvil_keys, mut sim_keys, mut zeroed) = (0usize, 0usize, 0usize);
    let mut anvil = Vec::with_capacity(receipts.len());
    for (i, (s, r)) in replay.iter().zip(&receipts).enumerate() {
        if !r.status() || !s.succeeded() {
            disagreements.push(format!(
                "tx {i}: status {} mined, simulation succeeded {}",
                r.status(),
                s.succeeded()
            ));
        }
        if s.gas_used != r.gas_used {
            disagreements.push(format!(
                "tx {i}: gas {} simulated, {} mined",
                s.gas_used, r.gas_used
            ));
        }
        let logs: Vec<_> = r.inner.logs().iter().map(|l| l.inner.clone()).collect();
        if s.logs != logs {
            disagreements.push(format!("tx {i}: logs differ"));
        }
        let diff = diffs
            .get(&r.transaction_hash)
            .ok_or_else(|| format!("no trace of tx {i}"))?;
        let written = anvil_writes(diff, header.beneficiary)?;
        anvil_keys += written.keys.len();
        sim_keys += s.writes.len();
        zeroed += written.keys.values().filter(|v| v.is_zero()).count();
        disagreements.extend(
            compare(s, &written, tip)
                .into_iter()
                .map(|m| format!("tx {i}: {m}")),
        );
        anvil.push(written);
    }
    for m in disagreements.iter().take(20) {
        eprintln!("DISAGREEMENT {m}");
    }
    eprintln!(
        "sim vs anvil: {} liquidations with swap mined in block {mined}; {anvil_keys} keys written by anvil, \
         {sim_keys} by the simulation ({zeroed} set to zero), {} disagreements (setup {setup:.1?}, total {:.1?})",
        receipts.len(),
        disagreements.len(),
        started.elapsed()
    );
    assert!(
        disagreements.is_empty(),
        "{} disagreements between the simulation and anvil",
        disagreements.len()
    );
    assert!(receipts.len() >= MIN_RECEIPTS);
    // The control: each simulation set against its neighbour's writes must disagree, or the comparison cannot
    // tell transactions apart.
    for (i, pair) in anvil.windows(2).enumerate() {
        assert!(
            !compare(&replay[i], &pair[1], tip).is_empty(),
            "tx {i}'s simulation agrees with tx {}'s writes",
            i + 1
        );
    }
    assert!(
        anvil_keys >= receipts.len() * 10,
        "only {anvil_keys} keys written by anvil over {} liquidations: the traces are not diffs",
        receipts.len()
    );
    Ok(())
}

/// What one transaction wrote, as anvil reports it.
#[derive(Debug)]
struct Written {
    /// Every key written, with its value after the transaction, without the beneficiary's balance.
    keys: BTreeMap<StateKey, U256>,
    /// The beneficiary's balance increase.
    earned: U256,
}

/// Where a simulation and anvil's record of the same transaction differ, both ways: each key anvil wrote that the
/// simulation did not write with the same value, each key the simulation wrote that anvil did not, and the
/// beneficiary's increase against the simulated gas at the priority fee `tip` (wei per gas).
fn compare(s: &Simulation, written: &Written, tip: u128) -> Vec<String> {
    let mut out = Vec::new();
    let simulated: BTreeMap<StateKey, U256> = s.writes.iter().copied().collect();
    // anvil → simulation.
    for (key, value) in &written.keys {
        match simulated.get(key) {
            None => out.push(format!(
                "anvil wrote {key:?} = {value}, the simulation did not write it"
            )),
            Some(v) if v != value => {
                out.push(format!("{key:?}: anvil wrote {value}, the simulation {v}"))
            }
            Some(_) => {}
        }
    }
    // simulation → anvil.
    for (key, value) in &simulated {
        if !written.keys.contains_key(key) {
            out.push(format!(
                "the simulation wrote {key:?} = {value}, anvil did not write it"
            ));
        }
    }
    let expected = U256::from(s.gas_used) * U256::from(tip);
    if written.earned != expected {
        out.push(format!(
            "the beneficiary earned {} on anvil, {expected} by the simulation's gas",
            written.earned
        ));
    }
    out
}

/// The keys one transaction wrote, from anvil's `prestateTracer` diff (`pre`: the changed accounts before,
/// `post`: the fields that changed, slots set to zero left out).
fn anvil_writes(diff: &Value, beneficiary: Address) -> TestResult<Written> {
    let accounts = |side: &str| -> TestResult<BTreeMap<Address, &Value>> {
        let map = diff[side]
            .as_object()
            .ok_or_else(|| format!("a diff without {side}"))?;
        map.iter()
            .map(|(a, v)| Ok((a.parse::<Address>()?, v)))
            .collect()
    };
    let (pre, post) = (accounts("pre")?, accounts("post")?);
    let mut writes = BTreeMap::new();
    let mut earned = U256::ZERO;
    for (&address, account) in &post {
        if address == beneficiary {
            let before = match pre.get(&address) {
                Some(a) if !a["balance"].is_null() => quantity(&a["balance"])?,
                _ => U256::ZERO,
            };
            earned = quantity(&account["balance"])? - before;
            continue;
        }
        if !account["balance"].is_null() {
            writes.insert(StateKey::Balance(address), quantity(&account["balance"])?);
        }
        if !account["nonce"].is_null() {
            writes.insert(StateKey::Nonce(address), quantity(&account["nonce"])?);
        }
        if let Some(code) = account["code"].as_str() {
            let code: Bytes = code.parse()?;
            writes.insert(
                StateKey::Code(address),
                U256::from_be_bytes(keccak256(&code).0),
            );
        }
        for (slot, value) in account["storage"].as_object().into_iter().flatten() {
            let slot = word(slot)?;
            let value = word(
                value
                    .as_str()
                    .ok_or("a storage value that is not a string")?,
            )?;
            writes.insert(StateKey::Storage { address, slot }, value);
        }
    }
    // Slots that held a value before and none after were set to zero.
    for (&address, account) in &pre {
        if address == beneficiary {
            continue;
        }
        for (slot, _) in account["storage"].as_object().into_iter().flatten() {
            let key = StateKey::Storage {
                address,
                slot: word(slot)?,
            };
            writes.entry(key).or_insert(U256::ZERO);
        }
    }
    Ok(Written {
        keys: writes,
        earned,
    })
}

/// A JSON quantity: a number or a 0x-hex string.
fn quantity(v: &Value) -> TestResult<U256> {
    match v {
        Value::Number(n) => Ok(U256::from(n.as_u64().ok_or("a quantity above u64")?)),
        Value::String(s) => Ok(s.parse()?),
        other => Err(format!("not a quantity: {other}").into()),
    }
}

/// A 32-byte word written as 0x-hex (a slot or a slot's value).
fn word(s: &str) -> TestResult<U256> {
    Ok(U256::from_be_bytes(s.parse::<B256>()?.0))
}
