//! EIP-1559 fee arithmetic: the first submission's fees and same-nonce bumps. Pure functions, so the two
//! promises (a bump satisfies the node's replacement rule; `gas_limit x maxFee` never exceeds the fee budget)
//! are tested exhaustively here rather than on a chain.

use alloy::primitives::U256;

/// The two EIP-1559 fee fields of a transaction, in wei per gas.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fees {
    /// `maxFeePerGas`.
    pub max_fee_per_gas: u128,
    /// `maxPriorityFeePerGas`.
    pub max_priority_fee_per_gas: u128,
}

/// Why fees could not be set within the limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeeLimit {
    /// `gas_limit x maxFee` would exceed the fee budget; `needed` is the smallest total the rule allows.
    OverBudget {
        /// `gas_limit x` the lowest acceptable `maxFeePerGas`, in wei.
        needed: U256,
        /// The opportunity's fee budget, in wei.
        budget: U256,
    },
    /// The priority fee would exceed the configured cap.
    PriorityCap {
        /// The lowest acceptable priority fee.
        needed: u128,
        /// The cap.
        cap: u128,
    },
}

impl std::fmt::Display for FeeLimit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::OverBudget { needed, budget } => {
                write!(
                    f,
                    "needs {needed} wei of gas, over the budget of {budget} wei"
                )
            }
            Self::PriorityCap { needed, cap } => {
                write!(
                    f,
                    "needs a priority fee of {needed} wei, over the cap of {cap} wei"
                )
            }
        }
    }
}

/// `gas_limit x max_fee_per_gas`: the most a transaction can cost in gas, in wei.
pub fn max_cost(gas_limit: u64, max_fee_per_gas: u128) -> U256 {
    U256::from(gas_limit) * U256::from(max_fee_per_gas)
}

/// The largest `maxFeePerGas` whose worst-case cost fits in the budget (saturating at `u128::MAX`).
fn affordable_max_fee(gas_limit: u64, budget: U256) -> u128 {
    if gas_limit == 0 {
        return u128::MAX;
    }
    u128::try_from(budget / U256::from(gas_limit)).unwrap_or(u128::MAX)
}

/// Fees of a first submission: tip `priority` (capped by `cap`), `maxFee = 2 x base_fee + tip` so the
/// transaction stays valid through several full blocks, lowered to what the budget affords. Refused if even
/// `base_fee + tip` (what the next block needs) is over the budget.
pub fn initial_fees(
    base_fee: u128,
    priority: u128,
    cap: Option<u128>,
    gas_limit: u64,
    budget: U256,
) -> Result<Fees, FeeLimit> {
    let tip = cap.map_or(priority, |cap| priority.min(cap));
    let floor = base_fee.saturating_add(tip);
    let desired = base_fee.saturating_mul(2).saturating_add(tip);
    let max_fee = desired.min(affordable_max_fee(gas_limit, budget));
    if max_fee < floor {
        return Err(FeeLimit::OverBudget {
            needed: max_cost(gas_limit, floor),
            budget,
        });
    }
    Ok(Fees {
        max_fee_per_gas: max_fee,
        max_priority_fee_per_gas: tip,
    })
}

/// `value` raised by `percent`, rounded up, and by at least 1 wei: nodes require the replacement's fees to
/// be strictly above the old ones and at least `old x (100 + percent) / 100`.
pub fn raise(value: u128, percent: u32) -> Option<u128> {
    let scaled = U256::from(value) * U256::from(100 + u64::from(percent));
    let raised = scaled.div_ceil(U256::from(100));
    let raised = u128::try_from(raised).ok()?;
    Some(raised.max(value.checked_add(1)?))
}

/// Fees of a replacement for a transaction sent with `old`: both fields raised by at least `percent`, the
/// max fee also lifted to `2 x base_fee + tip` when the base fee has risen, then lowered to what the budget
/// affords. Refused when the replacement rule and the budget (or the tip cap) cannot both hold.
pub fn bump_fees(
    old: Fees,
    base_fee: u128,
    percent: u32,
    cap: Option<u128>,
    gas_limit: u64,
    budget: U256,
) -> Result<Fees, FeeLimit> {
    let over = |needed: U256| FeeLimit::OverBudget { needed, budget };
    let Some(tip) = raise(old.max_priority_fee_per_gas, percent) else {
        return Err(over(U256::MAX));
    };
    if let Some(cap) = cap
        && tip > cap
    {
        return Err(FeeLimit::PriorityCap { needed: tip, cap });
    }
    let Some(min_max_fee) = raise(old.max_fee_per_gas, percent) else {
        return Err(over(U256::MAX));
    };
    // The replacement must also be valid on its own: maxFee >= tip.
    let min_max_fee = min_max_fee.max(tip);
    let desired = base_fee
        .saturating_mul(2)
        .saturating_add(tip)
        .max(min_max_fee);
    let max_fee = desired.min(affordable_max_fee(gas_limit, budget));
    if max_fee < min_max_fee {
        return Err(over(max_cost(gas_limit, min_max_fee)));
    }
    Ok(Fees {
        max_fee_per_gas: max_fee,
        max_priority_fee_per_gas: tip,
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    const GWEI: u128 = 1_000_000_000;

    #[test]
    fn initial_is_twice_base_plus_tip() {
        let fees = initial_fees(10 * GWEI, 2 * GWEI, None, 100_000, U256::MAX).unwrap();
        assert_eq!(
            fees,
            Fees {
                max_fee_per_gas: 22 * GWEI,
                max_priority_fee_per_gas: 2 * GWEI
            }
        );
        let capped = initial_fees(10 * GWEI, 2 * GWEI, Some(GWEI), 100_000, U256::MAX).unwrap();
        assert_eq!(capped.max_priority_fee_per_gas, GWEI);
    }

    #[test]
    fn initial_lowered_to_budget_or_refused() {
        // 2 x 10 + 2 = 22 gwei desired; the budget affords 15 gwei, above the 12 gwei the next block needs.
        let budget = U256::from(15 * GWEI * 100_000);
        let fees = initial_fees(10 * GWEI, 2 * GWEI, None, 100_000, budget).unwrap();
        assert_eq!(fees.max_fee_per_gas, 15 * GWEI);
        let poor = U256::from(11 * GWEI * 100_000);
        assert_eq!(
            initial_fees(10 * GWEI, 2 * GWEI, None, 100_000, poor),
            Err(FeeLimit::OverBudget {
                needed: U256::from(12 * GWEI * 100_000),
                budget: poor
            })
        );
    }

    #[test]
    fn raise_rounds_up_and_moves() {
        assert_eq!(raise(100, 13), Some(113));
        assert_eq!(raise(7, 10), Some(8)); // 7.7 rounds up
        assert_eq!(raise(0, 13), Some(1)); // strictly above the old value
        assert_eq!(raise(u128::MAX, 10), None);
    }

    #[test]
    fn bump_follows_base_fee_and_stops_at_budget() {
        let old = Fees {
            max_fee_per_gas: 22 * GWEI,
            max_priority_fee_per_gas: 2 * GWEI,
        };
        let gas = 100_000;
        // Base fee unchanged: +13% on both.
        let same = bump_fees(old, 10 * GWEI, 13, None, gas, U256::MAX).unwrap();
        assert_eq!(same.max_priority_fee_per_gas, 2_260_000_000);
        assert_eq!(same.max_fee_per_gas, 24_860_000_000);
        // Base fee jumped: maxFee follows 2 x base + tip.
        let high = bump_fees(old, 50 * GWEI, 13, None, gas, U256::MAX).unwrap();
        assert_eq!(high.max_fee_per_gas, 100 * GWEI + 2_260_000_000);
        // Budget between the rule's minimum and the desired value: clamped to the budget.
        let budget = max_cost(gas, 30 * GWEI);
        let clamped = bump_fees(old, 50 * GWEI, 13, None, gas, budget).unwrap();
        assert_eq!(clamped.max_fee_per_gas, 30 * GWEI);
        // Budget below the rule's minimum: not sent.
        let tight = max_cost(gas, 24 * GWEI);
        assert_eq!(
            bump_fees(old, 10 * GWEI, 13, None, gas, tight),
            Err(FeeLimit::OverBudget {
                needed: max_cost(gas, 24_860_000_000),
                budget: tight
            })
        );
        // Tip cap.
        assert_eq!(
            bump_fees(old, 10 * GWEI, 13, Some(2 * GWEI), gas, U256::MAX),
            Err(FeeLimit::PriorityCap {
                needed: 2_260_000_000,
                cap: 2 * GWEI
            })
        );
    }

    proptest! {
        #[test]
        fn bump_respects_rule_and_budget(
            max_fee in 0u128..1_000_000 * GWEI,
            tip_share in 0u128..=100,
            base_fee in 0u128..1_000_000 * GWEI,
            percent in 10u32..200,
            gas_limit in 0u64..30_000_000,
            budget in any::<u128>(),
        ) {
            let old = Fees { max_fee_per_gas: max_fee, max_priority_fee_per_gas: max_fee * tip_share / 100 };
            let budget = U256::from(budget);
            if let Ok(new) = bump_fees(old, base_fee, percent, None, gas_limit, budget) {
                // geth's rule: new >= old * (100 + percent) / 100, and strictly above the old value.
                let pct = 100 + u128::from(percent);
                prop_assert!(new.max_fee_per_gas * 100 >= old.max_fee_per_gas * pct);
                prop_assert!(new.max_priority_fee_per_gas * 100 >= old.max_priority_fee_per_gas * pct);
                prop_assert!(new.max_fee_per_gas > old.max_fee_per_gas);
                prop_assert!(new.max_priority_fee_per_gas > old.max_priority_fee_per_gas);
                prop_assert!(new.max_fee_per_gas >= new.max_priority_fee_per_gas);
                prop_assert!(max_cost(gas_limit, new.max_fee_per_gas) <= budget);
            } else {
                // Refused only when the minimum replacement is really over the budget.
                let min = raise(old.max_fee_per_gas, percent).unwrap();
                prop_assert!(max_cost(gas_limit, min) > budget);
            }
        }

        #[test]
        fn initial_never_over_budget(
            base_fee in 0u128..1_000_000 * GWEI,
            tip in 0u128..1_000 * GWEI,
            gas_limit in 0u64..30_000_000,
            budget in any::<u128>(),
        ) {
            let budget = U256::from(budget);
            match initial_fees(base_fee, tip, None, gas_limit, budget) {
                Ok(fees) => {
                    prop_assert!(max_cost(gas_limit, fees.max_fee_per_gas) <= budget);
                    prop_assert!(fees.max_fee_per_gas >= base_fee + tip);
                }
                Err(_) => prop_assert!(max_cost(gas_limit, base_fee + tip) > budget),
            }
        }
    }
}
