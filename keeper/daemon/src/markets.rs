//! Each followed market's state at a block, read in parallel: accrued totals (`expectedMarket`), the oracle
//! price (through oracle-adapter, so a reverting oracle is a typed rejection), the pool's reserves, and the
//! price that values gas in the market's loan token ([`native`]: it survives the failure of the oracles it
//! comes from).

mod native;

use std::collections::HashMap;
use std::sync::Mutex;

use alloy::eips::BlockId;
use alloy::primitives::{Address, B256, U256};
use alloy::providers::DynProvider;
use cantilever_bindings::cantilever::Cantilever;
use cantilever_oracle_adapter::{BlockRef, ProtocolOracleSource, RejectReason, Rejection};
use cantilever_planner::book::MarketSnapshot;
use cantilever_planner::{MarketSource, MarketState};
use cantilever_primitives::IUniswapV2Pair;

use cantilever_planner::strategy::{MarketView, Reserves};
use cantilever_primitives::deployment::{DeployedMarket, Deployment};
use cantilever_primitives::math::constants::ORACLE_PRICE_SCALE;

use native::NativeMemory;
pub use native::{STALE_MARGIN_BPS, marked_up};

/// Where a market's gas valuation comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
enum NativePrice {
    /// The loan token is the wrapped native token: one wei is one unit.
    Identity,
    /// These markets' oracles price the wrapped native token in the loan token (each lends it against the
    /// wrapped native token): the highest usable price of the block values gas; when none is usable, the last
    /// good one, marked up (see [`native`]).
    Markets(Vec<B256>),
    /// Nothing prices it: gas cannot be valued, the market's candidates are skipped.
    Unknown,
}

impl NativePrice {
    fn reads(&self, market: &B256) -> bool {
        matches!(self, Self::Markets(ids) if ids.contains(market))
    }
}

/// One followed market and how to read it.
#[derive(Debug)]
struct Followed {
    market: DeployedMarket,
    oracle: ProtocolOracleSource,
    pool: Option<Address>,
    native: NativePrice,
}

/// Reads the followed markets.
#[derive(Debug)]
pub struct MarketReader {
    provider: DynProvider,
    core: Address,
    markets: Vec<Followed>,
    /// The last good native price per loan token, for blocks where no oracle gives one.
    native: Mutex<NativeMemory>,
}

impl MarketReader {
    /// Follows `ids` (every market of the deployment when empty); `wrapped_native` is the token gas is valued
    /// through (WETH on the devnet). A market outside `ids` whose oracle values gas for a followed one is read
    /// too (its price only matters; the keeper liquidates in followed markets only).
    pub fn new(
        provider: DynProvider,
        deployment: &Deployment,
        ids: &[B256],
        wrapped_native: Option<Address>,
    ) -> Self {
        let follows = |m: &DeployedMarket| ids.is_empty() || ids.contains(&m.id);
        let natives: Vec<NativePrice> = deployment
            .markets
            .iter()
            .map(|m| native_price_source(deployment, m.loan_token, wrapped_native))
            .collect();
        let needed = |m: &DeployedMarket| {
            follows(m)
                || deployment
                    .markets
                    .iter()
                    .zip(&natives)
                    .any(|(f, n)| follows(f) && n.reads(&m.id))
        };
        let markets = deployment
            .markets
            .iter()
            .zip(&natives)
            .filter(|(m, _)| needed(m))
            .map(|(m, native)| Followed {
                market: m.clone(),
                oracle: ProtocolOracleSource::new(
                    provider.clone(),
                    format!("oracle {}", m.id),
                    m.oracle,
                ),
                pool: deployment.pools.get(&m.id).copied(),
                native: native.clone(),
            })
            .collect();
        Self {
            provider,
            core: deployment.core,
            markets,
            native: Mutex::new(NativeMemory::default()),
        }
    }

    /// Every market read (the followed ones and those valuing their gas) at `block`, read concurrently.
    async fn read_all(&self, block: BlockRef) -> Result<Vec<MarketState>, alloy::contract::Error> {
        let reads = self.markets.iter().map(|f| self.read_one(f, block));
        let raw = futures_util::future::join_all(reads).await;
        let mut prices = HashMap::new();
        let mut states = Vec::with_capacity(raw.len());
        for result in raw {
            let (state, price) = result?;
            prices.insert(state.market.id, price);
            states.push(state);
        }
        // A panic elsewhere while holding it cannot leave a price half-written: keep going.
        let mut memory = self.native.lock().unwrap_or_else(|e| e.into_inner());
        for (state, followed) in states.iter_mut().zip(&self.markets) {
            state.view.native_price = match &followed.native {
                NativePrice::Identity => Some(ORACLE_PRICE_SCALE),
                NativePrice::Markets(ids) => {
                    // The highest of the fresh prices: over-valuing gas only makes the keeper skip.
                    let fresh = ids
                        .iter()
                        .filter_map(|id| prices.get(id).copied().flatten())
                        .max();
                    memory.price(followed.market.loan_token, fresh, block.number)
                }
                NativePrice::Unknown => None,
            };
        }
        Ok(states)
    }

    async fn read_one(
        &self,
        followed: &Followed,
        block: BlockRef,
    ) -> Result<(MarketState, Option<U256>), alloy::contract::Error> {
        let core = Cantilever::new(self.core, &self.provider);
        let at = BlockId::number(block.number);
        let params = followed.market.params();
        let call = core.expectedMarket(params.into());
        let market = call.block(at);
        let price = followed.oracle.read_liquidation_price(Some(block));
        let reserves = async {
            match followed.pool {
                Some(pool) => IUniswapV2Pair::new(pool, &self.provider)
                    .getReserves()
                    .block(at)
                    .call()
                    .await
                    .map(Some),
                None => Ok(None),
            }
        };
        let (market, price, reserves) = tokio::join!(market.call(), price, reserves);
        let market = market?;
        let deep_only = matches!(price, Ok((_, true)));
        let (price, price_error) = match price {
            Ok((observation, _)) if observation.answer > alloy::primitives::I256::ZERO => {
                (Some(observation.answer.into_raw()), None)
            }
            Ok((observation, _)) => (
                None,
                Some(RejectReason::Check(Rejection::NonPositiveAnswer {
                    answer: observation.answer,
                })),
            ),
            Err(reason) => (None, Some(reason)),
        };
        let pool = reserves?.map(|r| {
            Reserves::oriented(
                U256::from(r.reserve0),
                U256::from(r.reserve1),
                followed.market.collateral_token < followed.market.loan_token,
            )
        });
        let view = MarketView {
            snapshot: MarketSnapshot {
                total_borrow_assets: U256::from(market.totalBorrowAssets),
                total_borrow_shares: U256::from(market.totalBorrowShares),
                price: price.unwrap_or_default(),
            },
            lltv: followed.market.lltv,
            min_debt: U256::from(market.minDebt),
            pool,
            native_price: None,
            deep_only,
        };
        Ok((
            MarketState {
                market: followed.market.clone(),
                view,
                price_error,
            },
            price,
        ))
    }
}

impl MarketSource for MarketReader {
    type Error = alloy::contract::Error;

    async fn read(&self, block: BlockRef) -> Result<Vec<MarketState>, Self::Error> {
        self.read_all(block).await
    }
}

/// Which markets value gas for a loan token: those whose collateral is the wrapped native token.
fn native_price_source(
    deployment: &Deployment,
    loan: Address,
    wrapped_native: Option<Address>,
) -> NativePrice {
    let Some(native) = wrapped_native else {
        return NativePrice::Unknown;
    };
    if loan == native {
        return NativePrice::Identity;
    }
    let ids: Vec<B256> = deployment
        .markets
        .iter()
        .filter(|m| m.collateral_token == native && m.loan_token == loan)
        .map(|m| m.id)
        .collect();
    if ids.is_empty() {
        NativePrice::Unknown
    } else {
        NativePrice::Markets(ids)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloy::providers::{Provider, ProviderBuilder};

    fn market(id: u8, collateral: Address, loan: Address) -> DeployedMarket {
        DeployedMarket {
            id: B256::repeat_byte(id),
            loan_token: loan,
            collateral_token: collateral,
            oracle: Address::repeat_byte(0x0c),
            rate_model: Address::repeat_byte(0x0d),
            lltv: U256::from(860_000_000_000_000_000u64),
        }
    }

    /// The devnet's shape: WETH/USDC, WBTC/USDC, WETH/WBTC.
    fn deployment() -> (Deployment, Address) {
        let (usdc, weth, wbtc) = (
            Address::repeat_byte(1),
            Address::repeat_byte(2),
            Address::repeat_byte(3),
        );
        let deployment = Deployment {
            chain_id: 31337,
            deploy_block: 1,
            core: Address::repeat_byte(0x0a),
            lens: Address::repeat_byte(0x0b),
            rate_model: Address::repeat_byte(0x0d),
            markets: vec![
                market(1, weth, usdc),
                market(2, wbtc, usdc),
                market(3, weth, wbtc),
            ],
            tokens: [("WETH".to_string(), weth)].into_iter().collect(),
            feeds: Default::default(),
            periphery: None,
            pools: Default::default(),
        };
        (deployment, weth)
    }

    fn reader(ids: &[B256]) -> MarketReader {
        let (deployment, weth) = deployment();
        // Never connected: building the reader reads nothing.
        let provider = ProviderBuilder::new()
            .connect_http("http://127.0.0.1:1".parse().unwrap())
            .erased();
        MarketReader::new(provider, &deployment, ids, Some(weth))
    }

    #[test]
    fn gas_is_valued_through_the_weth_market_of_the_same_loan_token() {
        let r = reader(&[]);
        let natives: Vec<_> = r
            .markets
            .iter()
            .map(|f| (f.market.id, f.native.clone()))
            .collect();
        assert_eq!(
            natives,
            vec![
                (
                    B256::repeat_byte(1),
                    NativePrice::Markets(vec![B256::repeat_byte(1)])
                ),
                (
                    B256::repeat_byte(2),
                    NativePrice::Markets(vec![B256::repeat_byte(1)])
                ),
                (
                    B256::repeat_byte(3),
                    NativePrice::Markets(vec![B256::repeat_byte(3)])
                ),
            ]
        );
    }

    #[test]
    fn every_weth_market_of_a_loan_token_can_value_its_gas() {
        let (mut deployment, weth) = deployment();
        let usdc = Address::repeat_byte(1);
        deployment.markets.push(market(4, weth, usdc));
        let provider = ProviderBuilder::new()
            .connect_http("http://127.0.0.1:1".parse().unwrap())
            .erased();
        let r = MarketReader::new(provider, &deployment, &[B256::repeat_byte(2)], Some(weth));
        let wbtc_usdc = r
            .markets
            .iter()
            .find(|f| f.market.id == B256::repeat_byte(2))
            .unwrap();
        assert_eq!(
            wbtc_usdc.native,
            NativePrice::Markets(vec![B256::repeat_byte(1), B256::repeat_byte(4)]),
            "one failed WETH/USDC oracle leaves the other"
        );
        let read: Vec<B256> = r.markets.iter().map(|f| f.market.id).collect();
        assert_eq!(
            read,
            vec![
                B256::repeat_byte(1),
                B256::repeat_byte(2),
                B256::repeat_byte(4)
            ]
        );
    }

    #[test]
    fn following_some_markets_still_reads_the_one_that_values_their_gas() {
        let r = reader(&[B256::repeat_byte(2)]);
        let read: Vec<B256> = r.markets.iter().map(|f| f.market.id).collect();
        assert_eq!(
            read,
            vec![B256::repeat_byte(1), B256::repeat_byte(2)],
            "WETH/USDC values WBTC/USDC's gas"
        );
        let r = reader(&[B256::repeat_byte(3)]);
        let read: Vec<B256> = r.markets.iter().map(|f| f.market.id).collect();
        assert_eq!(read, vec![B256::repeat_byte(3)]);
    }
}
