//! Price moves: feed answers written by their owner ([`DEPLOYER`]), crashes in steps of one block each,
//! the Uniswap pairs arbitraged to follow, and time travel.

use std::collections::BTreeMap;

use alloy::primitives::{Bytes, I256, U256};
use alloy::rpc::types::TransactionRequest;
use cantilever_bindings::erc20_mock::ERC20Mock;
use cantilever_bindings::owner_feed::OwnerFeed;

use super::pool::{IUniswapV2Pair, arbitrage};
use super::rpc::{self, Batch};
use super::{DEPLOYER, Devnet, DevnetError, Result};

/// Gas limit of a feed update, a mint or a pair swap.
const PRICE_TX_GAS: u64 = 300_000;

/// Fee caps of price-moving transactions (wei per gas): far above anything a keeper bids, so anvil, which
/// orders a block's transactions by fee, puts the feed update and each pool's mint-then-swap first. Why:
/// another sender's swap through the pair between the mint and the swap would absorb the minted input, and
/// the devnet's swap would then revert for want of input.
const URGENT_MAX_FEE: u128 = 1_000_000_000_000;
const URGENT_TIP: u128 = 100_000_000_000;

/// `request` with the urgent fee caps.
fn urgent(mut request: TransactionRequest) -> TransactionRequest {
    request.max_fee_per_gas = Some(URGENT_MAX_FEE);
    request.max_priority_fee_per_gas = Some(URGENT_TIP);
    request
}

impl Devnet {
    /// The latest answer of `asset`'s USD feed (feed decimals, 8 on the devnet).
    pub async fn price(&self, asset: &str) -> Result<I256> {
        let feed = self.asset(asset)?.feed;
        let round = OwnerFeed::new(feed, self.provider())
            .latestRoundData()
            .call()
            .await
            .map_err(DevnetError::rpc(format!("{asset} feed latestRoundData")))?;
        Ok(round.answer)
    }

    /// Writes `answer` (feed decimals) to `asset`'s feed, in one block; with `pools_follow_prices` the
    /// pairs holding the asset are arbitraged to the new price in the same block.
    pub async fn set_price(&self, asset: &str, answer: I256) -> Result<()> {
        self.set_prices(&[(asset, answer)]).await
    }

    /// Writes several feeds in one block (a market-wide move: no block sees one asset moved and not the
    /// other); with `pools_follow_prices` every pair is arbitraged to the new prices in the same block.
    pub async fn set_prices(&self, moves: &[(&str, I256)]) -> Result<()> {
        if let Some((asset, answer)) = moves.iter().find(|(_, a)| *a <= I256::ZERO) {
            return Err(DevnetError::InvalidArgument(format!(
                "{asset} price {answer}: must be positive"
            )));
        }
        let mut answers = self.answers().await?;
        for (asset, answer) in moves {
            self.asset(asset)?;
            answers.insert((*asset).to_owned(), *answer);
        }
        let only = match moves {
            [(asset, _)] => Some(*asset),
            _ => None,
        };
        self.with_mining_stopped(async || {
            let mut batch = Batch::new(&self.provider());
            for (asset, answer) in moves {
                self.queue_answer(&mut batch, asset, *answer).await?;
            }
            if self.pools_follow_prices {
                self.queue_pool_sync(&mut batch, &answers, only).await?;
            }
            batch.mine().await.map(drop)
        })
        .await
    }

    /// Lowers `asset`'s price by `percent` (1 to 99) in `steps` equal steps, one block each.
    pub async fn crash(&self, asset: &str, percent: u32, steps: u32) -> Result<()> {
        if !(1..=99).contains(&percent) || steps == 0 {
            return Err(DevnetError::InvalidArgument(format!(
                "crash of {percent}% in {steps} steps: the percentage must be 1 to 99, the steps at least 1"
            )));
        }
        let start = self.price(asset).await?;
        let whole = I256::try_from(100 * u64::from(steps))
            .map_err(|e| DevnetError::InvalidArgument(e.to_string()))?;
        for step in 1..=steps {
            let remaining =
                I256::try_from(100 * u64::from(steps) - u64::from(percent) * u64::from(step))
                    .map_err(|e| DevnetError::InvalidArgument(e.to_string()))?;
            let answer = start.checked_mul(remaining).ok_or_else(|| {
                DevnetError::InvalidArgument(format!("{asset} price {start} overflows"))
            })? / whole;
            self.set_price(asset, answer).await?;
        }
        Ok(())
    }

    /// Moves the clock `seconds` forward and mines a block at the new time (interest accrues; feeds older
    /// than their heartbeat of one day make the oracles revert until [`Devnet::refresh_feeds`]).
    pub async fn advance_time(&self, seconds: u64) -> Result<()> {
        let provider = self.provider();
        rpc::increase_time(&provider, seconds).await?;
        rpc::mine(&provider).await
    }

    /// Writes every feed's latest answer again, timestamped now, in one block.
    pub async fn refresh_feeds(&self) -> Result<()> {
        let answers = self.answers().await?;
        self.with_mining_stopped(async || {
            let mut batch = Batch::new(&self.provider());
            for (symbol, &answer) in &answers {
                self.queue_answer(&mut batch, symbol, answer).await?;
            }
            batch.mine().await.map(drop)
        })
        .await
    }

    /// Arbitrages every pair to the feeds' current prices, in one block; returns the swaps made.
    pub async fn sync_pools(&self) -> Result<usize> {
        let answers = self.answers().await?;
        self.with_mining_stopped(async || {
            let mut batch = Batch::new(&self.provider());
            let swaps = self.queue_pool_sync(&mut batch, &answers, None).await?;
            if !batch.is_empty() {
                batch.mine().await?;
            }
            Ok(swaps)
        })
        .await
    }

    /// Every feed's latest answer, by symbol.
    pub(crate) async fn answers(&self) -> Result<BTreeMap<String, I256>> {
        let mut answers = BTreeMap::new();
        for asset in self.assets() {
            answers.insert(asset.symbol.clone(), self.price(&asset.symbol).await?);
        }
        Ok(answers)
    }

    /// Runs `f` with mining stopped (transactions wait for explicit blocks), then restores the mining mode
    /// anvil was started with, whatever `f` returned.
    pub(crate) async fn with_mining_stopped<T>(
        &self,
        f: impl AsyncFnOnce() -> Result<T>,
    ) -> Result<T> {
        let provider = self.provider();
        let block_time = self.anvil.block_time();
        rpc::stop_mining(&provider, block_time).await?;
        let result = f().await;
        let resumed = rpc::resume_mining(&provider, block_time).await;
        let value = result?;
        resumed?;
        Ok(value)
    }

    async fn queue_answer(&self, batch: &mut Batch, asset: &str, answer: I256) -> Result<()> {
        let feed = OwnerFeed::new(self.asset(asset)?.feed, self.provider());
        batch
            .send(
                format!("{asset} feed setAnswer({answer})"),
                DEPLOYER,
                PRICE_TX_GAS,
                urgent(feed.setAnswer(answer).into_transaction_request()),
            )
            .await
            .map(drop)
    }

    /// Queues, for each pair (of a market holding `only`, or all), a mint of the input token into the pair
    /// and the swap that brings it to the price `answers` imply. Returns the number of swaps.
    pub(crate) async fn queue_pool_sync(
        &self,
        batch: &mut Batch,
        answers: &BTreeMap<String, I256>,
        only: Option<&str>,
    ) -> Result<usize> {
        let provider = self.provider();
        let mut swaps = 0;
        for market in self.markets() {
            if only.is_some_and(|asset| asset != market.collateral && asset != market.loan) {
                continue;
            }
            let pair = IUniswapV2Pair::new(market.pool, &provider);
            let token0 = pair
                .token0()
                .call()
                .await
                .map_err(DevnetError::rpc("pair token0"))?;
            let reserves = pair
                .getReserves()
                .call()
                .await
                .map_err(DevnetError::rpc("pair getReserves"))?;
            let (symbol0, symbol1) = if token0 == self.asset(&market.collateral)?.token {
                (&market.collateral, &market.loan)
            } else {
                (&market.loan, &market.collateral)
            };
            let target = self.raw_price(symbol0, symbol1, answers)?;
            let Some(swap) = arbitrage(
                U256::from(reserves.reserve0),
                U256::from(reserves.reserve1),
                target,
            ) else {
                continue;
            };
            let token_in = if swap.zero_for_one { symbol0 } else { symbol1 };
            let (out0, out1) = if swap.zero_for_one {
                (U256::ZERO, swap.amount_out)
            } else {
                (swap.amount_out, U256::ZERO)
            };
            let mint = urgent(
                ERC20Mock::new(self.asset(token_in)?.token, &provider)
                    .mint(market.pool, swap.amount_in)
                    .into_transaction_request(),
            );
            batch
                .send(
                    format!("{token_in} mint into pool"),
                    DEPLOYER,
                    PRICE_TX_GAS,
                    mint,
                )
                .await?;
            let call = urgent(
                pair.swap(out0, out1, DEPLOYER, Bytes::new())
                    .into_transaction_request(),
            );
            batch
                .send(
                    format!("{} pool swap", market.label()),
                    DEPLOYER,
                    PRICE_TX_GAS,
                    call,
                )
                .await?;
            swaps += 1;
        }
        Ok(swaps)
    }

    /// The price of one smallest unit of `base` in smallest units of `quote`, from USD feed answers.
    pub(crate) fn raw_price(
        &self,
        base: &str,
        quote: &str,
        answers: &BTreeMap<String, I256>,
    ) -> Result<f64> {
        Ok(self.usd_per_unit(base, answers)? / self.usd_per_unit(quote, answers)?)
    }

    /// USD value of one smallest unit of `asset` at the answers given.
    pub(crate) fn usd_per_unit(
        &self,
        asset: &str,
        answers: &BTreeMap<String, I256>,
    ) -> Result<f64> {
        let a = self.asset(asset)?;
        let answer = answers
            .get(asset)
            .and_then(|x| i128::try_from(*x).ok())
            .filter(|x| *x > 0)
            .ok_or_else(|| DevnetError::Incomplete(format!("a positive price for {asset}")))?;
        Ok(answer as f64
            / 10f64.powi(i32::from(a.feed_decimals))
            / 10f64.powi(i32::from(a.decimals)))
    }
}
