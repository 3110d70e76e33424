//! How independent the devnet crash's liquidations are on a parallel EVM, in one run: the same devnet crash
//! (240 borrowers, WETH -30% and WBTC -15% over six blocks) liquidated with the sequential profile (one
//! sender and one executor for every market: a singleton's shared balances) and with the parallel profile
//! (one lane per market, each a sender with its own executor, over per-market custody). For each it prints
//! the pairwise conflict rate between liquidations in different markets, from sim's read/write sets, and for
//! the busiest plan the critical path and the bound it puts on a parallel executor's speedup (total gas over
//! critical-path gas).
//!
//! `cargo run --release -p cantilever --example parallel_conflicts`

use cantilever::devnet::{DevnetOutcome, devnet};
use cantilever::{DevnetArgs, DevnetProfile};

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error + Send + Sync>>;

async fn run(profile: DevnetProfile) -> Result<DevnetOutcome> {
    let args = DevnetArgs {
        borrowers: 240,
        crash: 30,
        seed: 7,
        keep_running: false,
        json: true,
        profile,
    };
    devnet(&args).await
}

fn row(name: &str, o: &DevnetOutcome) -> String {
    let c = o.cross_market;
    let rate = if c.pairs == 0 {
        "n/a".to_string()
    } else {
        format!("{:.1}%", 100.0 * c.conflicting as f64 / c.pairs as f64)
    };
    let (n, total, critical) = o.busiest.unwrap_or_default();
    let bound = if critical == 0 {
        "n/a".to_string()
    } else {
        format!("{:.2}x", total as f64 / critical as f64)
    };
    let (sent, included, reverted) = o.totals;
    format!(
        "{name:<11} {:>6} of {:<6} {rate:>7}   {n:>4} txs {total:>10} gas  critical path {critical:>9} gas  speedup ≤ {bound:>6}   {included}/{sent} included, {reverted} reverted, verdict {}",
        c.conflicting,
        c.pairs,
        if o.passed { "PASS" } else { "FAIL" }
    )
}

#[tokio::main(flavor = "multi_thread")]
async fn main() -> Result {
    let sequential = run(DevnetProfile::Sequential).await?;
    let parallel = run(DevnetProfile::Parallel).await?;
    println!("\nprofile     cross-market conflicting pairs   busiest plan");
    println!("{}", row("sequential", &sequential));
    println!("{}", row("parallel", &parallel));
    Ok(())
}
