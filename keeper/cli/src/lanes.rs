//! The parallel profile's lanes on a devnet: more accounts, each owning a LiquidationExecutor of its own,
//! deployed from the repository's forge artifact, so that liquidations in different lanes share no balance
//! slot (each executor holds and pays out its own tokens).

use alloy::network::TransactionBuilder;
use alloy::primitives::{Address, Bytes, U256, keccak256};
use alloy::providers::Provider;
use alloy::rpc::types::TransactionRequest;
use alloy::signers::local::PrivateKeySigner;
use alloy::sol_types::SolValue;
use cantilever_devnet::{DEPLOYER, Devnet, repo_root, rpc};
use cantilever_planner::Lane;

use super::CliResult;

/// Gas money for each lane account (wei).
const LANE_GAS_MONEY: u128 = 100_000_000_000_000_000_000;

/// The key of devnet lane `index` (1-based; lane 0 is the devnet's keeper account): derived from a public
/// string, so worthless outside a devnet.
fn lane_key(index: usize) -> CliResult<PrivateKeySigner> {
    let seed = keccak256(format!("cantilever devnet lane {index}"));
    Ok(PrivateKeySigner::from_bytes(&seed)?)
}

/// `LiquidationExecutor`'s creation code from the forge artifacts the devnet deployed from.
fn executor_creation_code() -> CliResult<Bytes> {
    let out = std::env::var_os("CANTILEVER_FORGE_OUT")
        .map(|dir| std::path::PathBuf::from(dir).join("out"))
        .unwrap_or_else(|| repo_root().join("out"));
    let path = out.join("LiquidationExecutor.sol/LiquidationExecutor.json");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("reading the executor's artifact {}: {e}", path.display()))?;
    let json: serde_json::Value = serde_json::from_str(&text)?;
    let hex = json["bytecode"]["object"]
        .as_str()
        .ok_or_else(|| format!("{} holds no bytecode", path.display()))?;
    Ok(hex.parse()?)
}

/// Deploys `count` more lanes on `devnet`: funded accounts, each owning a new LiquidationExecutor over the
/// devnet's core. Returns each lane's key and lane.
pub async fn deploy_lanes(
    devnet: &Devnet,
    count: usize,
) -> CliResult<Vec<(PrivateKeySigner, Lane)>> {
    let provider = devnet.provider();
    let code = executor_creation_code()?;
    let mut lanes = Vec::with_capacity(count);
    for index in 1..=count {
        let signer = lane_key(index)?;
        let owner: Address = signer.address();
        rpc::set_balance(&provider, owner, U256::from(LANE_GAS_MONEY)).await?;
        let mut init = code.to_vec();
        init.extend((devnet.deployment.core, owner).abi_encode_params());
        let request = TransactionRequest::default()
            .from(DEPLOYER)
            .with_deploy_code(Bytes::from(init));
        let receipt = provider
            .send_transaction(request)
            .await?
            .get_receipt()
            .await?;
        let executor = receipt
            .contract_address
            .filter(|_| receipt.status())
            .ok_or_else(|| format!("deploying lane {index}'s executor failed"))?;
        lanes.push((
            signer,
            Lane {
                sender: owner,
                executor,
            },
        ));
    }
    Ok(lanes)
}
