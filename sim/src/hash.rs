//! A fast, non-cryptographic hasher for the crate's hot maps (state keys, addresses).
//!
//! std's default SipHash resists hash flooding, which the simulator does not need: its keys come from
//! the chain state it simulates, not from an adversary choosing keys to collide in its tables, and
//! hashing a 52-byte storage key with SipHash costs more than the lookup. This is FxHash's word
//! step (rotate, xor, multiply) with murmur3's 64-bit finaliser, so both the high bits (hashbrown's
//! tags) and the low bits (its bucket index) are well mixed even for small integer keys.

use std::hash::{BuildHasherDefault, Hasher};

/// The hasher; see the module docs.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct FastHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FastHasher {
    #[inline]
    fn word(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(SEED);
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.word(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut buf = [0u8; 8];
            buf[..rest.len()].copy_from_slice(rest);
            self.word(u64::from_le_bytes(buf));
        }
    }

    #[inline]
    fn write_u8(&mut self, n: u8) {
        self.word(u64::from(n));
    }

    #[inline]
    fn write_u32(&mut self, n: u32) {
        self.word(u64::from(n));
    }

    #[inline]
    fn write_u64(&mut self, n: u64) {
        self.word(n);
    }

    #[inline]
    fn write_usize(&mut self, n: usize) {
        self.word(n as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

/// Builds [`FastHasher`]s.
pub(crate) type FastBuild = BuildHasherDefault<FastHasher>;
/// A `HashMap` with [`FastHasher`].
pub(crate) type FastMap<K, V> = std::collections::HashMap<K, V, FastBuild>;
/// A `HashSet` with [`FastHasher`].
pub(crate) type FastSet<K> = std::collections::HashSet<K, FastBuild>;

#[cfg(test)]
mod tests {
    use std::hash::{BuildHasher, Hash};

    use alloy_primitives::{Address, U256};

    use super::*;

    #[test]
    fn small_keys_spread_over_low_and_high_bits() {
        let build = FastBuild::default();
        let hashes: Vec<u64> = (0u64..1024)
            .map(|s| build.hash_one((Address::ZERO, U256::from(s))))
            .collect();
        let low: FastSet<u64> = hashes.iter().map(|h| h & 1023).collect();
        let high: FastSet<u64> = hashes.iter().map(|h| h >> 57).collect();
        // 1024 keys into 1024 buckets: a good hash leaves about 1 - 1/e of them used.
        assert!(low.len() > 550, "{} low buckets", low.len());
        assert_eq!(high.len(), 128, "every 7-bit tag used");
        let mut a = FastHasher::default();
        (Address::ZERO, U256::from(1)).hash(&mut a);
        let mut b = FastHasher::default();
        (Address::ZERO, U256::from(1)).hash(&mut b);
        assert_eq!(a.finish(), b.finish());
    }
}
