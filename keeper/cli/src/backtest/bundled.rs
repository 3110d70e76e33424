//! The bundled scenario: the devnet's setup (240 borrowers over three markets, Uniswap v2 pools, the keeper's
//! and a rival's executors), committed under `backtest/scenarios/devnet` and compiled into the binary, so that
//! `cantilever backtest` runs offline from anywhere.

use std::path::Path;

use crate::CliResult;

const STATE: &str = include_str!("../../../../backtest/scenarios/devnet/state.json");
const DEPLOYMENT: &str = include_str!("../../../../backtest/scenarios/devnet/deployment.json");
const SCENARIO: &str = include_str!("../../../../backtest/scenarios/devnet/scenario.json");

/// Writes the bundled scenario's files into `dir`.
pub fn write(dir: &Path) -> CliResult<()> {
    std::fs::write(dir.join("state.json"), STATE)?;
    std::fs::write(dir.join("deployment.json"), DEPLOYMENT)?;
    std::fs::write(dir.join("scenario.json"), SCENARIO)?;
    Ok(())
}
