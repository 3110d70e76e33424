//! `cantilever devnet`: the whole system on a local anvil with nothing configured. anvil starts from the
//! pinned toolchain, the protocol and a real Uniswap v2 deploy, borrowers open positions (some leveraged
//! through the margin router), the keeper starts in-process, the collateral prices crash through the feeds
//! step by step, and every liquidation found, simulated, sent and included is shown; then a summary table and
//! a one-line verdict, judged from the chain ([`check`]), not from the keeper's own book.

pub mod check;

use std::cell::RefCell;
use std::collections::HashMap;
use std::time::{Duration, Instant};

use alloy::primitives::{B256, I256, TxHash};
use alloy::providers::DynProvider;
use cantilever_sim::revm::primitives::hardfork::SpecId;
use cantilever_sim::{ChainProfile, node_spec};

use super::lanes::deploy_lanes;
use super::report::{MarketLabel, Reporter, market_labels};
use super::table::Table;
use super::units::human;
use super::{CliResult, DevnetArgs, DevnetProfile};
use alloy::signers::local::PrivateKeySigner;
use cantilever_daemon::{DEFAULT_DRAIN_TIMEOUT, HeadSource, Keeper, KeeperSettings, OracleTrigger};
use cantilever_devnet::{Devnet, DevnetOptions, SeedOptions};
use cantilever_exec::{ExecConfig, Executor};
use cantilever_index::{IndexConfig, PositionIndex};
use cantilever_planner::{CrossMarket, Lane, PlannerSettings, StrategyParams};
use cantilever_primitives::PositionKey;

/// Assets the crash moves (the devnet's collateral tokens).
const CRASHED: [&str; 2] = ["WETH", "WBTC"];
/// Steps of the crash, one block each.
const STEPS: u32 = 6;
/// Time for the keeper between crash steps.
const STEP_PAUSE: Duration = Duration::from_millis(400);
/// After the crash: stop when nothing happened for this long (or at the deadline).
const QUIET: Duration = Duration::from_millis(1_500);
const DEADLINE: Duration = Duration::from_secs(90);
/// How often the oracle trigger polls the devnet's filters: slower than the 5 ms head poll, which already wakes the
/// keeper at every block on a local node; the trigger's three filter polls a round would only load anvil more.
const TRIGGER_POLL: Duration = Duration::from_millis(20);

/// The keeper as `cantilever devnet` runs it on `devnet`: the keeper account's executor, the devnet's swap
/// adapter, gas valued through WETH, the node's EVM rules, the sequential profile, a 5 ms poll and the oracle
/// trigger on, over
/// `provider` (the devnet's own, or one through a proxy). Tests build their keepers with it too, with their own
/// index (in memory or a store) and executor config.
pub async fn devnet_keeper(
    devnet: &Devnet,
    provider: DynProvider,
    index: PositionIndex,
    exec: ExecConfig,
) -> CliResult<Keeper> {
    devnet_keeper_with(
        devnet,
        provider,
        index,
        exec,
        ChainProfile::Sequential,
        Vec::new(),
    )
    .await
}

/// [`devnet_keeper`] for `profile`, sending also through `lanes` (see [`deploy_lanes`]) after the keeper
/// account's own lane.
pub async fn devnet_keeper_with(
    devnet: &Devnet,
    provider: DynProvider,
    index: PositionIndex,
    exec: ExecConfig,
    profile: ChainProfile,
    lanes: Vec<(PrivateKeySigner, Lane)>,
) -> CliResult<Keeper> {
    let d = &devnet.deployment;
    let priority_fee_wei = exec.priority_fee_wei;
    let keeper_signer = devnet.keeper_signer()?;
    let mut all = vec![(
        keeper_signer.clone(),
        Lane {
            sender: keeper_signer.address(),
            executor: devnet.periphery().executor,
        },
    )];
    all.extend(lanes);
    let mut executors = Vec::with_capacity(all.len());
    for (signer, _) in &all {
        executors
            .push(Executor::new(provider.clone(), signer.clone(), d.chain_id, exec.clone()).await?);
    }
    let lanes = all.into_iter().map(|(_, lane)| lane).collect();
    let settings = devnet_settings(
        devnet,
        &provider,
        StrategyParams::default(),
        profile,
        lanes,
        priority_fee_wei,
    )
    .await;
    Ok(Keeper::new(
        provider,
        d.clone(),
        index,
        executors,
        settings,
    )?)
}

/// What a devnet run ended with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DevnetOutcome {
    /// The verdict: something was included, nothing reverted, nothing worth liquidating is left.
    pub passed: bool,
    /// Transactions sent, included and reverted.
    pub totals: (usize, usize, usize),
    /// The transactions the summary counts as included, then those it counts as reverted (by hash): what a
    /// check of the verdict looks up on chain.
    pub included: Vec<TxHash>,
    /// See [`DevnetOutcome::included`].
    pub reverted: Vec<TxHash>,
    /// Pairs of planned liquidations in different markets, and how many conflicted.
    pub cross_market: CrossMarket,
    /// The plan with the most transactions: (transactions, total gas, critical-path gas).
    pub busiest: Option<(usize, u64, u64)>,
}

/// The keeper's settings on `devnet`: `strategy`, `lanes` (the first is the keeper account's), the devnet's
/// swap adapter, gas valued through WETH, the node's EVM rules, `profile`, a 5 ms head poll and the oracle trigger
/// (its filters polled every 20 ms).
pub async fn devnet_settings(
    devnet: &Devnet,
    provider: &DynProvider,
    strategy: StrategyParams,
    profile: ChainProfile,
    lanes: Vec<Lane>,
    priority_fee_wei: u128,
) -> KeeperSettings {
    KeeperSettings {
        markets: Vec::new(),
        planner: PlannerSettings {
            core: devnet.deployment.core,
            strategy,
            lanes,
            adapter: devnet.periphery().adapter,
            profile,
            sim_threads: 0,
        },
        wrapped_native: devnet.deployment.tokens.get("WETH").copied(),
        spec: node_spec(provider).await.unwrap_or(SpecId::OSAKA),
        priority_fee_wei,
        poll_interval: Duration::from_millis(5),
        heads: HeadSource::Poll,
        oracle: OracleTrigger::on(TRIGGER_POLL),
        drain_timeout: DEFAULT_DRAIN_TIMEOUT,
    }
}

/// Runs the devnet demo; returns its outcome (the verdict and the figures of its summary). With
/// `--keep-running`, anvil and the keeper go on until a signal first.
pub async fn devnet(args: &DevnetArgs) -> CliResult<DevnetOutcome> {
    let mut run = devnet_run(args).await?;
    if args.keep_running {
        keep_running(args, &run.devnet, &mut run.keeper).await?;
    }
    Ok(run.outcome)
}

/// A devnet run that has printed its summary and verdict, its node still up (it stops when this is dropped):
/// what `--keep-running` keeps going, and what a test checks the verdict against on chain.
#[derive(Debug)]
pub struct DevnetRun {
    /// The node and the deployment.
    pub devnet: Devnet,
    /// The keeper, stopped after the crash.
    pub keeper: Keeper,
    /// Every position opened.
    pub positions: Vec<PositionKey>,
    /// The verdict and the summary's figures.
    pub outcome: DevnetOutcome,
}

/// `cantilever devnet` up to the verdict (everything but `--keep-running`), the node left up.
pub async fn devnet_run(args: &DevnetArgs) -> CliResult<DevnetRun> {
    let options = DevnetOptions {
        seed: SeedOptions {
            borrowers: args.borrowers,
            leveraged: (args.borrowers / 10).max(1).min(args.borrowers),
            seed: args.seed,
            ..SeedOptions::default()
        },
        ..DevnetOptions::default()
    };
    // Arguments are checked before anvil starts and the protocol deploys.
    options.seed.validate()?;
    say(
        args,
        "cantilever devnet: starting anvil and deploying the protocol (the first run compiles the contracts, a few minutes)",
    );
    let devnet = Devnet::start(&options).await?;
    let (labels, keys) = seed(args, &devnet, &options.seed).await?;
    let provider = devnet.provider();
    let index = PositionIndex::in_memory(&devnet.deployment, IndexConfig::default());
    let (profile, lanes) = match args.profile {
        DevnetProfile::Sequential => (ChainProfile::Sequential, Vec::new()),
        // One lane per market: the keeper account's, and one more for each other market.
        DevnetProfile::Parallel => {
            let lanes =
                deploy_lanes(&devnet, devnet.deployment.markets.len().saturating_sub(1)).await?;
            say(
                args,
                &format!(
                    "parallel profile: {} lanes, each with its own executor",
                    lanes.len() + 1
                ),
            );
            (ChainProfile::Parallel, lanes)
        }
    };
    let exec = ExecConfig::default();
    let priority_fee_wei = exec.priority_fee_wei;
    let mut keeper =
        devnet_keeper_with(&devnet, provider.clone(), index, exec, profile, lanes).await?;
    let reporter = RefCell::new(Reporter::new(labels, args.json));
    let first = keeper.step().await?;
    for e in &first.events {
        reporter.borrow_mut().on_event(e);
    }
    say(
        args,
        &format!(
            "keeper: following {} positions with debt; WETH now falls {}% and WBTC {}% in {STEPS} blocks",
            keeper.book().len(),
            args.crash,
            args.crash / 2
        ),
    );
    crash_beside_keeper(args, &devnet, &mut keeper, &reporter).await?;
    let reporter = reporter.into_inner();
    let outcome = DevnetOutcome {
        passed: verdict(args, &devnet, &keys, priority_fee_wei, &reporter).await?,
        totals: reporter.totals(),
        included: hashes(&reporter, true),
        reverted: hashes(&reporter, false),
        cross_market: reporter.cross_market(),
        busiest: reporter.busiest(),
    };
    Ok(DevnetRun {
        devnet,
        keeper,
        positions: keys,
        outcome,
    })
}

/// The transactions the summary counts as included (`success`) or reverted.
fn hashes(reporter: &Reporter, success: bool) -> Vec<TxHash> {
    reporter
        .inclusions()
        .iter()
        .filter(|(_, ok)| *ok == success)
        .map(|(hash, _)| *hash)
        .collect()
}

/// Prints a line unless the output is JSON.
fn say(args: &DevnetArgs, text: &str) {
    if !args.json {
        println!("{text}");
    }
}

/// Opens the borrowers and shows them per market; returns the markets' labels and the positions opened.
async fn seed(
    args: &DevnetArgs,
    devnet: &Devnet,
    options: &SeedOptions,
) -> CliResult<(HashMap<B256, MarketLabel>, Vec<PositionKey>)> {
    let d = &devnet.deployment;
    say(
        args,
        &format!(
            "anvil at {} (chain {}), deployed in {:.1?}: core {}, {} markets, Uniswap v2 pools, executor {}",
            devnet.anvil.url(),
            d.chain_id,
            devnet.deploy_time,
            d.core,
            d.markets.len(),
            devnet.periphery().executor
        ),
    );
    let started = Instant::now();
    let seeded = devnet.seed(options).await?;
    let labels = market_labels(&devnet.provider(), d).await?;
    if !args.json {
        let mut t = Table::new(&["market", "borrowers", "leveraged", "debt", "debt (USD)"]);
        for m in &seeded.markets {
            let l = &labels[&m.id];
            t.row(vec![
                m.label.clone(),
                m.borrowers.to_string(),
                m.leveraged.to_string(),
                format!("{} {}", human(m.debt, l.loan_decimals, 2), l.loan_symbol),
                format!("{:.0}", m.debt_usd),
            ]);
        }
        println!(
            "opened {} positions in {:.1?}:\n{}",
            seeded.positions.len(),
            started.elapsed(),
            t.render()
        );
    }
    let keys = seeded
        .positions
        .iter()
        .map(|p| PositionKey {
            market: p.market,
            borrower: p.borrower,
        })
        .collect();
    Ok((labels, keys))
}

/// The crash, one block per step, runs beside the keeper loop; then quiet until the keeper is done.
async fn crash_beside_keeper(
    args: &DevnetArgs,
    devnet: &Devnet,
    keeper: &mut Keeper,
    reporter: &RefCell<Reporter>,
) -> CliResult<()> {
    let last_event = RefCell::new(Instant::now());
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let crash = async {
        let mut initial = Vec::new();
        for asset in CRASHED {
            initial.push(devnet.price(asset).await?);
        }
        for step in 1..=STEPS {
            // Both collateral prices move in the same block; WBTC by half as much, so WETH/WBTC moves too.
            let mut moves = Vec::new();
            let mut shown = Vec::new();
            for ((asset, start), depth) in CRASHED.iter().zip(&initial).zip([2i64, 1]) {
                let cut = I256::try_from(i64::from(args.crash) * depth * i64::from(step))?;
                let answer = *start - *start * cut / I256::try_from(200 * i64::from(STEPS))?;
                moves.push((*asset, answer));
                shown.push(format!("{asset} ${}", human(answer.into_raw(), 8, 0)));
            }
            devnet.set_prices(&moves).await?;
            *last_event.borrow_mut() = Instant::now();
            say(
                args,
                &format!("crash step {step}/{STEPS}: {}", shown.join(", ")),
            );
            tokio::time::sleep(STEP_PAUSE).await;
        }
        let end = Instant::now() + DEADLINE;
        while Instant::now() < end {
            tokio::time::sleep(Duration::from_millis(100)).await;
            let quiet = last_event.borrow().elapsed() > QUIET;
            if quiet && reporter.borrow().unsettled() == 0 {
                break;
            }
        }
        let _ = stop_tx.send(());
        CliResult::Ok(())
    };
    let run = keeper.run(
        async {
            let _ = stop_rx.await;
        },
        |e| {
            if !matches!(
                e,
                cantilever_daemon::KeeperEvent::Block {
                    liquidatable: 0,
                    ..
                }
            ) {
                *last_event.borrow_mut() = Instant::now();
            }
            reporter.borrow_mut().on_event(e);
        },
    );
    let (crashed, ran) = tokio::join!(crash, run);
    crashed?;
    ran?;
    Ok(())
}

/// The summary and the verdict: a liquidation still open on chain that the strategy's rule finds worth doing
/// is a failure. What is left is read from the chain ([`check::left`]: the lens and an `eth_call` of the
/// executor), not from the keeper's book, which skips markets whose price read failed.
async fn verdict(
    args: &DevnetArgs,
    devnet: &Devnet,
    keys: &[PositionKey],
    priority_fee_wei: u128,
    reporter: &Reporter,
) -> CliResult<bool> {
    let left = check::left(devnet, keys, &StrategyParams::default(), priority_fee_wei).await?;
    let (liquidatable, profitable) = (left.liquidatable.len(), left.worth.len());
    let (sent, included, reverted) = reporter.totals();
    let passed = included > 0 && reverted == 0 && profitable == 0;
    if args.json {
        let mut summary = reporter.summary_json();
        summary["verdict"] = serde_json::json!({
            "passed": passed, "liquidatableLeft": liquidatable, "profitableLeft": profitable
        });
        println!("{summary}");
    } else {
        println!("\nsummary\n{}", reporter.summary());
        println!(
            "{}: {included} liquidations included of {sent} sent, {reverted} reverted; {} positions still liquidatable, {} of them worth liquidating",
            if passed { "PASS" } else { "FAIL" },
            liquidatable,
            profitable
        );
    }
    Ok(passed)
}

/// Leaves anvil and the keeper running until SIGINT or SIGTERM (dropping the devnet then stops anvil).
async fn keep_running(args: &DevnetArgs, devnet: &Devnet, keeper: &mut Keeper) -> CliResult<()> {
    let d = &devnet.deployment;
    println!(
        "\nanvil keeps running at {} (chain {}); deployment file {}\ncore {}  lens {}  executor {}  router {}\ncast example: cast call {} 'owner()(address)' --rpc-url {}\nCtrl-C (or SIGTERM) stops both.",
        devnet.anvil.url(),
        d.chain_id,
        devnet.deployment_path.display(),
        d.core,
        d.lens,
        devnet.periphery().executor,
        devnet.periphery().margin_router,
        d.core,
        devnet.anvil.url()
    );
    let mut printer = Reporter::new(market_labels(&devnet.provider(), d).await?, args.json);
    keeper
        .run(cantilever_daemon::telemetry::shutdown_signal(), |e| {
            printer.on_event(e)
        })
        .await?;
    Ok(())
}
