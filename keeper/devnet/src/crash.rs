//! Price moves: feed answers written by their owner ([`DEPLOYER`]), crashes in steps of one block each,
//! the Uniswap pairs arbitraged to follow, and time travel.

use std::collections::{BTreeMap, BTreeSet};

use alloy::primitives::{I256, U256};
use alloy::rpc::types::TransactionRequest;
use cantilever_bindings::erc20_mock::ERC20Mock;
use cantilever_bindings::owner_feed::OwnerFeed;
use cantilever_primitives::IUniswapV2Router02;

use super::pool::{IUniswapV2Pair, arbitrage};
use super::rpc::{self, Batch};
use super::{DEPLOYER, Devnet, DevnetError, Result};

/// Gas limit of a feed update, a mint, an approval or a router swap.
const PRICE_TX_GAS: u64 = 300_000;

/// Fee caps of price-moving transactions (wei per gas): far above what a keeper usually bids, so anvil, which
/// orders a block's transactions by fee, puts the feed update and the pools' arbitrage first and each pool lands
/// on the new price exactly. Only precision depends on it, not success: the arbitrage is one exact-input
/// swap (see [`Devnet::queue_pool_sync`]), which another swap earlier in the block cannot make revert; it then
/// leaves the pool off the target by that other swap's own price impact, as a real arbitrageur that sized
/// its trade a moment before would.
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

    /// Queues, for each pair (of a market holding `only`, or all), the arbitrage that brings it to the price
    /// `answers` imply: the input token minted to [`DEPLOYER`], then sold through Uniswap's Router02 with an
    /// exact input. Returns the number of swaps.
    ///
    /// Why the router and not a mint into the pair followed by `pair.swap`: those were two transactions, the
    /// output fixed from reserves read before the block. A keeper's swap through the same pair in the same
    /// block (its liquidations sell collateral there) either took the minted input as its own (between the
    /// two) or moved the reserves (before both), and the devnet's swap reverted (`UniswapV2: K`), failing the
    /// whole price move. The router moves the input into the pair and swaps in one transaction, computing the
    /// output from the reserves it finds, so nothing another sender does in the block can make it revert.
    pub(crate) async fn queue_pool_sync(
        &self,
        batch: &mut Batch,
        answers: &BTreeMap<String, I256>,
        only: Option<&str>,
    ) -> Result<usize> {
        let provider = self.provider();
        let router = IUniswapV2Router02::new(self.periphery.uniswap_router, &provider);
        // Tokens whose approval of the router is queued in this batch (two pairs may sell the same token).
        let mut approved = BTreeSet::new();
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
            let (symbol_in, symbol_out) = if swap.zero_for_one {
                (symbol0, symbol1)
            } else {
                (symbol1, symbol0)
            };
            let token_in = ERC20Mock::new(self.asset(symbol_in)?.token, &provider);
            let token_out = self.asset(symbol_out)?.token;
            batch
                .send(
                    format!("{symbol_in} mint for the {} arbitrage", market.label()),
                    DEPLOYER,
                    PRICE_TX_GAS,
                    urgent(
                        token_in
                            .mint(DEPLOYER, swap.amount_in)
                            .into_transaction_request(),
                    ),
                )
                .await?;
            let allowance = token_in
                .allowance(DEPLOYER, *router.address())
                .call()
                .await
                .map_err(DevnetError::rpc(format!("{symbol_in} allowance")))?;
            if allowance < swap.amount_in && approved.insert(*token_in.address()) {
                batch
                    .send(
                        format!("{symbol_in} approve the Uniswap router"),
                        DEPLOYER,
                        PRICE_TX_GAS,
                        urgent(
                            token_in
                                .approve(*router.address(), U256::MAX)
                                .into_transaction_request(),
                        ),
                    )
                    .await?;
            }
            // No minimum output: the swap is there to move the price, whatever it pays. No deadline either.
            let call = router.swapExactTokensForTokens(
                swap.amount_in,
                U256::ZERO,
                vec![*token_in.address(), token_out],
                DEPLOYER,
                U256::MAX,
            );
            batch
                .send(
                    format!("{} pool arbitrage", market.label()),
                    DEPLOYER,
                    PRICE_TX_GAS,
                    urgent(call.into_transaction_request()),
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
