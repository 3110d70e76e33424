//! The simulator against a real devnet: positions are opened and prices crash; every candidate
//! liquidation (and hundreds of random ones) is simulated on a fork of the latest block in
//! parallel and sequentially (identical results); the fork's cache is measured, saved and replayed
//! offline; a price move re-runs only the candidates that read the moved feed; the packed plan is
//! sent to anvil and every transaction's gas, logs and state writes must equal the simulation's.
//! Prints the benchmark figures (each against a baseline measured in the same run).

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Instant;

use alloy::eips::BlockId;
use alloy::primitives::{Address, Bytes, I256, U256};
use alloy::providers::Provider;
use alloy::providers::ext::AnvilApi;
use alloy::sol_types::{SolCall, SolEvent};
use cantilever_bindings::cantilever::Cantilever;
use cantilever_bindings::chainlink_oracle::ChainlinkOracle;
use cantilever_bindings::owner_feed::OwnerFeed;
use cantilever_primitives::math::constants::ORACLE_PRICE_SCALE;
use cantilever_primitives::{MarketParams, PositionKey};
use cantilever_sim::{
    Candidate, ChainProfile, PackConfig, ResultCache, SharedFork, SimEnv, Simulation, Simulator,
    StateKey, StateSource, pack, proof_requests, rpc_fork,
};
use cantilever_tests::{
    Batch, DEPLOYER, Devnet, SplitMix64, TX_GAS, next_env_at, rpc, scene, shared_devnet,
};

use crate::TestResult;

const BORROWERS: usize = 60;
const SEED: u64 = 0x5113;
const GAS_PRICE: u128 = 20_000_000_000;

/// Every candidate (each position in full, then random budgets and senders) simulated in parallel, cold and
/// warm, equals the sequential run; a warm fork makes no RPC calls; the saved fork replays offline the same.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn parallel_equals_sequential_and_replays_offline() -> TestResult {
    let devnet = shared_devnet().await?;
    let scene = Scene::open(&devnet).await?;
    let (candidates, full) = (&scene.candidates, scene.full);
    let provider = devnet.provider();
    let (block, env) = (scene.block, scene.env.clone());
    let (fork, source) = rpc_fork(&provider, block, None);
    let sim = Simulator::new(fork.clone(), env.clone());
    let t = Instant::now();
    let cold = sim.simulate_all(candidates);
    let cold_time = t.elapsed();
    let cold_rpc = source.rpc_calls();
    let cold_counters = fork.counters();
    let one = Simulator::with_threads(fork.clone(), env.clone(), 1);
    let t = Instant::now();
    let sequential = one.simulate_sequential(candidates);
    let warm_one = t.elapsed();
    let t = Instant::now();
    let parallel = sim.simulate_all(candidates);
    let warm_all = t.elapsed();
    assert_eq!(
        cold, sequential,
        "cold parallel run differs from sequential"
    );
    assert_eq!(
        parallel, sequential,
        "warm parallel run differs from sequential"
    );
    let sims: Vec<Simulation> = sequential.into_iter().collect::<Result<_, _>>()?;
    let ok = sims.iter().filter(|s| s.succeeded()).count();
    assert!(
        sims[..full].iter().filter(|s| s.succeeded()).count() >= 10,
        "the crash makes positions liquidatable"
    );
    let steady_rpc = source.rpc_calls() - cold_rpc;
    assert_eq!(steady_rpc, 0, "a warm fork makes no RPC calls");
    let n = candidates.len() as f64;
    let warm_counters = fork.counters();
    let steady = (warm_counters.hits - cold_counters.hits) as f64
        / ((warm_counters.hits + warm_counters.fetches)
            - (cold_counters.hits + cold_counters.fetches)) as f64;
    eprintln!(
        "bench: {} candidates ({ok} succeed), {} workers: cold {cold_time:.1?} with {cold_rpc} RPC calls ({:.2}/sim, cache hit rate {:.3}); \
         warm 1 thread {:.0} sims/s, warm {} threads {:.0} sims/s (speedup {:.2}x); steady state: {:.2} RPC calls/sim, hit rate {steady:.3}",
        candidates.len(),
        sim.threads(),
        cold_rpc as f64 / n,
        cold_counters.hit_rate(),
        n / warm_one.as_secs_f64(),
        sim.threads(),
        n / warm_all.as_secs_f64(),
        warm_one.as_secs_f64() / warm_all.as_secs_f64(),
        steady_rpc as f64 / n,
    );

    let dir = tempfile::tempdir()?;
    let path = dir.path().join("fork.json");
    fork.save(&path)?;
    let offline = Simulator::new(Arc::new(SharedFork::load(&path, None)?), env.clone());
    assert_eq!(
        offline.simulate_all(candidates),
        parallel,
        "offline replay differs"
    );

    Ok(())
}

/// The fork's prefetch (plain reads in JSON-RPC batches) answers exactly what `eth_getProof` answers: over every
/// key the liquidations of a crash read, 1,200 more slots of the core (so the calls span several batches), an
/// externally owned account and an address nobody uses. A fork prefetched that way then simulates the crash's
/// liquidations exactly as a cold one, with at most a twentieth of a cold fork's calls after the prefetch.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn batched_prefetch_equals_eth_get_proof() -> TestResult {
    let devnet = shared_devnet().await?;
    let scene = Scene::open(&devnet).await?;
    let provider = devnet.provider();
    let (cold, cold_source) = rpc_fork(&provider, scene.block, None);
    let expected = Simulator::new(cold, scene.env.clone()).simulate_all(&scene.candidates);
    let cold_calls = cold_source.rpc_calls();
    let keys: Vec<StateKey> = expected
        .iter()
        .flatten()
        .flat_map(|sim| sim.reads.iter().map(|(key, _)| *key))
        .collect();
    let core = devnet.deployment.core;
    let extra: Vec<StateKey> = (0..1_200u64)
        .map(|slot| StateKey::Storage {
            address: core,
            slot: U256::from(slot),
        })
        .chain([
            StateKey::Balance(DEPLOYER),
            StateKey::Balance(Address::repeat_byte(0x5a)),
        ])
        .collect();
    let requests = proof_requests(keys.iter().chain(&extra));
    let calls: usize = requests.iter().map(|(_, s)| 3 + s.len()).sum();
    assert!(
        calls > 2 * cantilever_sim::MAX_BATCH_CALLS,
        "only {calls} calls: fewer than three batches"
    );

    let (_, source) = rpc_fork(&provider, scene.block, None);
    let batched = source.proofs(&requests)?;
    let proofs = source.proofs_by_eth_get_proof(&requests)?;
    assert_eq!(batched.len(), requests.len());
    for (((address, _), a), b) in requests.iter().zip(&batched).zip(&proofs) {
        assert_eq!(
            (a.balance, a.nonce, a.code_hash, &a.storage),
            (b.balance, b.nonce, b.code_hash, &b.storage),
            "{address}: the batched reads differ from eth_getProof"
        );
        let code = provider
            .get_code_at(*address)
            .block_id(scene.block.into())
            .await?;
        assert_eq!(a.code.as_ref(), Some(&code), "{address}: code");
    }

    let (warm, source) = rpc_fork(&provider, scene.block, None);
    let fetched = warm.prefetch(keys.iter())?;
    let after_prefetch = source.rpc_calls();
    let simulated = Simulator::new(warm, scene.env.clone()).simulate_all(&scene.candidates);
    assert_eq!(
        simulated, expected,
        "a prefetched fork simulates differently"
    );
    // What the simulations still fetch is what their recorded reads leave out (the sender's account).
    let after = source.rpc_calls() - after_prefetch;
    assert!(
        after * 20 <= cold_calls,
        "the simulations made {after} calls after the prefetch, against {cold_calls} on a cold fork"
    );
    eprintln!(
        "prefetch of {fetched} keys: {after_prefetch} calls in batches of at most {}; {after} calls after it (a cold \
         fork: {cold_calls})",
        cantilever_sim::MAX_BATCH_CALLS,
    );
    Ok(())
}

/// After a price move, the result cache re-simulates only the candidates that read the moved feed, and what
/// it reuses equals fresh simulations.
/// The core slots the planner prefetches for a position ([`PositionKey::core_slots`]) hold that position, as the
/// core's own `position()` getter returns it: `supplyShares`, then `borrowShares` and `collateral` in one slot.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn core_slots_hold_each_position() -> TestResult {
    let devnet = shared_devnet().await?;
    let scene = Scene::open(&devnet).await?;
    let provider = devnet.provider();
    let core = Cantilever::new(devnet.deployment.core, &provider);
    let accounts = provider.get_accounts().await?;
    let at = BlockId::number(scene.block);
    let mut with_debt = 0;
    for market in &scene.markets {
        for &borrower in &accounts[1..=BORROWERS] {
            let key = PositionKey {
                market: market.id(),
                borrower,
            };
            let p = core.position(key.market, borrower).block(at).call().await?;
            let [first, second] = key.core_slots();
            let read = |slot| {
                provider
                    .get_storage_at(devnet.deployment.core, slot)
                    .block_id(at)
            };
            let (first, second) = (read(first).await?, read(second).await?);
            let packed = U256::from(p.borrowShares) | (U256::from(p.collateral) << 128);
            assert_eq!(
                (first, second),
                (p.supplyShares, packed),
                "{borrower} in {}",
                key.market
            );
            with_debt += usize::from(p.borrowShares > 0);
        }
    }
    assert!(
        with_debt > 0,
        "no position with debt: the check compared zeros only"
    );
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn price_move_reruns_only_what_read_it() -> TestResult {
    let devnet = shared_devnet().await?;
    let scene = Scene::open(&devnet).await?;
    let candidates = &scene.candidates;
    let provider = devnet.provider();
    let sim = Simulator::new(rpc_fork(&provider, scene.block, None).0, scene.env.clone());
    let mut cache = ResultCache::new();
    let (_, first) = cache.simulate_all(&sim, candidates);
    assert_eq!(first.simulated, candidates.len());
    let (block, env2) = scene.move_wbtc(&devnet).await?;
    let (fork2, source2) = rpc_fork(&provider, block, None);
    let sim2 = Simulator::new(fork2, env2.clone());
    let (cached, refresh) = cache.simulate_all(&sim2, candidates);
    let fresh =
        Simulator::new(rpc_fork(&provider, block, None).0, env2.clone()).simulate_all(candidates);
    assert_eq!(
        cached, fresh,
        "reused results differ from fresh simulations"
    );
    // Market 0 (WETH/USDC) does not read the WBTC feed.
    assert!(refresh.reused > 0 && refresh.simulated > 0, "{refresh:?}");
    eprintln!(
        "bench: after a WBTC price move, {} of {} results reused, {} re-simulated ({} RPC calls on the new fork)",
        refresh.reused,
        candidates.len(),
        refresh.simulated,
        source2.rpc_calls()
    );

    Ok(())
}

/// The packed plan (after the price move) for both chain profiles validates; the sequential one, sent to
/// anvil, matches its simulation exactly: every transaction's gas and logs, and every key it wrote.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn packed_plan_matches_what_anvil_mines() -> TestResult {
    let devnet = shared_devnet().await?;
    let scene = Scene::open(&devnet).await?;
    let (candidates, full, markets, liquidators, when) = (
        &scene.candidates,
        scene.full,
        &scene.markets,
        &scene.liquidators,
        scene.when,
    );
    let provider = devnet.provider();
    let (block, env2) = scene.move_wbtc(&devnet).await?;
    let sim2 = Simulator::new(rpc_fork(&provider, block, None).0, env2.clone());
    let cached = sim2.simulate_all(candidates);
    let sims2: Vec<Simulation> = cached.into_iter().collect::<Result<_, _>>()?;
    let mut prices = Vec::new();
    for m in markets {
        prices.push(
            ChainlinkOracle::new(m.oracle, &provider)
                .price()
                .call()
                .await?,
        );
    }
    let profit = |c: &Candidate, s: &Simulation| -> I256 {
        let Ok(call) = Cantilever::liquidateCall::abi_decode(&c.data) else {
            return I256::ZERO;
        };
        let k = markets
            .iter()
            .position(|m| {
                m.loan_token == call.marketParams.loanToken
                    && m.collateral_token == call.marketParams.collateralToken
            })
            .expect("a devnet market");
        s.logs
            .iter()
            .filter_map(|l| Cantilever::Liquidate::decode_log(l).ok())
            .map(|e| {
                let value = e.seizedAssets * prices[k] / ORACLE_PRICE_SCALE;
                I256::try_from(value).unwrap_or(I256::MAX)
                    - I256::try_from(e.repaidAssets).unwrap_or(I256::MAX)
            })
            .fold(I256::ZERO, |a, b| a + b)
    };
    // Why markets end up in one component: the first key two markets' liquidations share.
    for (a, b) in [(0, 1), (0, 2), (1, 2)] {
        let first = |k: usize| {
            (0..full).find(|&i| {
                sims2[i].succeeded()
                    && candidates[i].from == liquidators[k]
                    && profit(&candidates[i], &sims2[i]) > I256::ZERO
            })
        };
        if let (Some(x), Some(y)) = (first(a), first(b)) {
            eprintln!(
                "conflict between markets {a} and {b}: {:?}",
                sims2[x].rwset.first_conflict(&sims2[y].rwset)
            );
        }
    }
    let refs: Vec<Option<&Simulation>> = sims2.iter().map(Some).collect();
    let mut plans = Vec::new();
    for profile in [ChainProfile::Sequential, ChainProfile::Parallel] {
        let t = Instant::now();
        let plan = pack(&sim2, candidates, &refs, &profit, &PackConfig::new(profile))?;
        assert!(plan.valid, "{profile:?} plan fails validation");
        let total_gas: u64 = plan.validation.iter().map(|s| s.gas_used).sum();
        eprintln!(
            "plan {profile:?}: {} txs from {} components, profit {}, gas {total_gas}, critical path {} gas over {} txs, {} re-executions, {} chains simulated, packed in {:.1?}",
            plan.order.len(),
            plan.components,
            plan.profit,
            plan.critical_path.gas,
            plan.critical_path.chain.len(),
            plan.re_executions.len(),
            plan.chains_simulated,
            t.elapsed()
        );
        plans.push(plan);
    }
    let plan = plans.remove(0);
    assert!(!plan.order.is_empty());

    // The plan in one block, at the time it was simulated for.
    provider.anvil_set_auto_mine(false).await?;
    provider.anvil_set_next_block_timestamp(when).await?;
    let mut batch = Batch::new(&provider);
    for &i in &plan.order {
        let c = &candidates[i];
        let request = alloy::rpc::types::TransactionRequest::default()
            .to(c.to)
            .input(c.data.clone().into())
            .gas_price(c.gas_price);
        batch.send("liquidate", c.from, TX_GAS, request).await?;
    }
    let (mut receipts, _) = batch.mine().await?;
    receipts.sort_by_key(|r| r.transaction_index);
    // Re-simulate in the order anvil mined them (anvil may interleave senders differently).
    let by_hash: BTreeMap<_, usize> = receipts
        .iter()
        .enumerate()
        .map(|(n, r)| (r.transaction_hash, n))
        .collect();
    assert_eq!(by_hash.len(), plan.order.len());
    let mined: Vec<&Candidate> = receipts
        .iter()
        .map(|r| {
            let from = r.from;
            // Same sender's transactions are mined in nonce order = plan order.
            (from, r.transaction_index)
        })
        .scan(BTreeMap::<Address, usize>::new(), |seen, (from, _)| {
            let nth = seen.entry(from).or_default();
            let found = plan
                .order
                .iter()
                .filter(|&&i| candidates[i].from == from)
                .nth(*nth)
                .copied();
            *nth += 1;
            found
        })
        .map(|i| &candidates[i])
        .collect();
    assert_eq!(mined.len(), receipts.len());
    let replay = sim2.chain(&mined)?;
    let mut disagreements = Vec::new();
    let mut last_write: BTreeMap<StateKey, U256> = BTreeMap::new();
    for (n, (s, r)) in replay.iter().zip(&receipts).enumerate() {
        if s.gas_used != r.gas_used {
            disagreements.push(format!(
                "tx {n}: gas {} simulated, {} mined",
                s.gas_used, r.gas_used
            ));
        }
        let logs: Vec<_> = r.inner.logs().iter().map(|l| l.inner.clone()).collect();
        if s.logs != logs {
            disagreements.push(format!("tx {n}: logs differ"));
        }
        last_write.extend(s.writes.iter().copied());
    }
    let after = BlockId::number(block + 1);
    for (key, value) in &last_write {
        let onchain = match *key {
            StateKey::Storage { address, slot } => {
                provider
                    .get_storage_at(address, slot)
                    .block_id(after)
                    .await?
            }
            StateKey::Balance(a) => provider.get_balance(a).block_id(after).await?,
            StateKey::Nonce(a) => {
                U256::from(provider.get_transaction_count(a).block_id(after).await?)
            }
            StateKey::Code(_) => continue,
        };
        if onchain != *value {
            disagreements.push(format!("{key:?}: simulated {value}, on chain {onchain}"));
        }
    }
    for m in disagreements.iter().take(20) {
        eprintln!("DISAGREEMENT {m}");
    }
    assert!(
        disagreements.is_empty(),
        "{} disagreements with anvil",
        disagreements.len()
    );
    eprintln!(
        "executed {} liquidations: gas, logs and {} written keys agree exactly with anvil ({:?})",
        receipts.len(),
        last_write.len(),
        env2.spec,
    );
    Ok(())
}

/// The devnet with [`BORROWERS`] positions opened and their collateral crashed, and the candidate
/// liquidations for the next block.
struct Scene {
    markets: Vec<MarketParams>,
    liquidators: Vec<Address>,
    /// The latest block and the next one's timestamp and environment.
    block: u64,
    when: u64,
    env: SimEnv,
    candidates: Vec<Candidate>,
    /// The first `full` candidates liquidate one position each in full.
    full: usize,
}

impl Scene {
    async fn open(devnet: &Devnet) -> TestResult<Self> {
        let started = Instant::now();
        let provider = devnet.provider();
        let d = &devnet.deployment;
        let core = Cantilever::new(d.core, &provider);
        let accounts = provider.get_accounts().await?;
        let borrowers = &accounts[1..=BORROWERS];
        let (supplier, funder) = (accounts[BORROWERS + 1], accounts[BORROWERS + 2]);
        let liquidators = &accounts[BORROWERS + 3..BORROWERS + 6];
        let markets: Vec<_> = d.markets.iter().map(|m| m.params()).collect();
        let mut rng = SplitMix64::new(SEED);
        provider.anvil_set_auto_mine(false).await?;
        let mut opens = Vec::new();
        let mut batch = Batch::new(&provider);
        for (k, m) in markets.iter().enumerate() {
            let price = ChainlinkOracle::new(m.oracle, &provider)
                .price()
                .call()
                .await?;
            let min_debt = core.market(m.id()).call().await?.minDebt;
            let mut total_debt = U256::ZERO;
            let mut total_collateral = U256::ZERO;
            for &b in borrowers.iter().skip(k).step_by(markets.len()) {
                let (collateral, debt) = scene::draw(
                    &mut rng,
                    min_debt,
                    price,
                    m.lltv,
                    (20.0, 20_000.0),
                    (500_000, 990_000),
                )?;
                total_debt += debt;
                total_collateral += collateral;
                opens.push((k, b, collateral, debt));
            }
            let supply = total_debt * U256::from(2);
            let (supplied, funded) = ((supplier, supply), (funder, total_collateral));
            scene::fund_market(&mut batch, &core, m, supplied, funded).await?;
            for &l in liquidators {
                let amount = U256::from(u128::MAX >> 8);
                scene::mint_and_approve(&mut batch, &core, m.loan_token, l, amount).await?;
            }
        }
        for &(k, b, collateral, _) in &opens {
            scene::supply_collateral(&mut batch, &core, &markets[k], funder, (b, collateral))
                .await?;
        }
        batch.mine().await?;
        let mut batch = Batch::new(&provider);
        for &(k, b, _, debt) in &opens {
            scene::borrow(&mut batch, &core, &markets[k], (b, debt)).await?;
        }
        batch.mine().await?;
        provider.anvil_increase_time(30 * 86_400).await?;
        let mut batch = Batch::new(&provider);
        for (symbol, answer) in [
            ("USDC", 100_000_000i64),
            ("WETH", 200_000_000_000),
            ("WBTC", 5_000_000_000_000),
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
        provider.anvil_set_auto_mine(true).await?;
        eprintln!(
            "opened {BORROWERS} positions and crashed their prices in {:.1?}",
            started.elapsed()
        );

        let block = provider.get_block_number().await?;
        let when = rpc::latest_timestamp(&provider).await? + 12;
        let env = next_env_at(&provider, block, when).await?;
        let liquidate = |k: usize, b: Address, max_repay: U256, from: Address| Candidate {
            from,
            to: d.core,
            data: Cantilever::liquidateCall {
                marketParams: markets[k].into(),
                borrower: b,
                maxRepayAssets: max_repay,
                data: Bytes::new(),
            }
            .abi_encode()
            .into(),
            value: U256::ZERO,
            gas_limit: TX_GAS,
            gas_price: GAS_PRICE,
        };
        // Every position in full from its market's liquidator, then random budgets and senders.
        let mut candidates: Vec<Candidate> = opens
            .iter()
            .map(|&(k, b, _, _)| liquidate(k, b, U256::MAX, liquidators[k]))
            .collect();
        let full = candidates.len();
        for _ in 0..240 {
            let (k, b, _, debt) = opens[rng.range(0, opens.len() as u64) as usize];
            let budget = U256::from(rng.range(1, 1 + u64::try_from(debt)?));
            candidates.push(liquidate(
                k,
                b,
                budget,
                liquidators[rng.range(0, 3) as usize],
            ));
        }
        Ok(Self {
            markets,
            liquidators: liquidators.to_vec(),
            block,
            when,
            env,
            candidates,
            full,
        })
    }

    /// Moves WBTC's price in a block mined 6 seconds before [`Scene::when`]; returns that block and the
    /// environment of the next one at `when`.
    async fn move_wbtc(&self, devnet: &Devnet) -> TestResult<(u64, SimEnv)> {
        let provider = devnet.provider();
        let d = &devnet.deployment;
        let when = self.when;
        provider.anvil_set_auto_mine(false).await?;
        let mut batch = Batch::new(&provider);
        let feed = OwnerFeed::new(d.feeds["WBTC"], &provider);
        batch
            .send(
                "move WBTC",
                DEPLOYER,
                TX_GAS,
                feed.setAnswer(I256::try_from(4_900_000_000_000i64)?)
                    .into_transaction_request(),
            )
            .await?;
        provider.anvil_set_next_block_timestamp(when - 6).await?;
        batch.mine().await?;
        let block = self.block + 1;
        let mut env2 = next_env_at(&provider, block, when).await?;
        env2.block.timestamp = U256::from(when);
        provider.anvil_set_auto_mine(true).await?;
        Ok((block, env2))
    }
}
