//! Early sight of a Chainlink OCR2 transmission on a real anvil: the feed is configured by its
//! proxy, the pending `transmit` goes to the aggregator behind it, and the stream announces the
//! report's median before the transaction is mined; the aggregator's `AnswerUpdated` logs reach
//! the feed too.
//!
//! The aggregator is an `OwnerFeed`, which has no `transmit`: the transmission reverts when mined.
//! That is enough here, since only its pending calldata is observed; the answers that land are
//! written with `setAnswer`.

use std::sync::Arc;
use std::time::Duration;

use alloy::primitives::aliases::I192;
use alloy::primitives::{Address, B256, Bytes, I256, U256};
use alloy::providers::Provider;
use alloy::providers::ext::AnvilApi;
use alloy::rpc::types::TransactionRequest;
use alloy::sol_types::{SolCall, SolValue};
use cantilever_bindings::owner_feed::OwnerFeed;
use cantilever_oracle_adapter::ocr::{IOCR2Aggregator, Ocr2Report};
use cantilever_oracle_adapter::{
    AggregatorSource, FeedPolicy, PriceEvent, PriceStream, StreamConfig,
};
use cantilever_tests::TX_GAS;
use cantilever_tests::feeds::{deploy_owner_feed, wait_for};
use cantilever_tests::{Anvil, AnvilConfig, DEPLOYER};

use super::TestResult;

const WAIT: Duration = Duration::from_secs(5);
const E8: i64 = 100_000_000;
const PROXY: Address = Address::repeat_byte(0x9a);

fn value(x: i64) -> U256 {
    U256::from(x as u64)
}

/// Runtime code of a minimal stand-in for Chainlink's `EACAggregatorProxy`: `aggregator()` answers
/// `target`, every other call is forwarded to `target` (`STATICCALL`, its return data or revert
/// passed back).
fn proxy_code(target: Address) -> Bytes {
    const OK: u8 = 0x40;
    const AGGREGATOR: u8 = 0x45;
    let selector = cantilever_oracle_adapter::chain::IAggregatorProxy::aggregatorCall::SELECTOR;
    let mut code = vec![0x60, 0x00, 0x35, 0x60, 0xe0, 0x1c]; // calldataload(0) >> 224
    code.push(0x63); // PUSH4 selector; EQ; jumpi(AGGREGATOR)
    code.extend(selector);
    code.extend([0x14, 0x60, AGGREGATOR, 0x57]);
    code.extend([0x36, 0x60, 0x00, 0x60, 0x00, 0x37]); // calldatacopy(0, 0, calldatasize)
    // staticcall(gas, target, 0, calldatasize, 0, 0)
    code.extend([0x60, 0x00, 0x60, 0x00, 0x36, 0x60, 0x00, 0x73]);
    code.extend(target.as_slice());
    code.extend([0x5a, 0xfa]);
    code.extend([0x3d, 0x60, 0x00, 0x60, 0x00, 0x3e]); // returndatacopy(0, 0, returndatasize)
    code.extend([0x60, OK, 0x57]); // jumpi(OK, success)
    code.extend([0x3d, 0x60, 0x00, 0xfd]); // revert(0, returndatasize)
    assert_eq!(code.len(), usize::from(OK));
    code.extend([0x5b, 0x3d, 0x60, 0x00, 0xf3]); // OK: return(0, returndatasize)
    assert_eq!(code.len(), usize::from(AGGREGATOR));
    code.extend([0x5b, 0x73]); // AGGREGATOR: mstore(0, target); return(0, 32)
    code.extend(target.as_slice());
    code.extend([0x60, 0x00, 0x52, 0x60, 0x20, 0x60, 0x00, 0xf3]);
    code.into()
}

/// An OCR2 `transmit` of `observations` (8 decimals), signatures not checked by anyone here.
fn transmit(observations_timestamp: u32, observations: &[i64]) -> Result<Bytes, String> {
    let observations = observations
        .iter()
        .map(|&x| I192::try_from(x).map_err(|e| e.to_string()))
        .collect::<Result<Vec<_>, _>>()?;
    let report = Ocr2Report {
        observationsTimestamp: observations_timestamp,
        rawObservers: B256::ZERO,
        observations,
        juelsPerFeeCoin: I192::ZERO,
    };
    let call = IOCR2Aggregator::transmitCall {
        reportContext: [B256::repeat_byte(0xcd), B256::with_last_byte(1), B256::ZERO],
        report: report.abi_encode_params().into(),
        rs: vec![B256::repeat_byte(0xaa); 2],
        ss: vec![B256::repeat_byte(0xbb); 2],
        rawVs: B256::ZERO,
    };
    Ok(call.abi_encode().into())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pending_ocr2_transmit_to_the_aggregator_behind_a_proxy_is_seen() -> TestResult {
    let anvil = Anvil::spawn(&AnvilConfig::default()).await?;
    let provider = anvil.provider();
    let aggregator = deploy_owner_feed(&provider, 8, I256::try_from(3000 * E8)?).await?;
    provider
        .anvil_set_code(PROXY, proxy_code(aggregator))
        .await?;
    let source = Arc::new(AggregatorSource::new(provider.clone(), "ETH/USD", PROXY));
    let mut stream = PriceStream::builder()
        .provider(provider.clone())
        .feed(
            source,
            FeedPolicy::new(86_400, I256::ZERO, I256::try_from(u128::MAX)?, 8),
            vec![],
        )
        .config(StreamConfig {
            poll_interval: Duration::from_millis(20),
            watch_pending: true,
            ..StreamConfig::default()
        })
        .spawn()?;
    // The first price, read through the proxy.
    wait_for(
        &mut stream,
        WAIT,
        |e| matches!(e, PriceEvent::Update(u) if u.new.value == value(3000 * E8)),
    )
    .await?;

    // A transmission to the aggregator, not to the proxy the feed is configured with. Four
    // observations: the answer is the upper middle one, index 4 / 2.
    provider.anvil_set_auto_mine(false).await?;
    let calldata = transmit(1_700_000_000, &[1990 * E8, 2000 * E8, 2010 * E8, 2020 * E8])?;
    let pending = provider
        .send_transaction(
            TransactionRequest::default()
                .from(DEPLOYER)
                .to(aggregator)
                .input(calldata.into())
                .gas_limit(TX_GAS),
        )
        .await?;
    let hash = *pending.tx_hash();
    let (event, skipped) =
        wait_for(&mut stream, WAIT, |e| matches!(e, PriceEvent::Update(_))).await?;
    assert!(skipped.is_empty(), "{skipped:?}");
    let PriceEvent::Update(speculative) = event else {
        unreachable!()
    };
    assert_eq!(speculative.speculative, Some(hash));
    assert_eq!(speculative.new.value, value(2010 * E8), "the median");
    assert_eq!(speculative.old.map(|p| p.value), Some(value(3000 * E8)));

    // Mined, it reverts (an OwnerFeed has no `transmit`): nothing is confirmed.
    provider.evm_mine(None).await?;
    let receipt = provider
        .get_transaction_receipt(hash)
        .await?
        .ok_or("transmit not mined")?;
    assert!(!receipt.status(), "an OwnerFeed has no transmit");

    // An answer that lands at the aggregator reaches the feed through the aggregator's
    // `AnswerUpdated` log (a proxy logs nothing).
    provider.anvil_set_auto_mine(true).await?;
    let _ = OwnerFeed::new(aggregator, &provider)
        .setAnswer(I256::try_from(2500 * E8)?)
        .from(DEPLOYER)
        .gas(TX_GAS)
        .send()
        .await?;
    let (event, skipped) = wait_for(
        &mut stream,
        WAIT,
        |e| matches!(e, PriceEvent::Update(u) if !u.is_speculative()),
    )
    .await?;
    // The pending filter may see the `setAnswer` first (a speculative update of the same price).
    assert!(
        skipped.iter().all(|e| matches!(e, PriceEvent::Update(u)
            if u.is_speculative() && u.new.value == value(2500 * E8))),
        "{skipped:?}"
    );
    let PriceEvent::Update(confirmed) = event else {
        unreachable!()
    };
    assert_eq!(confirmed.new.value, value(2500 * E8));
    assert_eq!(confirmed.old.map(|p| p.value), Some(value(3000 * E8)));
    stream.shutdown();
    Ok(())
}
