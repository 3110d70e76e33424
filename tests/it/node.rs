//! The harness itself: anvil comes up on a free port, answers, and is gone once dropped.

use alloy::providers::Provider;
use alloy::providers::ext::AnvilApi;
use cantilever_tests::{Anvil, AnvilConfig, rpc};

use crate::TestResult;

#[tokio::test]
async fn anvil_starts_answers_and_dies_on_drop() -> TestResult {
    let anvil = Anvil::spawn(&AnvilConfig::default()).await?;
    let provider = anvil.provider();
    assert_eq!(provider.get_chain_id().await?, 31337);
    assert_eq!(provider.get_accounts().await?.len(), 10);
    let before = rpc::latest_timestamp(&provider).await?;
    provider.anvil_increase_time(1_000).await?;
    provider.evm_mine(None).await?;
    assert!(rpc::latest_timestamp(&provider).await? >= before + 1_000);
    drop(anvil);
    assert!(
        provider.get_chain_id().await.is_err(),
        "anvil still answers after drop"
    );
    Ok(())
}
