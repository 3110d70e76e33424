//! The position index against a real chain: on a devnet deployed by the real script, positions are opened,
//! changed, churned by thousands of small borrows and repays, and liquidated (with bad debt); then
//! (a) every indexed position equals `core.position(id, borrower)`; (b) a redb store reopened after more
//! activity resumes from its stored block and still matches; (c) blocks holding position changes are replaced
//! (`anvil_snapshot`/`anvil_revert`) and the index rolls them back; (d) behind a proxy refusing `eth_getLogs`
//! over more than a few blocks, the backfill shrinks its ranges and still matches; (e) the backfill speed.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use alloy::primitives::{Address, Bytes, I256, U256};
use alloy::providers::{DynProvider, Provider, ProviderBuilder};
use cantilever_bindings::cantilever::Cantilever;
use cantilever_bindings::chainlink_oracle::ChainlinkOracle;
use cantilever_bindings::erc20_mock::ERC20Mock;
use cantilever_bindings::owner_feed::OwnerFeed;
use cantilever_index::{IndexConfig, IndexError, PositionIndex};
use cantilever_primitives::{Deployment, MarketParams, Position, PositionKey};
use cantilever_tests::chain::{self, Batch};
use cantilever_tests::{AnvilConfig, DEPLOYER, Devnet};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

type TestResult<T = ()> = Result<T, Box<dyn std::error::Error>>;

/// Borrowers per market.
const PER_MARKET: usize = 4;
/// Rounds of (borrow, repay) by every borrower: the backfill's event load.
const ROUNDS: usize = 100;
/// Rounds mined per block.
const ROUNDS_PER_BLOCK: usize = 5;
/// The proxy refuses `eth_getLogs` over more blocks than this.
const PROXY_MAX_RANGE: u64 = 3;

fn core_params(p: &MarketParams) -> Cantilever::MarketParams {
    Cantilever::MarketParams {
        loanToken: p.loan_token,
        collateralToken: p.collateral_token,
        oracle: p.oracle,
        rateModel: p.rate_model,
        lltv: p.lltv,
    }
}

/// One borrower's position to open.
struct Open {
    params: MarketParams,
    borrower: Address,
    collateral: U256,
    debt: U256,
}

/// Checks every position the index holds, and every `known` one, against the core; returns how many.
async fn assert_matches(
    index: &PositionIndex,
    provider: &DynProvider,
    d: &Deployment,
    known: &BTreeSet<PositionKey>,
    label: &str,
) -> TestResult<usize> {
    let core = Cantilever::new(d.core, provider);
    let head = index.head().ok_or("index has no head")?;
    let tip = provider.get_block_number().await?;
    assert_eq!(head.number, tip, "{label}: index not at the chain head");
    let keys: BTreeSet<PositionKey> = index
        .positions()
        .map(|(k, _)| k)
        .chain(known.iter().copied())
        .collect();
    for key in &keys {
        let chain = core.position(key.market, key.borrower).call().await?;
        let chain = Position {
            borrow_shares: chain.borrowShares,
            collateral: chain.collateral,
        };
        let indexed = index.position(key).unwrap_or_default();
        assert_eq!(indexed, chain, "{label}: position {key:?}");
        assert_eq!(
            index.position(key).is_some(),
            !chain.is_empty(),
            "{label}: {key:?} presence"
        );
    }
    Ok(keys.len())
}

/// A JSON-RPC proxy in front of anvil that refuses `eth_getLogs` spanning more than `max_range` blocks.
struct Proxy {
    url: String,
    refused: Arc<AtomicU64>,
    largest_served: Arc<AtomicU64>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Proxy {
    async fn start(upstream: DynProvider, max_range: u64) -> TestResult<Self> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let url = format!("http://{}", listener.local_addr()?);
        let refused = Arc::new(AtomicU64::new(0));
        let largest_served = Arc::new(AtomicU64::new(0));
        let counters = (refused.clone(), largest_served.clone());
        let task = tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                let (upstream, counters) = (upstream.clone(), counters.clone());
                tokio::spawn(async move {
                    // A connection error only ends that connection; the index sees it as an RPC error.
                    let _ = serve(socket, upstream, max_range, counters).await;
                });
            }
        });
        Ok(Self {
            url,
            refused,
            largest_served,
            task,
        })
    }
}

/// Serves HTTP/1.1 keep-alive requests with a body of one JSON-RPC call each.
async fn serve(
    mut socket: TcpStream,
    upstream: DynProvider,
    max_range: u64,
    counters: (Arc<AtomicU64>, Arc<AtomicU64>),
) -> std::io::Result<()> {
    let mut buf = Vec::new();
    loop {
        let header_end = loop {
            if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break i + 4;
            }
            if socket.read_buf(&mut buf).await? == 0 {
                return Ok(());
            }
        };
        let head = String::from_utf8_lossy(&buf[..header_end]).to_ascii_lowercase();
        let length: usize = head
            .lines()
            .find_map(|l| l.strip_prefix("content-length:"))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0);
        while buf.len() < header_end + length {
            if socket.read_buf(&mut buf).await? == 0 {
                return Ok(());
            }
        }
        let body: Vec<u8> = buf.drain(..header_end + length).skip(header_end).collect();
        let reply = answer(&body, &upstream, max_range, &counters)
            .await
            .to_string();
        let response = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{reply}",
            reply.len()
        );
        socket.write_all(response.as_bytes()).await?;
    }
}

fn hex_block(v: &Value) -> Option<u64> {
    u64::from_str_radix(v.as_str()?.strip_prefix("0x")?, 16).ok()
}

async fn answer(
    body: &[u8],
    upstream: &DynProvider,
    max_range: u64,
    (refused, largest): &(Arc<AtomicU64>, Arc<AtomicU64>),
) -> Value {
    let error = |id: &Value, code: i64, message: String| json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}});
    let Ok(request) = serde_json::from_slice::<Value>(body) else {
        return error(&Value::Null, -32700, "parse error".into());
    };
    let id = &request["id"];
    let method = request["method"].as_str().unwrap_or_default().to_string();
    if method == "eth_getLogs" {
        let filter = &request["params"][0];
        if let (Some(from), Some(to)) = (
            hex_block(&filter["fromBlock"]),
            hex_block(&filter["toBlock"]),
        ) {
            let span = to.saturating_sub(from) + 1;
            if span > max_range {
                refused.fetch_add(1, Ordering::Relaxed);
                return error(
                    id,
                    -32005,
                    format!("block range too large: {span} > {max_range}"),
                );
            }
            largest.fetch_max(span, Ordering::Relaxed);
        }
    }
    let params = match serde_json::value::to_raw_value(&request["params"]) {
        Ok(p) => p,
        Err(e) => return error(id, -32602, e.to_string()),
    };
    match upstream.raw_request_dyn(method.into(), &params).await {
        Ok(raw) => json!({
            "jsonrpc": "2.0",
            "id": id,
            "result": serde_json::from_str::<Value>(raw.get()).unwrap_or(Value::Null),
        }),
        Err(e) => error(id, -32000, e.to_string()),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn index_on_anvil() -> TestResult {
    let started = Instant::now();
    let devnet = Devnet::start(&AnvilConfig {
        accounts: 20,
        gas_limit: 2_000_000_000,
        ..AnvilConfig::default()
    })
    .await?;
    let deployed = started.elapsed();
    let provider = devnet.anvil.provider();
    let d = devnet.deployment.clone();
    let core = Cantilever::new(d.core, &provider);
    let accounts = chain::accounts(&provider).await?;
    let (supplier, funder, liquidator) = (accounts[1], accounts[2], accounts[3]);
    let borrowers = &accounts[4..];
    let markets: Vec<MarketParams> = d.markets.iter().map(|m| m.params()).collect();
    assert!(markets.len() * PER_MARKET <= borrowers.len());

    // ------------------------------------------------------------------ positions at half their LLTV
    let mut opens = Vec::new();
    let mut known = BTreeSet::new();
    for (k, params) in markets.iter().enumerate() {
        let price = ChainlinkOracle::new(params.oracle, &provider)
            .price()
            .call()
            .await?;
        let min_debt = U256::from(core.market(params.id()).call().await?.minDebt);
        let scale = U256::from(10u64).pow(U256::from(36));
        let wad = U256::from(10u64).pow(U256::from(18));
        for (j, &borrower) in borrowers[k * PER_MARKET..(k + 1) * PER_MARKET]
            .iter()
            .enumerate()
        {
            let debt = (min_debt.max(U256::from(1_000_000u64))) * U256::from(20 + 10 * j);
            // Collateral worth debt / (lltv / 2), rounded up.
            let value = debt * U256::from(2) * wad / params.lltv + U256::from(1);
            let collateral = (value * scale).div_ceil(price);
            opens.push(Open {
                params: *params,
                borrower,
                collateral,
                debt,
            });
            known.insert(PositionKey {
                market: params.id(),
                borrower,
            });
        }
    }

    chain::set_automine(&provider, false).await?;
    let mut batch = Batch::new(&provider);
    for params in &markets {
        let debt: U256 = opens
            .iter()
            .filter(|o| o.params == *params)
            .map(|o| o.debt)
            .sum();
        let supply = debt * U256::from(4);
        let loan = ERC20Mock::new(params.loan_token, &provider);
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
        let supply_call = core.supply(
            core_params(params),
            supply,
            U256::ZERO,
            supplier,
            Bytes::new(),
        );
        batch
            .send("supply", supplier, supply_call.into_transaction_request())
            .await?;
        let collateral: U256 = opens
            .iter()
            .filter(|o| o.params == *params)
            .map(|o| o.collateral)
            .sum();
        let token = ERC20Mock::new(params.collateral_token, &provider);
        let mint = token.mint(funder, collateral * U256::from(2));
        batch
            .send("mint collateral", funder, mint.into_transaction_request())
            .await?;
        batch
            .send(
                "approve",
                funder,
                token.approve(d.core, U256::MAX).into_transaction_request(),
            )
            .await?;
        // The liquidator repays in loan token.
        let mint = loan.mint(liquidator, debt * U256::from(2));
        batch
            .send("mint", liquidator, mint.into_transaction_request())
            .await?;
        let approve = loan.approve(d.core, U256::MAX);
        batch
            .send("approve", liquidator, approve.into_transaction_request())
            .await?;
    }
    for o in &opens {
        let call = core.supplyCollateral(
            core_params(&o.params),
            o.collateral,
            o.borrower,
            Bytes::new(),
        );
        batch
            .send("supplyCollateral", funder, call.into_transaction_request())
            .await?;
        let loan = ERC20Mock::new(o.params.loan_token, &provider);
        let approve = loan.approve(d.core, U256::MAX);
        batch
            .send("approve", o.borrower, approve.into_transaction_request())
            .await?;
    }
    batch.mine().await?;
    let mut batch = Batch::new(&provider);
    for o in &opens {
        let call = core.borrow(
            core_params(&o.params),
            o.debt,
            U256::ZERO,
            o.borrower,
            o.borrower,
        );
        batch
            .send("borrow", o.borrower, call.into_transaction_request())
            .await?;
    }
    batch.mine().await?;

    // ------------------------------------------------------------------ changes: repay, withdraw, add
    let mut batch = Batch::new(&provider);
    for (i, o) in opens.iter().enumerate() {
        let p = core_params(&o.params);
        let tx = match i % 3 {
            0 => core
                .repay(
                    p,
                    o.debt / U256::from(4),
                    U256::ZERO,
                    o.borrower,
                    Bytes::new(),
                )
                .into_transaction_request(),
            1 => core
                .withdrawCollateral(p, o.collateral / U256::from(10), o.borrower, o.borrower)
                .into_transaction_request(),
            _ => core
                .supplyCollateral(p, o.collateral / U256::from(3), o.borrower, Bytes::new())
                .into_transaction_request(),
        };
        let from = if i % 3 == 2 { funder } else { o.borrower };
        batch.send("change", from, tx).await?;
    }
    batch.mine().await?;

    // ------------------------------------------------------------------ churn: many small borrows and repays
    let mut txs = 0;
    for rounds in (0..ROUNDS).collect::<Vec<_>>().chunks(ROUNDS_PER_BLOCK) {
        let mut batch = Batch::new(&provider);
        for _ in rounds {
            for o in &opens {
                let small = (o.debt / U256::from(1_000)).max(U256::from(1_000));
                let p = core_params(&o.params);
                let borrow = core.borrow(p.clone(), small, U256::ZERO, o.borrower, o.borrower);
                batch
                    .send("borrow", o.borrower, borrow.into_transaction_request())
                    .await?;
                let repay = core.repay(p, small, U256::ZERO, o.borrower, Bytes::new());
                batch
                    .send("repay", o.borrower, repay.into_transaction_request())
                    .await?;
                txs += 2;
            }
        }
        batch.mine().await?;
    }

    // ------------------------------------------------------------------ crash market 0's collateral, liquidate
    let symbol = d
        .tokens
        .iter()
        .find(|(_, a)| **a == markets[0].collateral_token)
        .map(|(s, _)| s.clone())
        .ok_or("market 0's collateral is not a devnet token")?;
    let feed = OwnerFeed::new(d.feeds[&symbol], &provider);
    let answer = feed.latestRoundData().call().await?.answer;
    let mut batch = Batch::new(&provider);
    let crash = feed.setAnswer(answer / I256::try_from(3)?);
    batch
        .send("crash", DEPLOYER, crash.into_transaction_request())
        .await?;
    batch.mine().await?;
    let mut batch = Batch::new(&provider);
    for o in opens.iter().filter(|o| o.params == markets[0]).take(2) {
        let call = core.liquidate(core_params(&o.params), o.borrower, U256::MAX, Bytes::new());
        batch
            .send("liquidate", liquidator, call.into_transaction_request())
            .await?;
    }
    let receipts = batch.mine().await?;
    let bad_debts = receipts
        .iter()
        .flat_map(|r| r.inner.logs())
        .filter(|l| {
            l.topic0()
                == Some(&<Cantilever::RealizeBadDebt as alloy::sol_types::SolEvent>::SIGNATURE_HASH)
        })
        .count();
    let mut batch = Batch::new(&provider);
    batch
        .send(
            "restore",
            DEPLOYER,
            feed.setAnswer(answer).into_transaction_request(),
        )
        .await?;
    batch.mine().await?;
    chain::set_automine(&provider, true).await?;
    let setup = started.elapsed() - deployed;

    // ------------------------------------------------------------------ (a) + (e): backfill in memory
    let mut memory = PositionIndex::in_memory(
        &d,
        IndexConfig {
            max_range: 10_000,
            reorg_depth: 8,
        },
    );
    let delta = memory.sync(&provider).await?;
    let checked = assert_matches(&memory, &provider, &d, &known, "in memory").await?;
    assert!(
        delta.events as usize >= txs,
        "{} events for {txs} transactions",
        delta.events
    );
    assert_eq!(delta.blocks, delta.head.number - d.deploy_block + 1);
    assert_eq!(delta.rolled_back_blocks, 0);
    assert_eq!(
        delta.changed.len(),
        memory.positions().count(),
        "a first sync reports every position"
    );
    assert!(memory.markets().count() >= markets.len());
    let rate = delta.events as f64 / delta.elapsed.as_secs_f64();
    eprintln!(
        "backfill: {} events over {} blocks in {:.1?} = {rate:.0} events/s; {checked} positions match; \
         {bad_debts} bad-debt liquidations",
        delta.events, delta.blocks, delta.elapsed
    );
    // A second sync with nothing new changes nothing.
    let idle = memory.sync(&provider).await?;
    assert_eq!((idle.blocks, idle.events, idle.changed.len()), (0, 0, 0));

    // ------------------------------------------------------------------ (b) restart from the store
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("index.redb");
    let config = IndexConfig {
        max_range: 500,
        reorg_depth: 64,
    };
    let stored_head = {
        let mut index = PositionIndex::open(&path, &d, config)?;
        index.sync(&provider).await?;
        index.head().ok_or("no head")?
    };
    let o = &opens[PER_MARKET]; // market 1
    for _ in 0..3 {
        let call = core.supplyCollateral(
            core_params(&o.params),
            U256::from(12_345),
            o.borrower,
            Bytes::new(),
        );
        send(&provider, funder, call.into_transaction_request()).await?;
    }
    let mut index = PositionIndex::open(&path, &d, config)?;
    assert_eq!(
        index.head(),
        Some(stored_head),
        "reopened at the stored block"
    );
    assert_eq!(index.positions().count(), memory.positions().count());
    let delta = index.sync(&provider).await?;
    let tip = provider.get_block_number().await?;
    assert_eq!(
        delta.blocks,
        tip - stored_head.number,
        "only the new blocks were fetched"
    );
    assert_eq!(delta.events, 3);
    let key = PositionKey {
        market: o.params.id(),
        borrower: o.borrower,
    };
    assert_eq!(
        delta.changed.iter().map(|(k, _)| *k).collect::<Vec<_>>(),
        [key]
    );
    assert_matches(&index, &provider, &d, &known, "after restart").await?;
    // ------------------------------------------------------------------ (c) reorg
    let snapshot: Value = provider
        .raw_request("evm_snapshot".into(), json!([]))
        .await?;
    let newcomer = *borrowers.last().ok_or("no accounts")?;
    let newcomer_key = PositionKey {
        market: o.params.id(),
        borrower: newcomer,
    };
    known.insert(newcomer_key);
    let call = core.supplyCollateral(
        core_params(&o.params),
        U256::from(777),
        newcomer,
        Bytes::new(),
    );
    send(&provider, funder, call.into_transaction_request()).await?;
    let repay = core.repay(
        core_params(&o.params),
        o.debt / U256::from(10),
        U256::ZERO,
        o.borrower,
        Bytes::new(),
    );
    send(&provider, o.borrower, repay.into_transaction_request()).await?;
    let before = index.sync(&provider).await?;
    assert_eq!(before.blocks, 2);
    assert!(index.position(&newcomer_key).is_some());
    let reverted: Value = provider
        .raw_request("evm_revert".into(), json!([snapshot]))
        .await?;
    assert_eq!(reverted, Value::Bool(true));
    // The replacement chain: other changes, one block longer.
    for _ in 0..3 {
        let call = core.withdrawCollateral(
            core_params(&o.params),
            U256::from(1_000),
            o.borrower,
            o.borrower,
        );
        send(&provider, o.borrower, call.into_transaction_request()).await?;
    }
    let delta = index.sync(&provider).await?;
    assert_eq!(
        delta.rolled_back_blocks, 2,
        "both replaced blocks rolled back"
    );
    assert_eq!(delta.blocks, 3);
    assert!(
        index.position(&newcomer_key).is_none(),
        "the newcomer's block was reorged away"
    );
    assert!(delta.changed.contains(&(newcomer_key, Position::default())));
    assert_matches(&index, &provider, &d, &known, "after reorg").await?;
    drop(index);
    // A restart sees the reorged result as stored.
    let mut index = PositionIndex::open(&path, &d, config)?;
    assert_eq!(index.sync(&provider).await?.blocks, 0);
    assert_matches(&index, &provider, &d, &known, "after reorg and restart").await?;
    // A reorg while the keeper is down: the reopened store's last blocks are no longer canonical.
    let shallow = PositionIndex::in_memory(
        &d,
        IndexConfig {
            max_range: 500,
            reorg_depth: 1,
        },
    );
    let snapshot: Value = provider
        .raw_request("evm_snapshot".into(), json!([]))
        .await?;
    for _ in 0..2 {
        let call = core.supplyCollateral(
            core_params(&o.params),
            U256::from(5),
            newcomer,
            Bytes::new(),
        );
        send(&provider, funder, call.into_transaction_request()).await?;
    }
    index.sync(&provider).await?;
    let mut shallow = shallow;
    shallow.sync(&provider).await?;
    drop(index);
    let reverted: Value = provider
        .raw_request("evm_revert".into(), json!([snapshot]))
        .await?;
    assert_eq!(reverted, Value::Bool(true));
    for _ in 0..3 {
        let call = core.supplyCollateral(
            core_params(&o.params),
            U256::from(9),
            o.borrower,
            Bytes::new(),
        );
        send(&provider, funder, call.into_transaction_request()).await?;
    }
    let mut index = PositionIndex::open(&path, &d, config)?;
    let delta = index.sync(&provider).await?;
    assert_eq!(delta.rolled_back_blocks, 2, "the restart rolled back first");
    assert_eq!(delta.blocks, 3);
    assert!(index.position(&newcomer_key).is_none());
    assert_matches(&index, &provider, &d, &known, "after a reorg while stopped").await?;
    // An index remembering one block cannot survive a two-block reorg, and says so.
    let too_deep = shallow.sync(&provider).await;
    assert!(
        matches!(too_deep, Err(IndexError::ReorgTooDeep { .. })),
        "{too_deep:?}"
    );
    let final_positions: Vec<_> = index.positions().collect();
    drop(index);
    // The store refuses another deployment (here: another chain id).
    let mut other = d.clone();
    other.chain_id += 1;
    let refused = PositionIndex::open(&path, &other, config).map(|_| ());
    assert!(
        matches!(refused, Err(IndexError::WrongDeployment { .. })),
        "{refused:?}"
    );

    // ------------------------------------------------------------------ (d) a node refusing wide ranges
    let proxy = Proxy::start(provider.clone(), PROXY_MAX_RANGE).await?;
    let proxied = ProviderBuilder::new()
        .disable_recommended_fillers()
        .connect_http(proxy.url.parse()?)
        .erased();
    let mut narrow = PositionIndex::in_memory(
        &d,
        IndexConfig {
            max_range: 64,
            reorg_depth: 4,
        },
    );
    let delta = narrow.sync(&proxied).await?;
    assert_matches(&narrow, &provider, &d, &known, "behind the proxy").await?;
    let refused = proxy.refused.load(Ordering::Relaxed);
    let largest = proxy.largest_served.load(Ordering::Relaxed);
    assert!(refused > 0, "the proxy never refused a range");
    assert!((1..=PROXY_MAX_RANGE).contains(&largest));
    assert_eq!(narrow.positions().collect::<Vec<_>>(), final_positions);
    eprintln!(
        "proxy: {refused} refused ranges, largest served {largest} blocks; {} blocks in {:.1?}; total {:.1?} \
         (deploy {deployed:.1?}, setup {setup:.1?})",
        delta.blocks,
        delta.elapsed,
        started.elapsed()
    );
    Ok(())
}

/// Sends one transaction with automine on and checks it succeeded.
async fn send(
    provider: &DynProvider,
    from: Address,
    mut tx: alloy::rpc::types::TransactionRequest,
) -> TestResult {
    tx.from = Some(from);
    tx.gas = Some(cantilever_tests::chain::TX_GAS);
    let receipt = provider.send_transaction(tx).await?.get_receipt().await?;
    assert!(receipt.status(), "transaction reverted");
    Ok(())
}
