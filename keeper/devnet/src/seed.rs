//! Seeding: suppliers lend each market's loan token, then borrowers open positions at health factors spread
//! over a chosen range, some of them leveraged through the MarginRouter. Deterministic given the seed.
//!
//! Borrowers are addresses derived from the seed, sending through anvil's impersonation; tokens are minted
//! (ERC20Mock is open). Everything goes out with mining stopped and is mined in three rounds of blocks:
//! liquidity and collateral; borrows and leveraged opens; the pools arbitraged back to the feed prices
//! (the leveraged purchases moved them).

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use alloy::primitives::{Address, B256, Bytes, U256, keccak256};
use alloy::providers::DynProvider;
use cantilever_bindings::cantilever::Cantilever;
use cantilever_bindings::cantilever_lens::CantileverLens;
use cantilever_bindings::chainlink_oracle::ChainlinkOracle;
use cantilever_bindings::erc20_mock::ERC20Mock;
use cantilever_bindings::margin_router::MarginRouter;

use super::pool::from_f64;
use super::rng::SplitMix64;
use super::rpc::{self, Batch};
use super::{Devnet, DevnetError, Result};
use cantilever_primitives::deployment::MarketParams;
use cantilever_primitives::math::constants::{ORACLE_PRICE_SCALE, WAD};
use cantilever_primitives::math::{mul_div_down, w_mul_down};

/// Health-factor buckets of a [`SeedReport`]: each bucket's label and exclusive upper bound (WAD), the last
/// without bound.
pub const HEALTH_BUCKETS: [(&str, Option<u128>); 7] = [
    ("< 1.00", Some(1_000_000_000_000_000_000)),
    ("1.00-1.05", Some(1_050_000_000_000_000_000)),
    ("1.05-1.10", Some(1_100_000_000_000_000_000)),
    ("1.10-1.25", Some(1_250_000_000_000_000_000)),
    ("1.25-1.50", Some(1_500_000_000_000_000_000)),
    ("1.50-2.00", Some(2_000_000_000_000_000_000)),
    (">= 2.00", None),
];

/// The [`HEALTH_BUCKETS`] index of a health factor (WAD).
pub fn health_bucket(health_factor: U256) -> usize {
    HEALTH_BUCKETS
        .iter()
        .position(|(_, bound)| bound.is_some_and(|b| health_factor < U256::from(b)))
        .unwrap_or(HEALTH_BUCKETS.len() - 1)
}

/// Lowest health a leveraged position is opened at: the router refuses positions below 1.05 after the swap,
/// whose fee and price impact lower the health a little below the requested one.
const MIN_LEVERAGED_HEALTH: f64 = 1.08;
/// Collateral of a plain borrower, in USD (log-uniform).
const PLAIN_USD: (f64, f64) = (500.0, 250_000.0);
/// Equity of a leveraged borrower, in USD (log-uniform): small next to the pools' 60 M per side.
const LEVERAGED_USD: (f64, f64) = (500.0, 25_000.0);
/// Loan tokens supplied per unit of planned borrowing: 150%, a utilization near 67%.
const SUPPLY_PER_BORROW_PCT: u64 = 150;
/// Ether each impersonated sender gets for gas (10 ETH).
const GAS_MONEY: U256 = U256::from_limbs([10_000_000_000_000_000_000, 0, 0, 0]);
/// Gas limits: token calls, core calls, a leveraged open (two swaps' worth of callbacks).
const TOKEN_GAS: u64 = 150_000;
const CORE_GAS: u64 = 500_000;
const OPEN_GAS: u64 = 2_000_000;

/// What to seed.
#[derive(Debug, Clone, PartialEq)]
pub struct SeedOptions {
    /// Borrowers in all, spread round-robin over the markets.
    pub borrowers: usize,
    /// How many of them open through the MarginRouter (evenly spread among the borrowers).
    pub leveraged: usize,
    /// The seed: same seed, same addresses, sizes and health factors.
    pub seed: u64,
    /// Lowest target health factor (above 1).
    pub min_health: f64,
    /// Highest target health factor (leveraged positions start at 1.08 whatever `min_health`).
    pub max_health: f64,
}

impl Default for SeedOptions {
    fn default() -> Self {
        Self {
            borrowers: 240,
            leveraged: 24,
            seed: 0x00ca_171e_7e40,
            min_health: 1.02,
            max_health: 2.0,
        }
    }
}

impl SeedOptions {
    /// Refuses options that cannot be seeded (zero borrowers, an impossible health range), before anything starts.
    pub fn validate(&self) -> Result<()> {
        let bad = |why: String| Err(DevnetError::InvalidArgument(why));
        if self.borrowers == 0 {
            return bad("zero borrowers".into());
        }
        if self.leveraged > self.borrowers {
            return bad(format!(
                "{} leveraged positions out of {} borrowers",
                self.leveraged, self.borrowers
            ));
        }
        let (lo, hi) = (self.min_health, self.max_health);
        if !(lo.is_finite() && hi.is_finite() && 1.0 < lo && lo <= hi && hi <= 100.0) {
            return bad(format!(
                "health range {lo}..{hi}: need 1 < min <= max <= 100"
            ));
        }
        if self.leveraged > 0 && hi < MIN_LEVERAGED_HEALTH {
            return bad(format!(
                "leveraged positions need a max health of at least {MIN_LEVERAGED_HEALTH}, got {hi}"
            ));
        }
        Ok(())
    }
}

/// One seeded position as the lens saw it right after seeding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeededPosition {
    /// The market id.
    pub market: B256,
    /// Symbol of the collateral token.
    pub collateral_symbol: String,
    /// Symbol of the loan token.
    pub loan_symbol: String,
    /// The borrower.
    pub borrower: Address,
    /// Opened through the MarginRouter.
    pub leveraged: bool,
    /// Collateral (collateral token units).
    pub collateral: U256,
    /// Debt (loan token units, rounded up).
    pub debt: U256,
    /// Health factor (WAD) per the lens.
    pub health_factor: U256,
}

/// One market's share of the seeding.
#[derive(Debug, Clone, PartialEq)]
pub struct MarketSeed {
    /// The market id.
    pub id: B256,
    /// "WETH/USDC".
    pub label: String,
    /// Borrowers with a position here.
    pub borrowers: usize,
    /// Of which leveraged.
    pub leveraged: usize,
    /// Loan tokens supplied (loan token units).
    pub supplied: U256,
    /// Debt of its borrowers (loan token units).
    pub debt: U256,
    /// That debt in USD at the feed prices.
    pub debt_usd: f64,
}

/// What seeding did, read back from the chain through the lens.
#[derive(Debug, Clone, PartialEq)]
pub struct SeedReport {
    /// Per market, in deployment order.
    pub markets: Vec<MarketSeed>,
    /// Every position.
    pub positions: Vec<SeededPosition>,
    /// Positions per [`HEALTH_BUCKETS`] bucket.
    pub health_buckets: [usize; HEALTH_BUCKETS.len()],
    /// All debt in USD.
    pub total_debt_usd: f64,
    /// Transactions sent.
    pub transactions: usize,
    /// Blocks mined.
    pub blocks: u64,
    /// Wall-clock time of the seeding.
    pub elapsed: Duration,
}

impl SeedReport {
    /// Positions that are, or become, liquidatable when `asset`'s price alone falls by `percent`: those
    /// already below a health of 1, and those with `asset` as collateral whose health times
    /// `(100 - percent) / 100` falls below 1 (a collateral price scales the health factor linearly).
    pub fn expected_liquidatable(&self, asset: &str, percent: u32) -> usize {
        let keep = U256::from(100u32.saturating_sub(percent));
        let hundred_wad = WAD * U256::from(100u32);
        self.positions
            .iter()
            .filter(|p| {
                p.health_factor < WAD
                    || (p.collateral_symbol == asset
                        && p.health_factor.saturating_mul(keep) < hundred_wad)
            })
            .count()
    }

    /// The number of leveraged positions.
    pub fn leveraged(&self) -> usize {
        self.positions.iter().filter(|p| p.leveraged).count()
    }
}

/// A planned position.
#[derive(Debug, Clone)]
struct Plan {
    market: usize,
    borrower: Address,
    kind: Kind,
}

#[derive(Debug, Clone)]
enum Kind {
    /// Collateral supplied by the funder, then `debt` borrowed.
    Plain { collateral: U256, debt: U256 },
    /// `equity` collateral levered to `leverage` (WAD); `borrow` estimates the loan it takes.
    Leveraged {
        equity: U256,
        leverage: U256,
        borrow: U256,
    },
}

/// What planning needs to know of a market.
#[derive(Debug, Clone)]
struct MarketFacts {
    params: MarketParams,
    /// Oracle price (scale 1e36): loan units per collateral unit.
    price: U256,
    min_debt: U256,
    /// USD per smallest unit of the collateral token.
    collateral_usd: f64,
}

impl Devnet {
    /// Seeds suppliers and `options.borrowers` borrowers (see the module docs) and reports what the lens
    /// sees afterwards. Leaves the node mining as it was started.
    ///
    /// The borrowers' addresses derive from `options.seed`: seeding again with the same seed adds to the
    /// same positions (and the report then shows the sums), so use another seed for more borrowers.
    pub async fn seed(&self, options: &SeedOptions) -> Result<SeedReport> {
        options.validate()?;
        let started = Instant::now();
        let provider = self.provider();
        let answers = self.answers().await?;
        let core = Cantilever::new(self.deployment.core, &provider);
        let mut facts = Vec::new();
        for m in self.markets() {
            let price = ChainlinkOracle::new(m.params.oracle, &provider)
                .price()
                .call()
                .await
                .map_err(DevnetError::rpc(format!("{} oracle price", m.label())))?;
            let min_debt = core
                .market(m.id)
                .call()
                .await
                .map_err(DevnetError::rpc("core.market"))?
                .minDebt;
            facts.push(MarketFacts {
                params: m.params,
                price,
                min_debt: U256::from(min_debt),
                collateral_usd: self.usd_per_unit(&m.collateral, &answers)?,
            });
        }
        let plans = plan(options, &facts)?;
        let funder = derived(options.seed, "funder", 0);
        let supplier = derived(options.seed, "supplier", 0);
        let (transactions, blocks) = self
            .with_impersonation(async || {
                self.with_mining_stopped(async || {
                    self.execute(&plans, &facts, funder, supplier).await
                })
                .await
            })
            .await?;
        self.report(&plans, &facts, &answers, transactions, blocks, started)
            .await
    }

    /// Sends and mines the seeding transactions; returns how many were sent and the blocks mined.
    async fn execute(
        &self,
        plans: &[Plan],
        facts: &[MarketFacts],
        funder: Address,
        supplier: Address,
    ) -> Result<(usize, u64)> {
        let provider = self.provider();
        for account in [funder, supplier]
            .into_iter()
            .chain(plans.iter().map(|p| p.borrower))
        {
            rpc::set_balance(&provider, account, GAS_MONEY).await?;
        }

        // Round 1: liquidity, plain collateral, leveraged borrowers' setup.
        let mut batch = Batch::new(&provider);
        self.queue_liquidity(&mut batch, &provider, plans, facts, funder, supplier)
            .await?;
        self.queue_position_setup(&mut batch, &provider, plans, facts, funder)
            .await?;
        let mut sent = batch.len();
        let (_, mut blocks) = batch.mine().await?;

        // Round 2: borrows and leveraged opens.
        let mut batch = Batch::new(&provider);
        self.queue_borrows(&mut batch, &provider, plans, facts)
            .await?;
        sent += batch.len();
        blocks += batch.mine().await?.1;

        // Round 3: the leveraged purchases pushed the pools' prices up; arbitrage them back.
        let mut batch = Batch::new(&provider);
        self.queue_pool_sync(&mut batch, &self.answers().await?, None)
            .await?;
        if !batch.is_empty() {
            sent += batch.len();
            blocks += batch.mine().await?.1;
        }
        Ok((sent, blocks))
    }

    /// Round 1, per market: the supplier mints, approves and supplies the market's
    /// [`loan_supply`]; the funder mints its plain borrowers' collateral and approves the core.
    async fn queue_liquidity(
        &self,
        batch: &mut Batch,
        provider: &DynProvider,
        plans: &[Plan],
        facts: &[MarketFacts],
        funder: Address,
        supplier: Address,
    ) -> Result<()> {
        let core_address = self.deployment.core;
        let core = Cantilever::new(core_address, provider);
        for (k, f) in facts.iter().enumerate() {
            let supply = loan_supply(plans, k, f.min_debt);
            let loan = ERC20Mock::new(f.params.loan_token, provider);
            let calls = [
                (
                    "mint loan",
                    TOKEN_GAS,
                    loan.mint(supplier, supply).into_transaction_request(),
                ),
                (
                    "approve loan",
                    TOKEN_GAS,
                    loan.approve(core_address, U256::MAX)
                        .into_transaction_request(),
                ),
                (
                    "supply",
                    CORE_GAS,
                    core.supply(f.params.into(), supply, U256::ZERO, supplier, Bytes::new())
                        .into_transaction_request(),
                ),
            ];
            for (label, gas, request) in calls {
                batch
                    .send(format!("{label} #{k}"), supplier, gas, request)
                    .await?;
            }
            let token = ERC20Mock::new(f.params.collateral_token, provider);
            let calls = [
                (
                    "mint collateral",
                    token
                        .mint(funder, plain_collateral(plans, k))
                        .into_transaction_request(),
                ),
                (
                    "approve collateral",
                    token
                        .approve(core_address, U256::MAX)
                        .into_transaction_request(),
                ),
            ];
            for (label, request) in calls {
                batch.send(label, funder, TOKEN_GAS, request).await?;
            }
        }
        Ok(())
    }

    /// Round 1, per borrower: the funder supplies a plain borrower's collateral on its behalf; a
    /// leveraged borrower mints its equity, approves the MarginRouter and authorizes it on the core.
    async fn queue_position_setup(
        &self,
        batch: &mut Batch,
        provider: &DynProvider,
        plans: &[Plan],
        facts: &[MarketFacts],
        funder: Address,
    ) -> Result<()> {
        let core = Cantilever::new(self.deployment.core, provider);
        let router_address = self.periphery().margin_router;
        for p in plans {
            let f = &facts[p.market];
            match p.kind {
                Kind::Plain { collateral, .. } => {
                    let call = core.supplyCollateral(
                        f.params.into(),
                        collateral,
                        p.borrower,
                        Bytes::new(),
                    );
                    batch
                        .send(
                            "supplyCollateral",
                            funder,
                            CORE_GAS,
                            call.into_transaction_request(),
                        )
                        .await?;
                }
                Kind::Leveraged { equity, .. } => {
                    let token = ERC20Mock::new(f.params.collateral_token, provider);
                    let calls = [
                        (
                            "mint equity",
                            TOKEN_GAS,
                            token.mint(p.borrower, equity).into_transaction_request(),
                        ),
                        (
                            "approve router",
                            TOKEN_GAS,
                            token
                                .approve(router_address, U256::MAX)
                                .into_transaction_request(),
                        ),
                        (
                            "authorize router",
                            CORE_GAS,
                            core.setAuthorization(router_address, true)
                                .into_transaction_request(),
                        ),
                    ];
                    for (label, gas, request) in calls {
                        batch.send(label, p.borrower, gas, request).await?;
                    }
                }
            }
        }
        Ok(())
    }

    /// Round 2, per borrower: a plain borrower borrows its debt; a leveraged one opens through the
    /// MarginRouter.
    async fn queue_borrows(
        &self,
        batch: &mut Batch,
        provider: &DynProvider,
        plans: &[Plan],
        facts: &[MarketFacts],
    ) -> Result<()> {
        let core = Cantilever::new(self.deployment.core, provider);
        let router = MarginRouter::new(self.periphery().margin_router, provider);
        let adapter = self.periphery().adapter;
        for p in plans {
            let f = &facts[p.market];
            let (label, gas, request) = match p.kind {
                Kind::Plain { debt, .. } => {
                    let call =
                        core.borrow(f.params.into(), debt, U256::ZERO, p.borrower, p.borrower);
                    ("borrow", CORE_GAS, call.into_transaction_request())
                }
                Kind::Leveraged {
                    equity, leverage, ..
                } => {
                    // No slippage limit or deadline: the devnet's own pools, in blocks it mines itself.
                    let call = router.open(
                        f.params.into(),
                        equity,
                        leverage,
                        U256::MAX,
                        adapter,
                        Bytes::new(),
                        U256::MAX,
                    );
                    ("margin open", OPEN_GAS, call.into_transaction_request())
                }
            };
            batch.send(label, p.borrower, gas, request).await?;
        }
        Ok(())
    }

    /// Reads every seeded position back through the lens.
    async fn report(
        &self,
        plans: &[Plan],
        facts: &[MarketFacts],
        answers: &BTreeMap<String, alloy::primitives::I256>,
        transactions: usize,
        blocks: u64,
        started: Instant,
    ) -> Result<SeedReport> {
        let provider = self.provider();
        let lens = CantileverLens::new(self.deployment.lens, &provider);
        let core = Cantilever::new(self.deployment.core, &provider);
        let mut report = SeedReport {
            markets: Vec::new(),
            positions: Vec::new(),
            health_buckets: [0; HEALTH_BUCKETS.len()],
            total_debt_usd: 0.0,
            transactions,
            blocks,
            elapsed: Duration::ZERO,
        };
        for (k, (m, f)) in self.markets().iter().zip(facts).enumerate() {
            let in_market: Vec<&Plan> = plans.iter().filter(|p| p.market == k).collect();
            let borrowers: Vec<Address> = in_market.iter().map(|p| p.borrower).collect();
            let healths = lens
                .positions(lens_params(&f.params), borrowers)
                .call()
                .await
                .map_err(DevnetError::rpc("lens.positions"))?;
            let state = core
                .market(m.id)
                .call()
                .await
                .map_err(DevnetError::rpc("core.market"))?;
            let mut debt = U256::ZERO;
            for (p, h) in in_market.iter().zip(&healths) {
                debt += h.debt;
                report.health_buckets[health_bucket(h.healthFactor)] += 1;
                report.positions.push(SeededPosition {
                    market: m.id,
                    collateral_symbol: m.collateral.clone(),
                    loan_symbol: m.loan.clone(),
                    borrower: p.borrower,
                    leveraged: matches!(p.kind, Kind::Leveraged { .. }),
                    collateral: h.collateral,
                    debt: h.debt,
                    health_factor: h.healthFactor,
                });
            }
            let debt_usd = super::pool::to_f64(debt).unwrap_or(f64::INFINITY)
                * self.usd_per_unit(&m.loan, answers)?;
            report.total_debt_usd += debt_usd;
            report.markets.push(MarketSeed {
                id: m.id,
                label: m.label(),
                borrowers: in_market.len(),
                leveraged: in_market
                    .iter()
                    .filter(|p| matches!(p.kind, Kind::Leveraged { .. }))
                    .count(),
                supplied: U256::from(state.totalSupplyAssets),
                debt,
                debt_usd,
            });
        }
        report.elapsed = started.elapsed();
        Ok(report)
    }

    /// Runs `f` with anvil letting any address send (the derived borrowers), then turns that off again.
    async fn with_impersonation<T>(&self, f: impl AsyncFnOnce() -> Result<T>) -> Result<T> {
        let provider = self.provider();
        rpc::auto_impersonate(&provider, true).await?;
        let result = f().await;
        let restored = rpc::auto_impersonate(&provider, false).await;
        let value = result?;
        restored?;
        Ok(value)
    }
}

/// Plans every position: market round-robin, leveraged ones evenly spread, sizes log-uniform, target
/// health uniform over the range.
fn plan(options: &SeedOptions, facts: &[MarketFacts]) -> Result<Vec<Plan>> {
    if facts.is_empty() {
        return Err(DevnetError::Incomplete("markets".into()));
    }
    let mut rng = SplitMix64::new(options.seed);
    let (n, l) = (options.borrowers, options.leveraged);
    (0..n)
        .map(|index| {
            let market = index % facts.len();
            let f = &facts[market];
            let borrower = derived(options.seed, "borrower", index);
            // Exactly `l` of `n` indices, evenly spaced.
            let leveraged = (index * l) % n < l;
            let fail = |reason: String| DevnetError::Plan { index, reason };
            let lltv = to_unit(f.params.lltv);
            let kind = if leveraged {
                let health = rng.uniform(
                    options.min_health.max(MIN_LEVERAGED_HEALTH),
                    options.max_health,
                );
                let equity_usd = rng.log_uniform(LEVERAGED_USD.0, LEVERAGED_USD.1);
                // Leverage L has LTV (L - 1) / L, so health lltv * L / (L - 1): L = 1 / (1 - lltv / health).
                let leverage = 1.0 / (1.0 - lltv / health);
                let equity = from_f64(equity_usd / f.collateral_usd)
                    .ok_or_else(|| fail(format!("equity of ${equity_usd:.0}")))?;
                let leverage = from_f64(leverage * 1e18)
                    .ok_or_else(|| fail(format!("leverage {leverage}")))?;
                // The loan it takes at the oracle price, plus 2% for the pool's fee and impact.
                let bought =
                    mul_div_down(equity, leverage - WAD, WAD).map_err(|e| fail(e.to_string()))?;
                let borrow = mul_div_down(bought, f.price, ORACLE_PRICE_SCALE)
                    .map_err(|e| fail(e.to_string()))?
                    * U256::from(102)
                    / U256::from(100);
                if borrow < f.min_debt * U256::from(2) {
                    return Err(fail(format!(
                        "leveraged borrow {borrow} near the market's floor {}",
                        f.min_debt
                    )));
                }
                Kind::Leveraged {
                    equity,
                    leverage,
                    borrow,
                }
            } else {
                let health = rng.uniform(options.min_health, options.max_health);
                let value_usd = rng.log_uniform(PLAIN_USD.0, PLAIN_USD.1);
                let collateral = from_f64(value_usd / f.collateral_usd)
                    .ok_or_else(|| fail(format!("collateral of ${value_usd:.0}")))?;
                let max_debt = w_mul_down(
                    mul_div_down(collateral, f.price, ORACLE_PRICE_SCALE)
                        .map_err(|e| fail(e.to_string()))?,
                    f.params.lltv,
                )
                .map_err(|e| fail(e.to_string()))?;
                let health_ppm = U256::from((health * 1e6).round() as u64);
                let debt = max_debt * U256::from(1_000_000u64) / health_ppm;
                if debt < f.min_debt {
                    return Err(fail(format!(
                        "debt {debt} below the market's floor {}",
                        f.min_debt
                    )));
                }
                Kind::Plain { collateral, debt }
            };
            Ok(Plan {
                market,
                borrower,
                kind,
            })
        })
        .collect()
}

/// Loan tokens to supply to market `market`: [`SUPPLY_PER_BORROW_PCT`] of what its borrowers plan to
/// borrow, plus the market's `min_debt`.
fn loan_supply(plans: &[Plan], market: usize, min_debt: U256) -> U256 {
    let planned: U256 = plans
        .iter()
        .filter(|p| p.market == market)
        .map(|p| match p.kind {
            Kind::Plain { debt, .. } => debt,
            Kind::Leveraged { borrow, .. } => borrow,
        })
        .sum();
    planned * U256::from(SUPPLY_PER_BORROW_PCT) / U256::from(100) + min_debt
}

/// Collateral the funder supplies to market `market` for its plain borrowers (leveraged borrowers
/// bring their own equity).
fn plain_collateral(plans: &[Plan], market: usize) -> U256 {
    plans
        .iter()
        .filter(|p| p.market == market)
        .filter_map(|p| match p.kind {
            Kind::Plain { collateral, .. } => Some(collateral),
            Kind::Leveraged { .. } => None,
        })
        .sum()
}

/// A WAD as a float.
fn to_unit(wad: U256) -> f64 {
    super::pool::to_f64(wad).unwrap_or(f64::INFINITY) / 1e18
}

/// A deterministic address for `role` number `index` under `seed`.
fn derived(seed: u64, role: &str, index: usize) -> Address {
    let mut preimage = b"cantilever devnet ".to_vec();
    preimage.extend_from_slice(role.as_bytes());
    preimage.extend_from_slice(&seed.to_be_bytes());
    preimage.extend_from_slice(&(index as u64).to_be_bytes());
    Address::from_word(keccak256(preimage))
}

fn lens_params(p: &MarketParams) -> CantileverLens::MarketParams {
    CantileverLens::MarketParams {
        loanToken: p.loan_token,
        collateralToken: p.collateral_token,
        oracle: p.oracle,
        rateModel: p.rate_model,
        lltv: p.lltv,
    }
}

#[cfg(test)]
mod tests;
