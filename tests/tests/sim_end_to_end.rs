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
use alloy::eips::eip1559::BaseFeeParams;
use alloy::primitives::{Address, B256, Bytes, I256, U256};
use alloy::providers::{DynProvider, Provider};
use alloy::sol_types::{SolCall, SolEvent};
use cantilever_bindings::cantilever::Cantilever;
use cantilever_bindings::chainlink_oracle::ChainlinkOracle;
use cantilever_bindings::erc20_mock::ERC20Mock;
use cantilever_bindings::owner_feed::OwnerFeed;
use cantilever_primitives::math::{self, constants::ORACLE_PRICE_SCALE};
use cantilever_sim::revm::context::BlockEnv;
use cantilever_sim::revm::primitives::hardfork::SpecId;
use cantilever_sim::{
    Candidate, ChainProfile, PackConfig, ResultCache, RpcSource, SharedFork, SimEnv, Simulation,
    Simulator, StateKey, StateSource, pack,
};
use cantilever_tests::chain::{self, Batch, TX_GAS};
use cantilever_tests::{AnvilConfig, DEPLOYER, Devnet, SplitMix64};

type TestResult<T = ()> = Result<T, Box<dyn std::error::Error>>;

const BORROWERS: usize = 60;
const SEED: u64 = 0x5113;
const GAS_PRICE: u128 = 20_000_000_000;

fn core_params(p: &cantilever_primitives::MarketParams) -> Cantilever::MarketParams {
    Cantilever::MarketParams {
        loanToken: p.loan_token,
        collateralToken: p.collateral_token,
        oracle: p.oracle,
        rateModel: p.rate_model,
        lltv: p.lltv,
    }
}

/// A fork of `block` over RPC, and the source (for its call counter).
fn fork_at(provider: &DynProvider, block: u64) -> (Arc<SharedFork>, Arc<RpcSource>) {
    let source = Arc::new(RpcSource::new(
        provider.clone(),
        BlockId::number(block),
        tokio::runtime::Handle::current(),
    ));
    let fork = Arc::new(SharedFork::new(
        source.clone() as Arc<dyn StateSource>,
        Some(block),
    ));
    (fork, source)
}

/// The environment of the block after `number`, at `timestamp`, as anvil will mine it.
async fn next_env(provider: &DynProvider, number: u64, timestamp: u64) -> TestResult<SimEnv> {
    let info: serde_json::Value = provider
        .raw_request("anvil_nodeInfo".into(), serde_json::json!([]))
        .await?;
    let fork = info["hardFork"]
        .as_str()
        .or(info["hardfork"].as_str())
        .ok_or("anvil_nodeInfo has no hardfork")?;
    let spec = match fork.to_ascii_lowercase().as_str() {
        // Blob-parameter-only forks change blob pricing, not the EVM: Osaka rules.
        "osaka" | "bpo1" | "bpo2" | "bpo3" | "bpo4" | "bpo5" => SpecId::OSAKA,
        "prague" => SpecId::PRAGUE,
        "cancun" => SpecId::CANCUN,
        other => return Err(format!("unexpected anvil hardfork {other}").into()),
    };
    let header = provider
        .get_block_by_number(number.into())
        .await?
        .ok_or("no block")?
        .header;
    Ok(SimEnv {
        spec,
        chain_id: provider.get_chain_id().await?,
        block: BlockEnv {
            number: U256::from(number + 1),
            beneficiary: header.beneficiary,
            timestamp: U256::from(timestamp),
            gas_limit: header.gas_limit,
            basefee: header
                .next_block_base_fee(BaseFeeParams::ethereum())
                .unwrap_or_default(),
            difficulty: U256::ZERO,
            prevrandao: Some(B256::ZERO),
            ..BlockEnv::default()
        },
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sim_end_to_end() -> TestResult {
    let started = Instant::now();
    let config = AnvilConfig {
        accounts: BORROWERS + 6,
        gas_limit: 4_000_000_000,
        ..AnvilConfig::default()
    };
    let devnet = Devnet::start(&config).await?;
    let provider = devnet.anvil.provider();
    let d = &devnet.deployment;
    let core = Cantilever::new(d.core, &provider);
    let accounts = chain::accounts(&provider).await?;
    let borrowers = &accounts[1..=BORROWERS];
    let (supplier, funder) = (accounts[BORROWERS + 1], accounts[BORROWERS + 2]);
    let liquidators = &accounts[BORROWERS + 3..BORROWERS + 6];
    let markets: Vec<_> = d.markets.iter().map(|m| m.params()).collect();
    let mut rng = SplitMix64::new(SEED);

    // ------------------------------------------------------------------ positions, then a crash
    chain::set_automine(&provider, false).await?;
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
            let value = rng.log_uniform(20.0, 20_000.0) * min_debt as f64;
            let collateral =
                math::mul_div_up(U256::from(value as u128), ORACLE_PRICE_SCALE, price)?;
            let max_debt = math::w_mul_down(
                math::mul_div_down(collateral, price, ORACLE_PRICE_SCALE)?,
                m.lltv,
            )?;
            let debt = max_debt * U256::from(rng.range(500_000, 990_000)) / U256::from(1_000_000);
            total_debt += debt;
            total_collateral += collateral;
            opens.push((k, b, collateral, debt));
        }
        let loan = ERC20Mock::new(m.loan_token, &provider);
        let supply = total_debt * U256::from(2);
        batch
            .send(
                "mint",
                supplier,
                loan.mint(supplier, supply).into_transaction_request(),
            )
            .await?;
        batch
            .send(
                "approve",
                supplier,
                loan.approve(d.core, U256::MAX).into_transaction_request(),
            )
            .await?;
        let call = core.supply(core_params(m), supply, U256::ZERO, supplier, Bytes::new());
        batch
            .send("supply", supplier, call.into_transaction_request())
            .await?;
        let token = ERC20Mock::new(m.collateral_token, &provider);
        batch
            .send(
                "mint",
                funder,
                token
                    .mint(funder, total_collateral)
                    .into_transaction_request(),
            )
            .await?;
        batch
            .send(
                "approve",
                funder,
                token.approve(d.core, U256::MAX).into_transaction_request(),
            )
            .await?;
        for &l in liquidators {
            batch
                .send(
                    "mint",
                    l,
                    loan.mint(l, U256::from(u128::MAX >> 8))
                        .into_transaction_request(),
                )
                .await?;
            batch
                .send(
                    "approve",
                    l,
                    loan.approve(d.core, U256::MAX).into_transaction_request(),
                )
                .await?;
        }
    }
    for &(k, b, collateral, _) in &opens {
        let call = core.supplyCollateral(core_params(&markets[k]), collateral, b, Bytes::new());
        batch
            .send("supplyCollateral", funder, call.into_transaction_request())
            .await?;
    }
    batch.mine().await?;
    let mut batch = Batch::new(&provider);
    for &(k, b, _, debt) in &opens {
        let call = core.borrow(core_params(&markets[k]), debt, U256::ZERO, b, b);
        batch
            .send("borrow", b, call.into_transaction_request())
            .await?;
    }
    batch.mine().await?;
    chain::increase_time(&provider, 30 * 86_400).await?;
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
                feed.setAnswer(I256::try_from(answer)?)
                    .into_transaction_request(),
            )
            .await?;
    }
    batch.mine().await?;
    let setup = started.elapsed();

    // ------------------------------------------------------------------ candidates
    let block = provider.get_block_number().await?;
    let when = chain::latest_timestamp(&provider).await? + 12;
    let env = next_env(&provider, block, when).await?;
    let liquidate = |k: usize, b: Address, max_repay: U256, from: Address| Candidate {
        from,
        to: d.core,
        data: Cantilever::liquidateCall {
            marketParams: core_params(&markets[k]),
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

    // ------------------------------------------------------------------ parallel vs sequential, cold and warm
    let (fork, source) = fork_at(&provider, block);
    let sim = Simulator::new(fork.clone(), env.clone());
    let t = Instant::now();
    let cold = sim.simulate_all(&candidates);
    let cold_time = t.elapsed();
    let cold_rpc = source.rpc_calls();
    let cold_counters = fork.counters();
    let one = Simulator::with_threads(fork.clone(), env.clone(), 1);
    let t = Instant::now();
    let sequential = one.simulate_sequential(&candidates);
    let warm_one = t.elapsed();
    let t = Instant::now();
    let parallel = sim.simulate_all(&candidates);
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

    // ------------------------------------------------------------------ offline replay from disk
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("fork.json");
    fork.save(&path)?;
    let offline = Simulator::new(Arc::new(SharedFork::load(&path, None)?), env.clone());
    assert_eq!(
        offline.simulate_all(&candidates),
        parallel,
        "offline replay differs"
    );

    // ------------------------------------------------------------------ a price move: re-run only what read it
    let mut cache = ResultCache::new();
    let (_, first) = cache.simulate_all(&sim, &candidates);
    assert_eq!(first.simulated, candidates.len());
    let mut batch = Batch::new(&provider);
    let feed = OwnerFeed::new(d.feeds["WBTC"], &provider);
    batch
        .send(
            "move WBTC",
            DEPLOYER,
            feed.setAnswer(I256::try_from(4_900_000_000_000i64)?)
                .into_transaction_request(),
        )
        .await?;
    chain::set_next_block_timestamp(&provider, when - 6).await?;
    batch.mine().await?;
    let block = block + 1;
    let (fork2, source2) = fork_at(&provider, block);
    let mut env2 = next_env(&provider, block, when).await?;
    env2.block.timestamp = U256::from(when);
    let sim2 = Simulator::new(fork2.clone(), env2.clone());
    let (cached, refresh) = cache.simulate_all(&sim2, &candidates);
    let fresh = Simulator::new(fork_at(&provider, block).0, env2.clone()).simulate_all(&candidates);
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

    // ------------------------------------------------------------------ packing for both profiles
    let sims2: Vec<Simulation> = cached.into_iter().collect::<Result<_, _>>()?;
    let mut prices = Vec::new();
    for m in &markets {
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
        let plan = pack(
            &sim2,
            &candidates,
            &refs,
            &profit,
            &PackConfig::new(profile),
        )?;
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

    // ------------------------------------------------------------------ send the plan; compare with receipts
    chain::set_next_block_timestamp(&provider, when).await?;
    let mut batch = Batch::new(&provider);
    for &i in &plan.order {
        let c = &candidates[i];
        let request = alloy::rpc::types::TransactionRequest::default()
            .to(c.to)
            .input(c.data.clone().into())
            .gas_price(c.gas_price);
        batch.send("liquidate", c.from, request).await?;
    }
    let mut receipts = batch.mine().await?;
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
        "executed {} liquidations: gas, logs and {} written keys agree exactly with anvil ({:?}); setup {setup:.1?}, total {:.1?}",
        receipts.len(),
        last_write.len(),
        env2.spec,
        started.elapsed()
    );
    Ok(())
}
