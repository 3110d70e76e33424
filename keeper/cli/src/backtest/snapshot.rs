//! `cantilever backtest snapshot`: makes a scenario from the devnet setup: anvil, the protocol, the pools and
//! the seeded borrowers, plus a rival's executor; the node's state dumped (slimmed to the accounts and the
//! last block, which is all `anvil --load-state` and the backtest need), the deployment, and `scenario.json`.

use std::io::Read;
use std::path::Path;

use alloy::providers::ext::AnvilApi;
use cantilever_backtest::ScenarioFile;
use cantilever_devnet::{Devnet, DevnetOptions, KEEPER, SeedOptions};
use cantilever_planner::Lane;
use cantilever_primitives::PositionKey;

use crate::CliResult;
use crate::lanes::deploy_lanes;

/// Seconds between the backtest's blocks (Ethereum's slot time).
const BLOCK_TIME_SECS: u64 = 12;

/// Writes a scenario of `borrowers` seeded positions into `out`.
pub async fn snapshot(out: &Path, borrowers: usize, seed: u64) -> CliResult<()> {
    let options = DevnetOptions {
        seed: SeedOptions {
            borrowers,
            leveraged: (borrowers / 10).max(1).min(borrowers),
            seed,
            ..SeedOptions::default()
        },
        ..DevnetOptions::default()
    };
    options.seed.validate()?;
    eprintln!("snapshot: starting the devnet (deploy and seed {borrowers} borrowers)");
    let devnet = Devnet::start(&options).await?;
    let report = devnet.seed(&options.seed).await?;
    let rival = deploy_lanes(&devnet, 1).await?;
    let provider = devnet.provider();
    let spec = cantilever_sim::node_spec(&provider)
        .await
        .ok_or("the node does not say its hardfork")?;
    let zipped = provider.anvil_dump_state().await?;
    let mut text = String::new();
    flate2::read::GzDecoder::new(&zipped[..]).read_to_string(&mut text)?;
    let mut dump: serde_json::Value = serde_json::from_str(&text)?;
    slim(&mut dump)?;
    let file = ScenarioFile {
        chain_id: devnet.deployment.chain_id,
        block_time_secs: BLOCK_TIME_SECS,
        hardfork: format!("{spec:?}").to_ascii_lowercase(),
        native: "WETH".into(),
        keeper: Lane {
            sender: KEEPER,
            executor: devnet.periphery().executor,
        },
        rival: rival[0].1,
        adapter: devnet.periphery().adapter,
        positions: report
            .positions
            .iter()
            .map(|p| PositionKey {
                market: p.market,
                borrower: p.borrower,
            })
            .collect(),
    };
    std::fs::create_dir_all(out)?;
    std::fs::write(out.join("state.json"), serde_json::to_string(&dump)?)?;
    std::fs::copy(&devnet.deployment_path, out.join("deployment.json"))?;
    std::fs::write(
        out.join("scenario.json"),
        serde_json::to_string_pretty(&file)? + "\n",
    )?;
    eprintln!(
        "snapshot: {} positions in {} markets written to {}",
        file.positions.len(),
        devnet.deployment.markets.len(),
        out.display()
    );
    Ok(())
}

/// Keeps what a reload needs: the accounts, the block environment, and the head block (the one numbered
/// `best_block_number`) without its transactions: `anvil --load-state` refuses a dump without its best block.
/// The dump lists its blocks in no particular order, so the head is found by number, not position.
fn slim(dump: &mut serde_json::Value) -> CliResult<()> {
    let object = dump
        .as_object_mut()
        .ok_or("the node's state dump is not a JSON object")?;
    object.remove("transactions");
    object.remove("historical_states");
    let best = object
        .get("best_block_number")
        .and_then(quantity)
        .ok_or("the node's state dump has no best_block_number")?;
    let blocks = object
        .get_mut("blocks")
        .and_then(|b| b.as_array_mut())
        .ok_or("the node's state dump has no blocks")?;
    let at = blocks
        .iter()
        .position(|b| quantity(&b["header"]["number"]) == Some(best))
        .ok_or_else(|| format!("the node's state dump has no block {best} (its best)"))?;
    let mut head = blocks.swap_remove(at);
    if let Some(txs) = head.get_mut("transactions").and_then(|t| t.as_array_mut()) {
        txs.clear();
    }
    *blocks = vec![head];
    Ok(())
}

/// A JSON quantity as anvil writes it: a number or a `0x` hex string.
fn quantity(value: &serde_json::Value) -> Option<u64> {
    value.as_u64().or_else(|| {
        value
            .as_str()
            .and_then(|s| u64::from_str_radix(s.strip_prefix("0x")?, 16).ok())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slim_keeps_the_best_block_wherever_the_dump_lists_it() {
        let mut dump = serde_json::json!({
            "accounts": {},
            "best_block_number": 9,
            "historical_states": [],
            "blocks": [
                {"header": {"number": "0x9"}, "transactions": [{"x": 1}]},
                {"header": {"number": "0x3"}, "transactions": []},
            ],
        });
        slim(&mut dump).unwrap();
        assert_eq!(
            dump["blocks"],
            serde_json::json!([{"header": {"number": "0x9"}, "transactions": []}])
        );
        assert!(dump.get("historical_states").is_none());
        let mut missing = serde_json::json!({"best_block_number": "0x4", "blocks": [{"header": {"number": "0x3"}}]});
        assert!(
            slim(&mut missing)
                .unwrap_err()
                .to_string()
                .contains("no block 4")
        );
    }
}
