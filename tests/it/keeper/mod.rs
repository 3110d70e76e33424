//! The keeper daemon on a seeded devnet: it liquidates what pays, skips the rest with a reason, follows
//! reorgs, survives a restart (the real `cantilever run` killed mid-step, and in-process), a crash between its
//! ledger write and its send, a rival, an RPC outage and another market's broken oracle, shows a broken oracle
//! on `/health` and in its metrics, wakes on a feed update before its next head poll, plans for a pending feed
//! write and sends once (and only if) it is mined, and never logs its key.
//! What is left at the end is judged from the chain (`keeper_harness::left`), never from the keeper's own book.

mod batch;
mod crash_before_send;
mod gas_oracle;
mod liquidates;
mod logs;
mod oracle_health;
mod oracle_trigger;
mod reorg;
mod restart;
mod rival;
mod rpc_outage;
mod shutdown_drains;
mod speculative;
mod ws_drop;

use std::time::Instant;

use cantilever_daemon::Keeper;
use cantilever_tests::keeper_harness::Recorded;

use crate::TestResult;

/// One keeper step, its events recorded.
async fn step(keeper: &mut Keeper, recorded: &mut Recorded) -> TestResult {
    let report = keeper.step().await?;
    for e in report.events {
        recorded.events.push((Instant::now(), e));
    }
    Ok(())
}
