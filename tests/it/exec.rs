//! The keeper's executor against a real anvil: inclusion, duplicate refusal, fee bumps on a stuck
//! transaction, nonce resync after a stolen nonce, the ledger across a restart, dry-run, a reverting call,
//! and the private relay (a local HTTP server checking the auth signature) with public fallback.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use alloy::eips::BlockNumberOrTag;
use alloy::primitives::{Address, B256, Bytes, Signature, TxHash, U256, address, keccak256};
use alloy::providers::{DynProvider, Provider};
use alloy::signers::local::PrivateKeySigner;
use cantilever_exec::{
    ExecConfig, ExecError, ExecEvent, Executor, FeeLimit, Opportunity, RelayConfig,
    SIGNATURE_HEADER, SubmitOutcome,
};
use cantilever_tests::{Anvil, AnvilConfig};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use crate::TestResult;

/// anvil's dev account 0 (public test key).
const DEV_KEY: &str = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
/// anvil's dev account 1: the payee of the test transfers.
const PAYEE: Address = address!("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
const GWEI: u128 = 1_000_000_000;
const CHAIN_ID: u64 = 31_337;
/// A plain transfer.
const TRANSFER_GAS: u64 = 21_000;

fn signer() -> PrivateKeySigner {
    DEV_KEY.parse().expect("a valid key")
}

fn config() -> ExecConfig {
    ExecConfig {
        priority_fee_wei: GWEI,
        bump_after_blocks: 2,
        bump_percent: 13,
        timeout_blocks: 50,
        ledger_ttl_blocks: 1_000,
        ..ExecConfig::default()
    }
}

/// A zero-value transfer to the payee, with a generous budget.
fn transfer(tag: u8) -> Opportunity {
    Opportunity {
        orders: Vec::new(),
        preflight: true,
        id: B256::repeat_byte(tag),
        to: PAYEE,
        input: Bytes::new(),
        gas_limit: TRANSFER_GAS,
        fee_budget_wei: U256::from(TRANSFER_GAS) * U256::from(1_000 * GWEI),
        label: format!("transfer {tag}"),
    }
}

async fn rpc(
    provider: &DynProvider,
    method: &'static str,
    params: Value,
) -> Result<Value, Box<dyn std::error::Error>> {
    Ok(provider
        .raw_request::<_, Value>(method.into(), params)
        .await?)
}

/// Latest block number and base fee.
async fn head(provider: &DynProvider) -> Result<(u64, u128), Box<dyn std::error::Error>> {
    let block = provider
        .get_block_by_number(BlockNumberOrTag::Latest)
        .await?
        .ok_or("no latest block")?;
    Ok((
        block.header.number,
        u128::from(block.header.base_fee_per_gas.ok_or("no base fee")?),
    ))
}

/// Mines a block and reports it to the executor.
async fn mine_and_follow(
    provider: &DynProvider,
    executor: &mut Executor<DynProvider>,
) -> Result<Vec<ExecEvent>, Box<dyn std::error::Error>> {
    rpc(provider, "evm_mine", json!([])).await?;
    let (number, base_fee) = head(provider).await?;
    Ok(executor.on_block(number, base_fee).await?)
}

async fn nonce_of(
    provider: &DynProvider,
    account: Address,
) -> Result<u64, Box<dyn std::error::Error>> {
    Ok(provider.get_transaction_count(account).pending().await?)
}

/// The receipt of a transaction anvil automines (it may answer `eth_sendTransaction` a moment before the
/// receipt is queryable).
async fn wait_receipt(
    provider: &DynProvider,
    hash: TxHash,
) -> Result<alloy::rpc::types::TransactionReceipt, Box<dyn std::error::Error>> {
    for _ in 0..100 {
        if let Some(receipt) = provider.get_transaction_receipt(hash).await? {
            return Ok(receipt);
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    Err(format!("{hash} not mined within 2 s").into())
}

/// Reports the head to the executor until it has something to say: anvil automines a transaction a moment
/// after accepting it.
async fn settle(
    provider: &DynProvider,
    executor: &mut Executor<DynProvider>,
) -> Result<Vec<ExecEvent>, Box<dyn std::error::Error>> {
    for _ in 0..100 {
        let (number, base_fee) = head(provider).await?;
        let events = executor.on_block(number, base_fee).await?;
        if !events.is_empty() {
            return Ok(events);
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    Err("no executor event within 2 s".into())
}

async fn spawn() -> Result<(Anvil, DynProvider), Box<dyn std::error::Error>> {
    let anvil = Anvil::spawn(&AnvilConfig::default()).await?;
    let provider = anvil.provider();
    Ok((anvil, provider))
}

#[tokio::test]
async fn sent_transaction_is_included_and_duplicates_refused() -> TestResult {
    let (_anvil, provider) = spawn().await?;
    let mut executor = Executor::new(provider.clone(), signer(), CHAIN_ID, config()).await?;
    let account = executor.address();
    let before = nonce_of(&provider, account).await?;

    let SubmitOutcome::Sent { hash, nonce } = executor.submit(transfer(1)).await? else {
        panic!("expected a send");
    };
    assert_eq!(nonce, before);
    assert_eq!(executor.in_flight(), 1);
    // The same opportunity again: refused without sending.
    assert_eq!(
        executor.submit(transfer(1)).await?,
        SubmitOutcome::Duplicate { hash }
    );
    // anvil automines: the next head shows it.
    let events = settle(&provider, &mut executor).await?;
    let [
        ExecEvent::Included {
            hash: included,
            gas_used,
            success,
            effective_gas_price,
            ..
        },
    ] = events.as_slice()
    else {
        panic!("expected one inclusion, got {events:?}");
    };
    assert_eq!(*included, hash);
    assert_eq!(*gas_used, TRANSFER_GAS);
    assert!(*success);
    assert!(*effective_gas_price > 0);
    assert_eq!(executor.in_flight(), 0);
    assert_eq!(nonce_of(&provider, account).await?, before + 1);
    // Still a duplicate after inclusion.
    assert!(matches!(
        executor.submit(transfer(1)).await?,
        SubmitOutcome::Duplicate { .. }
    ));
    assert_eq!(nonce_of(&provider, account).await?, before + 1);
    Ok(())
}

#[tokio::test]
async fn reverting_call_is_not_sent() -> TestResult {
    let (_anvil, provider) = spawn().await?;
    // A contract whose code is PUSH0 PUSH0 REVERT, deployed from an unlocked account other than ours.
    let deployer = provider.get_accounts().await?[1];
    let init = "0x625f5ffd5f526003601df3";
    let hash: TxHash = serde_json::from_value(
        rpc(
            &provider,
            "eth_sendTransaction",
            json!([{ "from": deployer, "data": init, "gas": "0x100000" }]),
        )
        .await?,
    )?;
    let receipt = wait_receipt(&provider, hash).await?;
    let reverter = receipt.contract_address.ok_or("no contract")?;

    let mut executor = Executor::new(provider.clone(), signer(), CHAIN_ID, config()).await?;
    let before = nonce_of(&provider, executor.address()).await?;
    let opportunity = Opportunity {
        to: reverter,
        gas_limit: 100_000,
        ..transfer(2)
    };
    let error = executor
        .submit(opportunity.clone())
        .await
        .expect_err("a reverting call must not be sent");
    assert!(matches!(error, ExecError::Reverted { .. }), "{error}");
    assert!(!error.is_retryable());
    assert_eq!(nonce_of(&provider, executor.address()).await?, before);
    assert_eq!(executor.in_flight(), 0);
    // Not recorded as sent: a later attempt is evaluated again, not refused as a duplicate.
    assert!(matches!(
        executor.submit(opportunity).await,
        Err(ExecError::Reverted { .. })
    ));
    Ok(())
}

/// Deploys, from `from`, a contract whose code loops until it runs out of gas (JUMPDEST PUSH0 JUMP): a call
/// with a block's whole gas limit fills that block.
async fn deploy_gas_burner(
    provider: &DynProvider,
    from: Address,
) -> Result<Address, Box<dyn std::error::Error>> {
    let init = "0x625b5f565f526003601df3";
    let hash: TxHash = serde_json::from_value(
        rpc(
            provider,
            "eth_sendTransaction",
            json!([{ "from": from, "data": init, "gas": "0x100000" }]),
        )
        .await?,
    )?;
    let receipt = wait_receipt(provider, hash).await?;
    Ok(receipt.contract_address.ok_or("no contract")?)
}

#[tokio::test]
async fn stuck_transaction_is_bumped_within_budget_then_included_once() -> TestResult {
    let (_anvil, provider) = spawn().await?;
    let rival = provider.get_accounts().await?[1];
    let burner = deploy_gas_burner(&provider, rival).await?;
    rpc(&provider, "evm_setAutomine", json!([false])).await?;
    let mut executor = Executor::new(provider.clone(), signer(), CHAIN_ID, config()).await?;
    let account = executor.address();
    let before = nonce_of(&provider, account).await?;
    // Room for a bump or two from ~2.5 gwei, not for bumping forever.
    let budget = U256::from(TRANSFER_GAS) * U256::from(4 * GWEI);
    let opportunity = Opportunity {
        fee_budget_wei: budget,
        ..transfer(3)
    };
    let SubmitOutcome::Sent { hash: first, nonce } = executor.submit(opportunity).await? else {
        panic!("expected a send");
    };

    // Congestion: each block is filled by a rival paying a 10 gwei tip, so ours stays pending (and the base
    // fee rises 12.5% a block, as on a busy chain).
    let mut versions = vec![first];
    let sent = rpc(&provider, "eth_getTransactionByHash", json!([first])).await?;
    let mut last_max_fee: u128 =
        serde_json::from_value::<U256>(sent["maxFeePerGas"].clone())?.try_into()?;
    let mut skipped = false;
    for _ in 0..12 {
        let fill = json!([{ "from": rival, "to": burner, "gas": "0x1c9c380",
            "maxFeePerGas": format!("{:#x}", 20 * GWEI), "maxPriorityFeePerGas": format!("{:#x}", 10 * GWEI) }]);
        rpc(&provider, "eth_sendTransaction", fill).await?;
        for event in mine_and_follow(&provider, &mut executor).await? {
            match event {
                ExecEvent::Bumped {
                    old_hash,
                    new_hash,
                    nonce: bumped_nonce,
                    fees,
                    ..
                } => {
                    assert!(!skipped, "no bump after a refused one");
                    assert_eq!(old_hash, *versions.last().expect("one version"));
                    assert_eq!(bumped_nonce, nonce);
                    assert!(
                        fees.max_fee_per_gas * 100 >= last_max_fee * 113,
                        "replacement rule"
                    );
                    assert!(
                        U256::from(TRANSFER_GAS) * U256::from(fees.max_fee_per_gas) <= budget,
                        "over budget"
                    );
                    last_max_fee = fees.max_fee_per_gas;
                    versions.push(new_hash);
                    // anvil took the replacement: it knows the new hash, and the old version left its pool.
                    let pending =
                        rpc(&provider, "eth_getTransactionByHash", json!([new_hash])).await?;
                    assert_eq!(pending["nonce"], json!(format!("{nonce:#x}")));
                    assert_eq!(
                        rpc(&provider, "eth_getTransactionByHash", json!([old_hash])).await?,
                        Value::Null
                    );
                }
                ExecEvent::BumpSkipped { reason, .. } => {
                    assert!(matches!(reason, FeeLimit::OverBudget { .. }), "{reason}");
                    assert!(!skipped, "a refused bump is reported once");
                    skipped = true;
                }
                other => panic!("unexpected event while stuck: {other:?}"),
            }
        }
        if skipped {
            break;
        }
    }
    assert!(versions.len() >= 2, "never bumped");
    assert!(skipped, "bumped past the budget");
    assert_eq!(executor.in_flight(), 1);

    // The congestion ends: the latest version is included, once.
    let events = mine_and_follow(&provider, &mut executor).await?;
    let [
        ExecEvent::Included {
            hash,
            success: true,
            gas_used,
            effective_gas_price,
            ..
        },
    ] = events.as_slice()
    else {
        panic!("expected the inclusion, got {events:?}");
    };
    assert_eq!(hash, versions.last().expect("one version"));
    assert!(U256::from(*gas_used) * U256::from(*effective_gas_price) <= budget);
    for old in &versions[..versions.len() - 1] {
        assert!(provider.get_transaction_receipt(*old).await?.is_none());
    }
    assert_eq!(nonce_of(&provider, account).await?, before + 1);
    assert_eq!(executor.in_flight(), 0);
    Ok(())
}

#[tokio::test]
async fn stolen_nonce_resyncs_and_next_submit_succeeds() -> TestResult {
    let (_anvil, provider) = spawn().await?;
    let mut executor = Executor::new(provider.clone(), signer(), CHAIN_ID, config()).await?;
    let account = executor.address();
    let before = nonce_of(&provider, account).await?;
    // Another process uses the account's next nonce behind the executor's back.
    let stolen: TxHash = serde_json::from_value(
        rpc(
            &provider,
            "eth_sendTransaction",
            json!([{ "from": account, "to": PAYEE, "value": "0x1" }]),
        )
        .await?,
    )?;
    wait_receipt(&provider, stolen).await?;
    assert_eq!(nonce_of(&provider, account).await?, before + 1);

    let error = executor
        .submit(transfer(4))
        .await
        .expect_err("the stale nonce must be refused");
    assert!(matches!(error, ExecError::Rejected { .. }), "{error}");
    assert!(error.is_retryable());
    assert_eq!(executor.in_flight(), 0);
    // The next submission reads the nonce from the chain again. The refused opportunity was not recorded,
    // so it may be retried.
    let SubmitOutcome::Sent { hash, nonce } = executor.submit(transfer(4)).await? else {
        panic!("expected a send");
    };
    assert_eq!(nonce, before + 1);
    let events = settle(&provider, &mut executor).await?;
    assert!(
        matches!(events.as_slice(), [ExecEvent::Included { hash: h, .. }] if *h == hash),
        "{events:?}"
    );
    Ok(())
}

#[tokio::test]
async fn nonce_used_elsewhere_while_pending_is_reported() -> TestResult {
    let (_anvil, provider) = spawn().await?;
    rpc(&provider, "evm_setAutomine", json!([false])).await?;
    let mut executor = Executor::new(provider.clone(), signer(), CHAIN_ID, config()).await?;
    let account = executor.address();
    let opportunity = Opportunity {
        fee_budget_wei: U256::from(TRANSFER_GAS) * U256::from(5 * GWEI),
        ..transfer(5)
    };
    let SubmitOutcome::Sent { nonce, .. } = executor.submit(opportunity).await? else {
        panic!("expected a send");
    };
    // A rival version of the same nonce, priced far higher, replaces ours in anvil's pool.
    let rival = json!([{ "from": account, "to": account, "nonce": format!("{nonce:#x}"), "gas": "0x5208",
        "maxFeePerGas": format!("{:#x}", 100 * GWEI), "maxPriorityFeePerGas": format!("{:#x}", 50 * GWEI) }]);
    rpc(&provider, "eth_sendTransaction", rival).await?;
    let events = mine_and_follow(&provider, &mut executor).await?;
    assert_eq!(
        events,
        vec![ExecEvent::ReplacedByOther {
            id: B256::repeat_byte(5),
            nonce
        }]
    );
    assert_eq!(executor.in_flight(), 0);
    // The next send uses the next free nonce.
    let SubmitOutcome::Sent { nonce: next, .. } = executor.submit(transfer(6)).await? else {
        panic!("expected a send");
    };
    assert_eq!(next, nonce + 1);
    Ok(())
}

#[tokio::test]
async fn ledger_survives_a_restart() -> TestResult {
    let (_anvil, provider) = spawn().await?;
    let dir = tempfile::tempdir()?;
    let path: PathBuf = dir.path().join("exec-ledger.json");
    let with_ledger = || ExecConfig {
        ledger_path: Some(path.clone()),
        ..config()
    };
    let hash = {
        let mut executor =
            Executor::new(provider.clone(), signer(), CHAIN_ID, with_ledger()).await?;
        let SubmitOutcome::Sent { hash, .. } = executor.submit(transfer(7)).await? else {
            panic!("expected a send");
        };
        hash
        // Dropped here without any shutdown step, as in a crash after the send.
    };
    assert!(path.exists());
    let account = signer().address();
    let nonce = nonce_of(&provider, account).await?;
    let mut restarted = Executor::new(provider.clone(), signer(), CHAIN_ID, with_ledger()).await?;
    assert_eq!(
        restarted.submit(transfer(7)).await?,
        SubmitOutcome::Duplicate { hash }
    );
    assert_eq!(nonce_of(&provider, account).await?, nonce);
    // Another opportunity still goes out.
    assert!(matches!(
        restarted.submit(transfer(8)).await?,
        SubmitOutcome::Sent { .. }
    ));
    Ok(())
}

#[tokio::test]
async fn ledger_entries_expire() -> TestResult {
    let (_anvil, provider) = spawn().await?;
    let short = ExecConfig {
        timeout_blocks: 2,
        ledger_ttl_blocks: 3,
        ..config()
    };
    let mut executor = Executor::new(provider.clone(), signer(), CHAIN_ID, short).await?;
    assert!(matches!(
        executor.submit(transfer(9)).await?,
        SubmitOutcome::Sent { .. }
    ));
    assert!(matches!(
        executor.submit(transfer(9)).await?,
        SubmitOutcome::Duplicate { .. }
    ));
    for _ in 0..3 {
        mine_and_follow(&provider, &mut executor).await?;
    }
    // Three blocks later the id may be sent again (the strategy would have derived a new id if the position
    // had changed; this is the TTL at work).
    assert!(matches!(
        executor.submit(transfer(9)).await?,
        SubmitOutcome::Sent { .. }
    ));
    Ok(())
}

#[tokio::test]
async fn dry_run_sends_nothing() -> TestResult {
    let (_anvil, provider) = spawn().await?;
    let dry = ExecConfig {
        dry_run: true,
        ..config()
    };
    let mut executor = Executor::new(provider.clone(), signer(), CHAIN_ID, dry).await?;
    let account = executor.address();
    let before = nonce_of(&provider, account).await?;
    let SubmitOutcome::DryRun { hash } = executor.submit(transfer(10)).await? else {
        panic!("expected a dry run");
    };
    assert_eq!(nonce_of(&provider, account).await?, before);
    assert_eq!(
        rpc(&provider, "eth_getTransactionByHash", json!([hash])).await?,
        Value::Null
    );
    assert_eq!(executor.in_flight(), 0);
    assert!(matches!(
        executor.submit(transfer(10)).await?,
        SubmitOutcome::Duplicate { .. }
    ));
    // A second opportunity gets the same (unconsumed) nonce, hence a different transaction but no gap.
    assert!(matches!(
        executor.submit(transfer(11)).await?,
        SubmitOutcome::DryRun { .. }
    ));
    assert_eq!(nonce_of(&provider, account).await?, before);
    Ok(())
}

/// One request the relay server received.
#[derive(Debug, Clone)]
struct RelayRequest {
    body: Value,
    /// The `X-Flashbots-Signature` header recovered to this address.
    signer: Option<Address>,
}

/// A loopback relay that records `eth_sendBundle` calls, recovers the signature header, and answers either
/// a bundle hash or a JSON-RPC error.
struct RelayServer {
    url: String,
    requests: Arc<Mutex<Vec<RelayRequest>>>,
    task: tokio::task::JoinHandle<()>,
}

impl RelayServer {
    async fn start(refuse: bool) -> std::io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let url = format!("http://{}", listener.local_addr()?);
        let requests = Arc::new(Mutex::new(Vec::new()));
        let recorded = requests.clone();
        let task = tokio::spawn(async move {
            while let Ok((mut socket, _)) = listener.accept().await {
                let recorded = recorded.clone();
                tokio::spawn(async move {
                    let Some((headers, body)) = read_request(&mut socket).await else {
                        return;
                    };
                    let signer = recover_header(&headers, &body);
                    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
                    recorded
                        .lock()
                        .expect("not poisoned")
                        .push(RelayRequest { body, signer });
                    let answer = if refuse {
                        json!({ "jsonrpc": "2.0", "id": 1, "error": { "code": -32000, "message": "bundle rejected" } })
                    } else {
                        json!({ "jsonrpc": "2.0", "id": 1, "result": { "bundleHash": B256::repeat_byte(0xbb) } })
                    }
                    .to_string();
                    let response = format!(
                        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{answer}",
                        answer.len()
                    );
                    let _ = socket.write_all(response.as_bytes()).await;
                    let _ = socket.shutdown().await;
                });
            }
        });
        Ok(Self {
            url,
            requests,
            task,
        })
    }

    fn requests(&self) -> Vec<RelayRequest> {
        self.requests.lock().expect("not poisoned").clone()
    }
}

impl Drop for RelayServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Reads one HTTP/1.1 request: lower-cased header lines and the `content-length` body.
async fn read_request(
    socket: &mut tokio::net::TcpStream,
) -> Option<(Vec<(String, String)>, Vec<u8>)> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(at) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
        let n = socket.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_string();
    let headers: Vec<(String, String)> = head
        .lines()
        .skip(1)
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_string()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(name, _)| name == "content-length")?
        .1
        .parse()
        .ok()?;
    while buf.len() < head_end + length {
        let n = socket.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    Some((headers, buf[head_end..head_end + length].to_vec()))
}

/// The address that signed the body, if the header is well-formed, the signature recovers, and it names
/// that same address.
fn recover_header(headers: &[(String, String)], body: &[u8]) -> Option<Address> {
    let name = SIGNATURE_HEADER.to_ascii_lowercase();
    let value = &headers.iter().find(|(n, _)| *n == name)?.1;
    let (claimed, signature) = value.split_once(':')?;
    let claimed: Address = claimed.parse().ok()?;
    let signature: Signature = signature.parse().ok()?;
    let digest = format!("{:#x}", keccak256(body));
    let recovered = signature.recover_address_from_msg(digest.as_bytes()).ok()?;
    (recovered == claimed).then_some(recovered)
}

fn relay_config(url: &str, auth: &PrivateKeySigner, public_fallback: bool) -> ExecConfig {
    ExecConfig {
        relay: Some(RelayConfig {
            url: url.to_string(),
            auth_signer: auth.clone(),
            public_fallback,
            fallback_after_blocks: 2,
        }),
        ..config()
    }
}

/// An executor sending through `relay`, with bundles signed by `auth`.
async fn relay_executor(
    provider: &DynProvider,
    relay: &RelayServer,
    auth: &PrivateKeySigner,
    public_fallback: bool,
) -> TestResult<Executor<DynProvider>> {
    let config = relay_config(&relay.url, auth, public_fallback);
    Ok(Executor::new(provider.clone(), signer(), CHAIN_ID, config).await?)
}

#[tokio::test]
async fn relay_bundle_is_signed_resent_and_falls_back_to_public() -> TestResult {
    let (_anvil, provider) = spawn().await?;
    let relay = RelayServer::start(false).await?;
    let auth = PrivateKeySigner::random();
    let mut executor = relay_executor(&provider, &relay, &auth, true).await?;
    let account = executor.address();
    let before = nonce_of(&provider, account).await?;
    let (block, _) = head(&provider).await?;

    let SubmitOutcome::Sent { hash, .. } = executor.submit(transfer(12)).await? else {
        panic!("expected a send");
    };
    let requests = relay.requests();
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(
        request.signer,
        Some(auth.address()),
        "the signature header does not verify"
    );
    assert_eq!(request.body["method"], "eth_sendBundle");
    let params = &request.body["params"][0];
    assert_eq!(params["blockNumber"], json!(format!("{:#x}", block + 1)));
    let raw: Bytes = serde_json::from_value(params["txs"][0].clone())?;
    assert_eq!(
        keccak256(&raw),
        hash,
        "the bundle carries the signed transaction"
    );
    // Private: nothing reached the public mempool.
    assert_eq!(nonce_of(&provider, account).await?, before);

    // One block later the bundle is re-sent for the next block; two blocks later it goes public.
    let events = mine_and_follow(&provider, &mut executor).await?;
    assert!(events.is_empty(), "{events:?}");
    assert_eq!(relay.requests().len(), 2);
    assert_eq!(
        relay.requests()[1].body["params"][0]["blockNumber"],
        json!(format!("{:#x}", block + 2))
    );
    let events = mine_and_follow(&provider, &mut executor).await?;
    assert_eq!(
        events,
        vec![ExecEvent::FellBackToPublic {
            id: B256::repeat_byte(12),
            hash
        }]
    );
    let events = settle(&provider, &mut executor).await?;
    assert!(
        matches!(events.as_slice(), [ExecEvent::Included { hash: h, success: true, .. }] if *h == hash),
        "{events:?}"
    );
    assert_eq!(relay.requests().len(), 2);
    assert_eq!(nonce_of(&provider, account).await?, before + 1);
    Ok(())
}

#[tokio::test]
async fn relay_error_falls_back_to_public_or_fails_cleanly() -> TestResult {
    let (_anvil, provider) = spawn().await?;
    let relay = RelayServer::start(true).await?;
    let auth = PrivateKeySigner::random();

    // Without fallback: an error, nothing sent, the opportunity not recorded.
    let mut strict = relay_executor(&provider, &relay, &auth, false).await?;
    let account = strict.address();
    let before = nonce_of(&provider, account).await?;
    let error = strict
        .submit(transfer(13))
        .await
        .expect_err("the relay refused");
    assert!(matches!(error, ExecError::Relay(_)), "{error}");
    assert_eq!(nonce_of(&provider, account).await?, before);
    assert!(matches!(
        strict.submit(transfer(13)).await,
        Err(ExecError::Relay(_))
    ));
    assert_eq!(relay.requests().len(), 2);

    // With fallback: the same signed transaction goes public at once.
    let mut executor = relay_executor(&provider, &relay, &auth, true).await?;
    let SubmitOutcome::Sent { hash, nonce } = executor.submit(transfer(13)).await? else {
        panic!("expected a send");
    };
    assert_eq!(nonce, before);
    assert_eq!(relay.requests().len(), 3);
    assert!(
        relay
            .requests()
            .iter()
            .all(|r| r.signer == Some(auth.address()))
    );
    let events = settle(&provider, &mut executor).await?;
    assert!(
        matches!(events.as_slice(), [ExecEvent::Included { hash: h, .. }] if *h == hash),
        "{events:?}"
    );
    assert_eq!(nonce_of(&provider, account).await?, before + 1);
    Ok(())
}

#[tokio::test]
async fn relay_transaction_never_included_times_out_and_frees_its_nonce() -> TestResult {
    let (_anvil, provider) = spawn().await?;
    // A relay that accepts bundles and never lands them, and no public fallback.
    let relay = RelayServer::start(false).await?;
    let auth = PrivateKeySigner::random();
    let config = ExecConfig {
        timeout_blocks: 3,
        bump_after_blocks: 10,
        ..relay_config(&relay.url, &auth, false)
    };
    let mut executor = Executor::new(provider.clone(), signer(), CHAIN_ID, config).await?;
    let SubmitOutcome::Sent { hash, nonce } = executor.submit(transfer(14)).await? else {
        panic!("expected a send");
    };
    let mut events = Vec::new();
    for _ in 0..3 {
        events.extend(mine_and_follow(&provider, &mut executor).await?);
    }
    assert_eq!(
        events,
        vec![ExecEvent::TimedOut {
            id: B256::repeat_byte(14),
            nonce,
            hash
        }]
    );
    assert_eq!(executor.in_flight(), 0);
    // Re-sent for each of the two blocks before the timeout, then abandoned.
    assert_eq!(relay.requests().len(), 3);
    // The nonce never reached a mempool: after the resync the next opportunity uses it.
    let SubmitOutcome::Sent { nonce: next, .. } = executor.submit(transfer(15)).await? else {
        panic!("expected a send");
    };
    assert_eq!(next, nonce);
    // The timed-out opportunity is unknown to the node and its nonce unused (relay transactions never reach
    // its pool): the ledger entry is released and it goes out again on that same nonce, so of the versions a
    // relay may still hold, at most one can ever be mined.
    let SubmitOutcome::Sent { nonce: again, .. } = executor.submit(transfer(14)).await? else {
        panic!("expected the released opportunity to be sent again");
    };
    assert_eq!(again, nonce);
    Ok(())
}
