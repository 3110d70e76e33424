//! Amounts for people: token units with their decimals, WAD ratios, oracle prices per whole token.

use alloy::primitives::U256;

/// `amount` of a token with `decimals`, with thousands separators and at most `places` decimals (truncated).
pub fn human(amount: U256, decimals: u8, places: usize) -> String {
    let unit = U256::from(10u64).pow(U256::from(decimals));
    let whole = amount / unit;
    let fraction = amount % unit;
    let mut out = group(&whole.to_string());
    if places > 0 && decimals > 0 {
        let digits = format!(
            "{:0>width$}",
            fraction.to_string(),
            width = decimals as usize
        );
        let shown: String = digits.chars().take(places).collect();
        out.push('.');
        out.push_str(&shown);
    }
    out
}

/// A WAD ratio (1e18 = 1) with two decimals; `∞` for `U256::MAX` (no debt).
pub fn wad(x: U256) -> String {
    if x == U256::MAX {
        return "∞".into();
    }
    human(x, 18, 3)
}

/// An oracle price (loan units per collateral unit, scale 1e36) as loan tokens per whole collateral token.
pub fn price(price: U256, collateral_decimals: u8, loan_decimals: u8) -> String {
    if price == U256::MAX {
        return "∞".into();
    }
    // loan units per whole collateral token = price · 10^collateral_decimals / 1e36
    let per_token = price.saturating_mul(U256::from(10u64).pow(U256::from(collateral_decimals)))
        / U256::from(10u64).pow(U256::from(36u64));
    // Below one whole loan token (a WBTC-denominated price, say) two places would hide the price.
    let places = if per_token < U256::from(10u64).pow(U256::from(loan_decimals)) {
        6
    } else {
        2
    };
    human(per_token, loan_decimals, places)
}

fn group(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(human(U256::from(1_234_567_890u64), 6, 2), "1,234.56");
        assert_eq!(human(U256::from(5u64), 6, 6), "0.000005");
        assert_eq!(human(U256::from(999u64), 0, 2), "999");
        assert_eq!(wad(U256::from(1_050_000_000_000_000_000u128)), "1.050");
        assert_eq!(wad(U256::MAX), "∞");
        // 3000 USDC (6 dp) per WETH (18 dp): price = 3000e6 · 1e36 / 1e18.
        let p = U256::from(3_000_000_000u64) * U256::from(10u64).pow(U256::from(18u64));
        assert_eq!(price(p, 18, 6), "3,000.00");
    }
}
