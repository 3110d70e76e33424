//! Reads on a fork by executing view calls (the `eth_call` of the backtest): the core's accrued market and
//! positions, an oracle's price (a revert is the oracle refusing), a pool's reserves, token balances.

use std::sync::Arc;

use alloy::sol_types::SolCall;
use alloy_primitives::{Address, B256, Bytes, U256};
use cantilever_bindings::cantilever::Cantilever;
use cantilever_bindings::chainlink_oracle::ChainlinkOracle;
use cantilever_bindings::erc20_mock::ERC20Mock;
use cantilever_primitives::{IUniswapV2Pair, MarketParams, Position};
use cantilever_sim::{Candidate, Outcome, SharedFork, SimEnv, Simulator};

use crate::error::{BacktestError, Result};

/// View calls against one fork, in one block.
#[derive(Debug, Clone)]
pub struct Views {
    simulator: Simulator,
}

impl Views {
    /// Views over `fork` in `env`'s block, on a worker of their own.
    pub fn new(fork: Arc<SharedFork>, env: &SimEnv) -> Self {
        Self {
            simulator: Simulator::with_threads(fork, env.free_gas(), 1),
        }
    }

    /// Views over another fork on the same (single) worker.
    pub fn on(&self, fork: Arc<SharedFork>, env: &SimEnv) -> Self {
        Self {
            simulator: self.simulator.with_fork(fork, env.free_gas()),
        }
    }

    /// Executes `data` against `to`: its output, or its revert data as the error.
    pub fn call(&self, to: Address, data: Vec<u8>) -> Result<std::result::Result<Bytes, Bytes>> {
        let candidate = Candidate {
            from: Address::ZERO,
            to,
            data: data.into(),
            value: U256::ZERO,
            // Under Osaka's per-transaction cap (2^24).
            gas_limit: 16_000_000,
            gas_price: 0,
        };
        let sim = self.simulator.simulate(&candidate)?;
        Ok(match sim.outcome {
            Outcome::Success(out) => Ok(out),
            Outcome::Revert(data) => Err(data),
            Outcome::Halt(reason) => Err(Bytes::from(reason.into_bytes())),
        })
    }

    fn view<C: SolCall>(&self, to: Address, call: C, what: &str) -> Result<C::Return> {
        let out = self
            .call(to, call.abi_encode())?
            .map_err(|data| BacktestError::View {
                what: what.to_string(),
                detail: format!("reverted ({data})"),
            })?;
        C::abi_decode_returns(&out).map_err(|e| BacktestError::View {
            what: what.to_string(),
            detail: e.to_string(),
        })
    }

    /// The market's totals accrued to this block and its dust floor.
    pub fn expected_market(
        &self,
        core: Address,
        params: MarketParams,
    ) -> Result<Cantilever::Market> {
        self.view(
            core,
            Cantilever::expectedMarketCall {
                marketParams: params.into(),
            },
            "expectedMarket",
        )
    }

    /// A borrower's position.
    pub fn position(&self, core: Address, id: B256, borrower: Address) -> Result<Position> {
        let p = self.view(
            core,
            Cantilever::positionCall { id, user: borrower },
            "position",
        )?;
        Ok(Position {
            borrow_shares: p.borrowShares,
            collateral: p.collateral,
        })
    }

    /// An oracle's liquidation price (scale 1e36, the price the core liquidates at) and its deep-only flag (the
    /// sequencer's grace period), or its decoded refusal.
    pub fn oracle_price(
        &self,
        oracle: Address,
    ) -> Result<std::result::Result<(U256, bool), String>> {
        Ok(
            match self.call(oracle, ChainlinkOracle::liquidationPriceCall {}.abi_encode())? {
                Ok(out) => ChainlinkOracle::liquidationPriceCall::abi_decode_returns(&out)
                    .map(|q| (q._0, q.deepOnly))
                    .map_err(|e| format!("undecodable liquidationPrice(): {e}")),
                Err(data) => Err(
                    <ChainlinkOracle::ChainlinkOracleErrors as alloy::sol_types::SolInterface>::abi_decode(&data)
                        .map(|e| format!("{e:?}"))
                        .unwrap_or_else(|_| format!("revert data {data}")),
                ),
            },
        )
    }

    /// A pair's reserves (token0, token1).
    pub fn reserves(&self, pair: Address) -> Result<(U256, U256)> {
        let r = self.view(pair, IUniswapV2Pair::getReservesCall {}, "getReserves")?;
        Ok((U256::from(r.reserve0), U256::from(r.reserve1)))
    }

    /// `owner`'s balance of `token`.
    pub fn balance_of(&self, token: Address, owner: Address) -> Result<U256> {
        self.view(token, ERC20Mock::balanceOfCall(owner), "balanceOf")
    }

    /// `token`'s decimals.
    pub fn decimals(&self, token: Address) -> Result<u8> {
        self.view(token, ERC20Mock::decimalsCall {}, "decimals")
    }

    /// An account's ether balance.
    pub fn eth_balance(&self, account: Address) -> Result<U256> {
        use cantilever_sim::revm::DatabaseRef;
        Ok(self
            .simulator
            .fork()
            .basic_ref(account)?
            .map_or(U256::ZERO, |a| a.balance))
    }

    /// A feed's latest answer (feed decimals).
    pub fn latest_answer(&self, feed: Address) -> Result<i128> {
        let round = self.view(
            feed,
            cantilever_bindings::owner_feed::OwnerFeed::latestRoundDataCall {},
            "latestRoundData",
        )?;
        i128::try_from(round.answer).map_err(|_| BacktestError::View {
            what: "latestRoundData".into(),
            detail: format!("answer {} out of range", round.answer),
        })
    }
}
