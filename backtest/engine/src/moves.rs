//! How a step moves the market on the fork, as storage writes (no transaction, so nothing pays gas or needs
//! a key, and a real node replays them exactly with `anvil_setStorageAt`): a feed's new round, and a Uniswap v2
//! pair's reserves and balances moved toward the oracle price.
//!
//! The layouts are the devnet's contracts': `OwnerFeed` (slot 1 packs `owner` and `latestRoundId`, slot 2 maps
//! round ids to one packed `Round` slot), Uniswap v2's pair (slot 8 packs the reserves and the last
//! timestamp) and `ERC20Mock` (`balanceOf` at slot 3). Checked against the contracts' own views in the
//! engine's tests.

use alloy_primitives::{Address, U256, keccak256};
use cantilever_sim::StateKey;

use crate::error::{BacktestError, Result};
use crate::state::WorldState;

/// `OwnerFeed`'s slot holding `owner` (low 160 bits) and `latestRoundId` (the next 80).
const FEED_ROUND_ID_SLOT: u64 = 1;
/// `OwnerFeed`'s `_rounds` mapping.
const FEED_ROUNDS_SLOT: u64 = 2;
/// Uniswap v2 pair: `reserve0 | reserve1 << 112 | blockTimestampLast << 224`.
const PAIR_RESERVES_SLOT: u64 = 8;
/// `ERC20Mock.balanceOf`.
const TOKEN_BALANCES_SLOT: u64 = 3;

/// A storage write.
pub type Write = (StateKey, U256);

/// The slot of `mapping[key]` for a mapping at `slot` (Solidity's layout).
fn mapping_slot(key: U256, slot: u64) -> U256 {
    let mut buf = [0u8; 64];
    buf[..32].copy_from_slice(&key.to_be_bytes::<32>());
    buf[32..].copy_from_slice(&U256::from(slot).to_be_bytes::<32>());
    U256::from_be_bytes(keccak256(buf).0)
}

fn storage(address: Address, slot: U256) -> StateKey {
    StateKey::Storage { address, slot }
}

/// A new round on `feed` answering `answer` (feed decimals) at `timestamp`: the writes, as `setAnswer` would
/// leave the feed.
pub fn feed_answer(
    state: &WorldState,
    feed: Address,
    answer: i128,
    timestamp: u64,
) -> Result<[Write; 2]> {
    if answer <= 0 {
        return Err(BacktestError::Input(format!(
            "feed {feed}: answer {answer} is not positive"
        )));
    }
    let packed = state.storage(feed, U256::from(FEED_ROUND_ID_SLOT))?;
    let owner_mask: U256 = (U256::from(1) << 160) - U256::from(1);
    let round_mask: U256 = (U256::from(1) << 80) - U256::from(1);
    let round = ((packed >> 160) & round_mask) + U256::from(1);
    let above: U256 = !((round_mask << 160usize) | owner_mask);
    let new_packed = (packed & owner_mask) | (round << 160usize) | (packed & above);
    let when = U256::from(timestamp);
    let slot_value = U256::from(answer as u128) | (when << 128) | (when << 192);
    Ok([
        (storage(feed, U256::from(FEED_ROUND_ID_SLOT)), new_packed),
        (
            storage(feed, mapping_slot(round, FEED_ROUNDS_SLOT)),
            slot_value,
        ),
    ])
}

/// A pool and its tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pool {
    /// The pair.
    pub pair: Address,
    /// Its token0 and token1 (token0 < token1).
    pub tokens: [Address; 2],
}

/// The pool's reserves moved part of the way toward `target` (token1 units per token0 unit), keeping their
/// product: `efficiency` of the distance in log-price (1: all the way, as a perfect arbitrageur would). The
/// pair's token balances follow the reserves.
pub fn pool_toward(
    pool: Pool,
    reserves: (U256, U256),
    target: f64,
    efficiency: f64,
    timestamp: u64,
) -> Option<[Write; 3]> {
    let (r0, r1) = (f64::from(reserves.0), f64::from(reserves.1));
    if !(r0 > 0.0 && r1 > 0.0 && target.is_finite() && target > 0.0) {
        return None;
    }
    let now = r1 / r0;
    let price = now * (target / now).powf(efficiency);
    let k = r0 * r1;
    let new0 = U256::from((k / price).sqrt().floor() as u128);
    let new1 = U256::from((k * price).sqrt().floor() as u128);
    let max112 = (U256::from(1) << 112) - U256::from(1);
    if new0.is_zero() || new1.is_zero() || new0 > max112 || new1 > max112 {
        return None;
    }
    let packed = new0 | (new1 << 112) | (U256::from(timestamp & 0xffff_ffff) << 224);
    Some([
        (storage(pool.pair, U256::from(PAIR_RESERVES_SLOT)), packed),
        (
            storage(
                pool.tokens[0],
                mapping_slot(
                    U256::from_be_slice(pool.pair.as_slice()),
                    TOKEN_BALANCES_SLOT,
                ),
            ),
            new0,
        ),
        (
            storage(
                pool.tokens[1],
                mapping_slot(
                    U256::from_be_slice(pool.pair.as_slice()),
                    TOKEN_BALANCES_SLOT,
                ),
            ),
            new1,
        ),
    ])
}

/// A pair's reserves as its storage holds them.
pub fn reserves_of(state: &WorldState, pair: Address) -> Result<(U256, U256)> {
    let packed = state.storage(pair, U256::from(PAIR_RESERVES_SLOT))?;
    let mask = (U256::from(1) << 112) - U256::from(1);
    Ok((packed & mask, (packed >> 112) & mask))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_perfect_arbitrage_lands_on_the_target_and_keeps_k() {
        let pool = Pool {
            pair: Address::repeat_byte(1),
            tokens: [Address::repeat_byte(2), Address::repeat_byte(3)],
        };
        let writes = pool_toward(
            pool,
            (U256::from(1_000_000u64), U256::from(2_000_000_000u64)),
            1000.0,
            1.0,
            5,
        )
        .unwrap();
        let packed = writes[0].1;
        let mask = (U256::from(1) << 112) - U256::from(1);
        let (r0, r1) = (f64::from(packed & mask), f64::from((packed >> 112) & mask));
        assert!((r1 / r0 - 1000.0).abs() < 0.01, "{}", r1 / r0);
        assert!(((r0 * r1) / 2e15 - 1.0).abs() < 1e-6);
        let half = pool_toward(
            pool,
            (U256::from(1_000_000u64), U256::from(2_000_000_000u64)),
            1000.0,
            0.5,
            5,
        )
        .unwrap();
        let (h0, h1) = (
            f64::from(half[0].1 & mask),
            f64::from((half[0].1 >> 112) & mask),
        );
        assert!(
            (h1 / h0 - (2000.0f64 * 1000.0).sqrt()).abs() < 0.1,
            "half way in log price"
        );
    }
}
