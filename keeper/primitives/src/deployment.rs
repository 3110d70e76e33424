//! The deployment JSON that `contracts/script/DeployBase.sol` writes, loaded and verified.
//!
//! Loading checks what the keeper relies on and a hand-edited or stale file could break: every market id
//! is recomputed from its parameters (the core keys all state by it), and every LLTV is below 100%.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use alloy_primitives::{Address, B256, U256, keccak256};
use serde::{Deserialize, Deserializer};

use crate::math::constants::WAD;

/// Why a deployment file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum DeploymentError {
    /// The file could not be read.
    #[error("cannot read deployment file {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The file is not a deployment: bad JSON, a missing or unknown field, a malformed value.
    #[error("malformed deployment file {path}: {source}")]
    Malformed {
        /// The file.
        path: PathBuf,
        /// serde's description, with line and column.
        source: serde_json::Error,
    },
    /// A market's `id` is not `keccak256(abi.encode(params))`.
    #[error("market #{index}: id {declared} does not match its parameters (expected {computed})")]
    MarketIdMismatch {
        /// Position in `markets`.
        index: usize,
        /// The id in the file.
        declared: B256,
        /// The id its parameters hash to.
        computed: B256,
    },
    /// A market's LLTV is 100% or more (the core never enables those).
    #[error("market #{index} ({id}): lltv {lltv} is not below 1e18")]
    LltvTooHigh {
        /// Position in `markets`.
        index: usize,
        /// The market id.
        id: B256,
        /// The LLTV (WAD).
        lltv: U256,
    },
    /// A pool is listed for a market the deployment does not have (a stale or hand-merged file).
    #[error("pool {pool} is listed for market {id}, which is not in the deployment")]
    PoolOfUnknownMarket {
        /// The market id the pool is keyed by.
        id: B256,
        /// The pool.
        pool: Address,
    },
}

/// The parameters that define a market (`MarketParams` in ICantilever.sol).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MarketParams {
    /// Token lent and borrowed.
    pub loan_token: Address,
    /// Token posted as collateral.
    pub collateral_token: Address,
    /// Oracle valuing collateral in loan token (scale 1e36).
    pub oracle: Address,
    /// Rate model.
    pub rate_model: Address,
    /// Liquidation LTV (WAD).
    pub lltv: U256,
}

impl MarketParams {
    /// The market id: `keccak256(abi.encode(loanToken, collateralToken, oracle, rateModel, lltv))`.
    pub fn id(&self) -> B256 {
        let mut encoded = [0u8; 5 * 32];
        for (word, address) in encoded.chunks_exact_mut(32).zip([
            self.loan_token,
            self.collateral_token,
            self.oracle,
            self.rate_model,
        ]) {
            word[12..].copy_from_slice(address.as_slice());
        }
        encoded[4 * 32..].copy_from_slice(&self.lltv.to_be_bytes::<32>());
        keccak256(encoded)
    }
}

/// The one conversion between [`MarketParams`] and each binding's copy of the struct (`sol!` gives every
/// contract its own type for the same tuple).
macro_rules! binding_params {
    ($($binding:ty),+ $(,)?) => {$(
        impl From<MarketParams> for $binding {
            fn from(p: MarketParams) -> Self {
                Self {
                    loanToken: p.loan_token,
                    collateralToken: p.collateral_token,
                    oracle: p.oracle,
                    rateModel: p.rate_model,
                    lltv: p.lltv,
                }
            }
        }

        impl From<$binding> for MarketParams {
            fn from(p: $binding) -> Self {
                Self {
                    loan_token: p.loanToken,
                    collateral_token: p.collateralToken,
                    oracle: p.oracle,
                    rate_model: p.rateModel,
                    lltv: p.lltv,
                }
            }
        }
    )+};
}

binding_params!(
    cantilever_bindings::cantilever::Cantilever::MarketParams,
    cantilever_bindings::cantilever_lens::CantileverLens::MarketParams,
    cantilever_bindings::margin_router::MarginRouter::MarketParams,
    crate::executor::LiquidationExecutor::MarketParams,
);

/// One market of a deployment, as written by the script.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DeployedMarket {
    /// The market id (verified against the parameters on load).
    pub id: B256,
    /// Token lent and borrowed.
    pub loan_token: Address,
    /// Token posted as collateral.
    pub collateral_token: Address,
    /// Oracle.
    pub oracle: Address,
    /// Rate model.
    pub rate_model: Address,
    /// Liquidation LTV (WAD), written as a decimal string.
    #[serde(deserialize_with = "decimal_u256")]
    pub lltv: U256,
}

impl DeployedMarket {
    /// The market's parameters.
    pub fn params(&self) -> MarketParams {
        MarketParams {
            loan_token: self.loan_token,
            collateral_token: self.collateral_token,
            oracle: self.oracle,
            rate_model: self.rate_model,
            lltv: self.lltv,
        }
    }
}

/// A deployment of the protocol on one chain.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Deployment {
    /// The chain id.
    pub chain_id: u64,
    /// Block the deployment started at: where event backfills begin.
    pub deploy_block: u64,
    /// The Cantilever core.
    pub core: Address,
    /// The CantileverLens.
    pub lens: Address,
    /// The default rate model.
    pub rate_model: Address,
    /// Markets created by the script.
    pub markets: Vec<DeployedMarket>,
    /// Devnet tokens by symbol.
    #[serde(default)]
    pub tokens: BTreeMap<String, Address>,
    /// Devnet price feeds (USD) by symbol.
    #[serde(default)]
    pub feeds: BTreeMap<String, Address>,
    /// Periphery contracts (the devnet script deploys them; older files have none).
    #[serde(default)]
    pub periphery: Option<Periphery>,
    /// The Uniswap v2 pair of each market (collateral/loan), by market id (devnet).
    #[serde(default)]
    pub pools: BTreeMap<B256, Address>,
}

/// Periphery contracts of a deployment: swaps, leverage and the keeper's executor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Periphery {
    /// The MarginRouter (one-transaction leverage).
    pub margin_router: Address,
    /// The UniswapV2Adapter the router and the executor swap through.
    pub adapter: Address,
    /// The LiquidationExecutor.
    pub executor: Address,
    /// The executor's owner: the only account allowed to liquidate through it (the keeper).
    pub executor_owner: Address,
    /// The Uniswap v2 factory the adapter finds pairs with.
    pub uniswap_factory: Address,
    /// Uniswap's Router02 over that factory.
    pub uniswap_router: Address,
}

impl Deployment {
    /// Reads and verifies the deployment file at `path`.
    pub fn load(path: impl AsRef<Path>) -> Result<Self, DeploymentError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| DeploymentError::Read {
            path: path.into(),
            source,
        })?;
        let deployment: Self =
            serde_json::from_str(&text).map_err(|source| DeploymentError::Malformed {
                path: path.into(),
                source,
            })?;
        deployment.verify()?;
        Ok(deployment)
    }

    /// Checks each market's id and LLTV, and that every pool belongs to a market.
    pub fn verify(&self) -> Result<(), DeploymentError> {
        if let Some((&id, &pool)) = self
            .pools
            .iter()
            .find(|(id, _)| self.market(**id).is_none())
        {
            return Err(DeploymentError::PoolOfUnknownMarket { id, pool });
        }
        for (index, market) in self.markets.iter().enumerate() {
            let computed = market.params().id();
            if computed != market.id {
                return Err(DeploymentError::MarketIdMismatch {
                    index,
                    declared: market.id,
                    computed,
                });
            }
            if market.lltv >= WAD {
                return Err(DeploymentError::LltvTooHigh {
                    index,
                    id: market.id,
                    lltv: market.lltv,
                });
            }
        }
        Ok(())
    }

    /// The market with this id.
    pub fn market(&self, id: B256) -> Option<&DeployedMarket> {
        self.markets.iter().find(|m| m.id == id)
    }

    /// The Uniswap v2 pair of the market with this id, if the deployment has one.
    pub fn pool(&self, id: B256) -> Option<Address> {
        self.pools.get(&id).copied()
    }
}

/// A `U256` written as a decimal string, as forge's `vm.toString(uint256)` does.
fn decimal_u256<'de, D: Deserializer<'de>>(deserializer: D) -> Result<U256, D::Error> {
    let text = String::deserialize(deserializer)?;
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(serde::de::Error::custom(format!(
            "expected a decimal integer string, got {text:?}"
        )));
    }
    U256::from_str_radix(&text, 10).map_err(|e| serde::de::Error::custom(format!("{text:?}: {e}")))
}

#[cfg(test)]
mod tests;
