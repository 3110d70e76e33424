//! What the strategy hands to the executor: one liquidation chance, ready to sign.

use alloy::primitives::{Address, B256, Bytes, U256};

/// Identifies a liquidation chance. The strategy derives it from the market, the borrower and the position's
/// state, so the same chance seen twice has the same id and the executor sends it at most once.
pub type OpportunityId = B256;

/// One transaction the strategy wants sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opportunity {
    /// Deduplication key, see [`OpportunityId`]. For a transaction carrying several opportunities (a batch), a
    /// key of its own ([`batch_id`]) and the opportunities in `orders`.
    pub id: OpportunityId,
    /// The opportunities a batch transaction carries (empty for a transaction of one): each is withheld as a
    /// duplicate while the batch's ledger entry stands.
    pub orders: Vec<OpportunityId>,
    /// Whether to run an `eth_estimateGas` pre-flight before signing (a revert stops the send). Transactions
    /// the caller simulated itself, with their gas limit from that simulation, skip it.
    pub preflight: bool,
    /// The contract called (normally the `LiquidationExecutor`).
    pub to: Address,
    /// The calldata.
    pub input: Bytes,
    /// Gas limit of the transaction; the pre-flight estimate must fit in it.
    pub gas_limit: u64,
    /// The most the keeper may spend on gas for this opportunity, in wei: the expected profit converted to
    /// wei, after the strategy's safety buffer. `gas_limit x maxFeePerGas` never exceeds it, so no fee or
    /// bump can turn the liquidation into a loss.
    pub fee_budget_wei: U256,
    /// A short human label for logs (for example `"market 3 / 0xab..cd"`).
    pub label: String,
}

/// The key of a transaction carrying the opportunities `orders` in this order: the opportunity itself for one,
/// the hash of the ids for several.
pub fn batch_id(orders: &[OpportunityId]) -> OpportunityId {
    match orders {
        [one] => *one,
        _ => alloy::primitives::keccak256(orders.iter().flat_map(|o| o.0).collect::<Vec<u8>>()),
    }
}
