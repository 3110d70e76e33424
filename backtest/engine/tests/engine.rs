//! The engine on the bundled devnet scenario: its writes read back through the contracts' own views, its
//! sweeps independent of the thread count and of sharding, and bad inputs refused with one clear message.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use alloy_primitives::U256;
use cantilever_backtest::moves::{Pool, feed_answer, pool_toward, reserves_of};
use cantilever_backtest::state::WorldState;
use cantilever_backtest::views::Views;
use cantilever_backtest::{
    PathSource, Scenario, StrategySpec, Sweep, WorldParams, run_cells, shard,
};
use cantilever_paths::named;
use cantilever_planner::StrategyParams;
use cantilever_report::{BacktestResult, Shard, merge};
use cantilever_sim::revm::context::BlockEnv;
use cantilever_sim::{SharedFork, SimEnv, StateSource};

fn scenario_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../scenarios/devnet")
}

fn scenario() -> Scenario {
    Scenario::load(&scenario_dir()).expect("the bundled scenario loads")
}

fn views_of(sc: &Scenario, world: &WorldState) -> Views {
    let source: Arc<dyn StateSource> = Arc::new(world.clone());
    let env = SimEnv {
        spec: sc.spec(),
        chain_id: sc.file.chain_id,
        block: BlockEnv {
            number: U256::from(sc.block.number + 1),
            timestamp: U256::from(sc.block.timestamp + 12),
            ..BlockEnv::default()
        },
    };
    Views::new(Arc::new(SharedFork::new(source, None)), &env)
}

#[test]
fn a_written_feed_round_is_what_the_feed_and_the_oracle_report() {
    let sc = scenario();
    let mut world = WorldState::new(sc.state.clone());
    let weth = sc.feeds["WETH"];
    let before = views_of(&sc, &world).latest_answer(weth).unwrap();
    let market = sc
        .deployment
        .markets
        .iter()
        .find(|m| {
            m.collateral_token == sc.deployment.tokens["WETH"]
                && m.loan_token == sc.deployment.tokens["USDC"]
        })
        .unwrap();
    let price_before = views_of(&sc, &world)
        .oracle_price(market.oracle)
        .unwrap()
        .unwrap()
        .0;
    let half = before / 2;
    world.apply(&feed_answer(&world, weth, half, sc.block.timestamp + 12).unwrap());
    let views = views_of(&sc, &world);
    assert_eq!(
        views.latest_answer(weth).unwrap(),
        half,
        "OwnerFeed.latestRoundData reads the written round"
    );
    let price_after = views.oracle_price(market.oracle).unwrap().unwrap().0;
    let ratio = f64::from(price_after) / f64::from(price_before);
    assert!(
        (ratio - 0.5).abs() < 1e-6,
        "the protocol oracle halves with the feed: {ratio}"
    );
    // A second round on top of the first.
    world.apply(&feed_answer(&world, weth, before, sc.block.timestamp + 24).unwrap());
    assert_eq!(views_of(&sc, &world).latest_answer(weth).unwrap(), before);
}

#[test]
fn a_moved_pool_is_what_the_pair_and_the_tokens_report() {
    let sc = scenario();
    let mut world = WorldState::new(sc.state.clone());
    let (id, pair) = sc.deployment.pools.iter().next().unwrap();
    let market = sc.deployment.markets.iter().find(|m| m.id == *id).unwrap();
    let mut tokens = [market.collateral_token, market.loan_token];
    tokens.sort();
    let reserves = views_of(&sc, &world).reserves(*pair).unwrap();
    assert_eq!(
        reserves_of(&world, *pair).unwrap(),
        reserves,
        "the slot layout is the pair's"
    );
    let now = f64::from(reserves.1) / f64::from(reserves.0);
    let writes = pool_toward(
        Pool {
            pair: *pair,
            tokens,
        },
        reserves,
        now * 0.7,
        1.0,
        sc.block.timestamp + 12,
    )
    .unwrap();
    world.apply(&writes);
    let views = views_of(&sc, &world);
    let moved = views.reserves(*pair).unwrap();
    let price = f64::from(moved.1) / f64::from(moved.0);
    assert!(
        (price / now - 0.7).abs() < 1e-6,
        "moved to the target: {}",
        price / now
    );
    assert_eq!(
        views.balance_of(tokens[0], *pair).unwrap(),
        moved.0,
        "token0 balance follows the reserve"
    );
    assert_eq!(
        views.balance_of(tokens[1], *pair).unwrap(),
        moved.1,
        "token1 balance follows the reserve"
    );
}

fn small_sweep() -> Sweep {
    let mut crash = named("crash").unwrap();
    crash.steps = 30;
    let mut gbm = named("gbm").unwrap();
    gbm.steps = 30;
    Sweep {
        strategies: vec![
            StrategySpec::Greedy,
            StrategySpec::DeeperBonus {
                target_health: 0.97,
            },
        ],
        worlds: vec![WorldParams {
            rival_probability: 0.3,
            ..WorldParams::default()
        }],
        paths: vec![PathSource::Generated(crash), PathSource::Generated(gbm)],
        seeds: vec![1, 2],
        strategy_params: StrategyParams::default(),
    }
}

fn result(sweep: &Sweep, sc: &Scenario, threads: usize, shard_of: Option<Shard>) -> BacktestResult {
    let cells = match shard_of {
        Some(s) => shard(sweep.cells(), s.index, s.count),
        None => sweep.cells(),
    };
    let runs = run_cells(sweep, sc, &cells, threads, &|_, _| {}).unwrap();
    BacktestResult::new(
        "test".into(),
        "test".into(),
        serde_json::to_value(sweep).unwrap(),
        shard_of,
        runs,
    )
}

#[test]
fn a_sweep_is_the_same_byte_for_byte_on_one_thread_or_two_and_in_shards() {
    let sc = scenario();
    let sweep = small_sweep();
    let one = result(&sweep, &sc, 1, None);
    let two = result(&sweep, &sc, 2, None);
    assert_eq!(
        one.to_json(),
        two.to_json(),
        "thread count changed the result"
    );
    assert!(
        one.runs.iter().any(|r| r.metrics.captured > 0),
        "the crash liquidated something"
    );
    assert!(
        one.runs
            .iter()
            .any(|r| r.metrics.missed.iter().any(|m| m.reason.contains("rival"))),
        "the rival took something"
    );
    let parts = (0..2)
        .map(|index| result(&sweep, &sc, 2, Some(Shard { index, count: 2 })))
        .collect();
    let merged = merge(parts).unwrap();
    assert_eq!(
        merged.to_json(),
        one.to_json(),
        "two shards merged differ from one run"
    );
}

#[test]
fn bad_inputs_are_one_clear_error() {
    let sc = scenario();
    // A path naming a feed the deployment lacks.
    let mut spec = named("crash").unwrap();
    spec.steps = 30;
    let path = cantilever_paths::generate(&spec, &sc.feed_names(), &sc.start_prices().unwrap(), 1)
        .unwrap();
    let mut bad = path.clone();
    bad.feeds[0] = "DOGE".into();
    let strategy = StrategySpec::Greedy.build().unwrap();
    let err = cantilever_backtest::run(
        &sc,
        &bad,
        strategy.as_ref(),
        &WorldParams::default(),
        &StrategyParams::default(),
        1,
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("unknown feed DOGE"), "{err}");
    // An impossible parameter.
    let world = WorldParams {
        rival_probability: 1.5,
        ..WorldParams::default()
    };
    let err = cantilever_backtest::run(
        &sc,
        &path,
        strategy.as_ref(),
        &world,
        &StrategyParams::default(),
        1,
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("rival_probability"), "{err}");

    // Another chain's scenario, and a dump of another deployment.
    let copy = |edit: &dyn Fn(&Path)| {
        let dir = tempfile::tempdir().unwrap();
        for f in ["state.json", "deployment.json", "scenario.json"] {
            std::fs::copy(scenario_dir().join(f), dir.path().join(f)).unwrap();
        }
        edit(dir.path());
        Scenario::load(dir.path()).unwrap_err().to_string()
    };
    let err = copy(&|d| {
        let text = std::fs::read_to_string(d.join("scenario.json")).unwrap();
        std::fs::write(
            d.join("scenario.json"),
            text.replace("\"chain_id\": 31337", "\"chain_id\": 1"),
        )
        .unwrap();
    });
    assert!(
        err.contains("chain 1") && err.contains("chain 31337"),
        "{err}"
    );
    let err = copy(&|d| {
        std::fs::write(
            d.join("state.json"),
            r#"{"block":{"number":"0x1","timestamp":"0x1","basefee":1},"accounts":{}}"#,
        )
        .unwrap();
    });
    assert!(err.contains("not a dump of this deployment"), "{err}");
    let err = copy(&|d| std::fs::write(d.join("state.json"), "not json").unwrap());
    assert!(err.contains("not an anvil state dump"), "{err}");
    let err = copy(&|d| std::fs::remove_file(d.join("state.json")).unwrap());
    assert!(err.contains("state.json"), "{err}");
}
