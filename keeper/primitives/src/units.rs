//! Decimal amounts written the way people think of them (`"0.01"` ether, `2.5` gwei) and held exactly in wei.

use std::fmt;
use std::str::FromStr;

use alloy_primitives::U256;
use alloy_primitives::utils::{ParseUnits, Unit};
use serde::{Deserialize, Deserializer};

/// A native-token amount given in ether (18 decimals), held in wei.
#[derive(Clone, Copy, PartialEq, Eq, Default)]
pub struct Ether(pub U256);

/// A fee given in gwei (9 decimals), held in wei.
#[derive(Clone, Copy, PartialEq, Eq, Default)]
pub struct Gwei(pub u128);

impl Gwei {
    /// Whole gwei.
    pub const fn from_gwei(gwei: u64) -> Self {
        Self(gwei as u128 * 1_000_000_000)
    }
}

fn parse_decimal(text: &str, unit: Unit) -> Result<U256, String> {
    let text = text.trim();
    if text.starts_with('-') {
        return Err(format!("{text:?} is negative"));
    }
    ParseUnits::parse_units(text, unit)
        .map(Into::into)
        .map_err(|e| format!("{text:?} is not a decimal amount: {e}"))
}

impl FromStr for Ether {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, String> {
        parse_decimal(text, Unit::ETHER).map(Self)
    }
}

impl FromStr for Gwei {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, String> {
        let wei = parse_decimal(text, Unit::GWEI)?;
        u128::try_from(wei)
            .map(Self)
            .map_err(|_| format!("{text:?} gwei is too large"))
    }
}

impl fmt::Debug for Ether {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} wei", self.0)
    }
}

impl fmt::Debug for Gwei {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} wei", self.0)
    }
}

/// TOML has integers, floats and strings; all three are accepted and parsed as decimal text so that
/// `0.1` is exactly 0.1 (a float is printed back with Rust's shortest round-trip form first).
#[derive(Deserialize)]
#[serde(untagged)]
enum Number {
    Int(i64),
    Float(f64),
    Text(String),
}

impl Number {
    fn into_text(self) -> String {
        match self {
            Self::Int(n) => n.to_string(),
            Self::Float(x) => x.to_string(),
            Self::Text(s) => s,
        }
    }
}

impl<'de> Deserialize<'de> for Ether {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Number::deserialize(deserializer)?
            .into_text()
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

impl<'de> Deserialize<'de> for Gwei {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Number::deserialize(deserializer)?
            .into_text()
            .parse()
            .map_err(serde::de::Error::custom)
    }
}
