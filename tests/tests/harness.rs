//! The harness itself: anvil comes up on a free port, answers, and is gone once dropped.

use alloy::providers::Provider;
use cantilever_tests::{Anvil, AnvilConfig, chain};

#[tokio::test]
async fn anvil_starts_answers_and_dies_on_drop() -> Result<(), Box<dyn std::error::Error>> {
    let anvil = Anvil::spawn(&AnvilConfig::default()).await?;
    let provider = anvil.provider();
    assert_eq!(provider.get_chain_id().await?, 31337);
    assert_eq!(chain::accounts(&provider).await?.len(), 10);
    let before = chain::latest_timestamp(&provider).await?;
    chain::increase_time(&provider, 1_000).await?;
    chain::mine(&provider).await?;
    assert!(chain::latest_timestamp(&provider).await? >= before + 1_000);
    drop(anvil);
    assert!(
        provider.get_chain_id().await.is_err(),
        "anvil still answers after drop"
    );
    Ok(())
}
