//! The sequential profile's transaction: every order of the packed plan in one
//! `LiquidationExecutor.liquidateBatch` call, and what a simulation of that call paid for each order.
//!
//! The executor isolates each order (`try this.liquidate(..)`): an order that fails on chain (a rival went
//! first, the pool moved) is skipped with a `LiquidationSkipped` event and the others still execute. Each order
//! emits exactly one of `Liquidated` or `LiquidationSkipped`, in order, which is how [`read_batch`] matches the
//! simulation's (or a receipt's) logs to the orders.

use alloy::sol_types::{SolCall, SolEvent, SolValue};
use alloy_primitives::{Address, B256, Bytes, Log, U256};
use cantilever_primitives::executor::ILiquidationExecutor::Order;
use cantilever_primitives::executor::LiquidationExecutor::{self, Liquidated, LiquidationSkipped};

/// EIP-7825's cap on one transaction's gas limit (2^24, from Osaka on).
pub const MAX_TX_GAS: u64 = 1 << 24;

/// Most gas the orders of one batch may add up to: with the limit's headroom ([`gas_limit`]) a batch stays under
/// [`MAX_TX_GAS`]; a plan that needs more goes out as several batches, in order.
pub const MAX_BATCH_GAS: u64 = (MAX_TX_GAS - GAS_LIMIT_FLOOR) * 4 / 5;

/// Gas added to every limit above the simulated figure, besides a quarter of it.
const GAS_LIMIT_FLOOR: u64 = 20_000;

/// The gas limit to send with, for a transaction that used `gas_used` in simulation: room above it, as the state
/// may move before inclusion.
pub fn gas_limit(gas_used: u64) -> u64 {
    gas_used + gas_used / 4 + GAS_LIMIT_FLOOR
}

/// The `liquidateBatch` calldata carrying `calls` (each an executor `liquidate` call, as
/// [`crate::call::executor_call`] encodes it), in order. `None` if one of them is not a `liquidate` call.
pub fn batch_call(calls: &[&Bytes]) -> Option<Bytes> {
    let orders = calls
        .iter()
        .map(|data| {
            let c = LiquidationExecutor::liquidateCall::abi_decode(data).ok()?;
            Some(Order {
                // The executor's ABI names the file-level struct twice (the call's and the order's binding): the
                // same layout, so the same words.
                marketParams: SolValue::abi_decode(&c.marketParams.abi_encode()).ok()?,
                borrower: c.borrower,
                maxRepayAssets: c.maxRepayAssets,
                adapter: c.adapter,
                swapData: c.swapData,
                minProfit: c.minProfit,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    Some(
        LiquidationExecutor::liquidateBatchCall { orders }
            .abi_encode()
            .into(),
    )
}

/// What one order of a batch did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrderOutcome {
    /// Liquidated: the executor's `Liquidated` event.
    Liquidated {
        /// Loan assets repaid.
        repaid: U256,
        /// Collateral seized and sold.
        seized: U256,
        /// Profit paid to the owner (loan token units).
        profit: U256,
    },
    /// Skipped: the order reverted inside the batch, with this revert data.
    Skipped(Bytes),
}

/// Each order's outcome, read from the logs `executor` emitted in a batch transaction (a simulation's or a
/// receipt's), for `orders` = `(market id, borrower)` in batch order. `None` when the logs do not match the
/// orders one for one (not this batch's logs).
pub fn read_batch<'a>(
    logs: impl IntoIterator<Item = &'a Log>,
    executor: Address,
    orders: &[(B256, Address)],
) -> Option<Vec<OrderOutcome>> {
    let mut out = Vec::with_capacity(orders.len());
    for log in logs.into_iter().filter(|l| l.address == executor) {
        let (id, borrower, outcome) = if let Ok(l) = Liquidated::decode_log(log) {
            (
                l.data.id,
                l.data.borrower,
                OrderOutcome::Liquidated {
                    repaid: l.data.repaidAssets,
                    seized: l.data.seizedAssets,
                    profit: l.data.profit,
                },
            )
        } else if let Ok(l) = LiquidationSkipped::decode_log(log) {
            (
                l.data.id,
                l.data.borrower,
                OrderOutcome::Skipped(l.data.reason.clone()),
            )
        } else {
            continue;
        };
        let expected = orders.get(out.len())?;
        if *expected != (id, borrower) {
            return None;
        }
        out.push(outcome);
    }
    (out.len() == orders.len()).then_some(out)
}

#[cfg(test)]
mod tests {
    use alloy::sol_types::SolEvent;
    use alloy_primitives::LogData;

    use super::*;

    fn log(executor: Address, data: LogData) -> Log {
        Log {
            address: executor,
            data,
        }
    }

    #[test]
    fn reads_each_order_in_order_and_refuses_a_mismatch() {
        let executor = Address::repeat_byte(0xe);
        let (m, a, b) = (
            B256::repeat_byte(1),
            Address::repeat_byte(0xa),
            Address::repeat_byte(0xb),
        );
        let liquidated = Liquidated {
            id: m,
            borrower: a,
            repaidAssets: U256::from(10),
            seizedAssets: U256::from(11),
            profit: U256::from(3),
        };
        let skipped = LiquidationSkipped {
            id: m,
            borrower: b,
            reason: Bytes::from_static(&[1, 2]),
        };
        let logs = vec![
            log(executor, liquidated.encode_log_data()),
            // Another contract's log in between is ignored.
            log(Address::repeat_byte(0xf), liquidated.encode_log_data()),
            log(executor, skipped.encode_log_data()),
        ];
        let read = read_batch(&logs, executor, &[(m, a), (m, b)]).unwrap();
        assert_eq!(
            read,
            vec![
                OrderOutcome::Liquidated {
                    repaid: U256::from(10),
                    seized: U256::from(11),
                    profit: U256::from(3)
                },
                OrderOutcome::Skipped(Bytes::from_static(&[1, 2])),
            ]
        );
        assert!(read_batch(&logs, executor, &[(m, b), (m, a)]).is_none());
        assert!(read_batch(&logs, executor, &[(m, a)]).is_none());
    }
}
