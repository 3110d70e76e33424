//! The crate's own random numbers: xoshiro256** seeded through SplitMix64, Box–Muller normals and Knuth's
//! Poisson sampler. In-crate rather than from `rand` so a seed means the same path on every machine, thread
//! count and dependency update: the integer streams are exact, and the floats go through `ln`, `sqrt`, `cos`,
//! `sin` and `exp` only.

use std::f64::consts::TAU;

/// SplitMix64 (Vigna): expands one `u64` into well-mixed state words.
pub(crate) struct SplitMix64(u64);

impl SplitMix64 {
    pub(crate) fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }
}

/// SplitMix64's output function: a bijection on `u64` that scatters nearby inputs.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// FNV-1a: a stable hash of a feed name, so a feed's stream does not depend on where it sits in a list.
pub(crate) fn name_id(name: &str) -> u64 {
    name.bytes().fold(0xCBF2_9CE4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3)
    })
}

/// xoshiro256** (Blackman and Vigna) with a cached second Box–Muller normal.
pub(crate) struct Rng {
    s: [u64; 4],
    spare: Option<f64>,
}

impl Rng {
    /// The generator of one stream: `ids` (component index, feed) are folded into the seed through `mix`, so
    /// streams of different ids are unrelated and adding a stream leaves the others' draws unchanged.
    pub(crate) fn stream(seed: u64, ids: &[u64]) -> Self {
        let key = ids.iter().fold(mix(seed), |k, id| {
            mix(k ^ mix(id.wrapping_add(0x632B_E59B_D9B4_E019)))
        });
        let mut sm = SplitMix64::new(key);
        Self::from_state([sm.next_u64(), sm.next_u64(), sm.next_u64(), sm.next_u64()])
    }

    fn from_state(s: [u64; 4]) -> Self {
        Self { s, spare: None }
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        let s = &mut self.s;
        let result = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    /// Uniform on [0, 1): the top 53 bits, so every value is an exact multiple of 2⁻⁵³.
    pub(crate) fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// A standard normal (Box–Muller). Each pair of uniforms gives two normals; the second is kept for the
    /// next call.
    pub(crate) fn normal(&mut self) -> f64 {
        if let Some(z) = self.spare.take() {
            return z;
        }
        // 1 - u is in (0, 1]: ln never sees 0.
        let r = (-2.0 * (1.0 - self.uniform()).ln()).sqrt();
        let theta = TAU * self.uniform();
        self.spare = Some(r * theta.sin());
        r * theta.cos()
    }

    /// A Poisson count with mean `mean` (Knuth: multiply uniforms until below e^-mean). Fine for the small
    /// per-step means of a jump process; validation caps the mean so e^-mean stays far from underflow.
    pub(crate) fn poisson(&mut self, mean: f64) -> u64 {
        let limit = (-mean).exp();
        let mut n = 0;
        let mut product = self.uniform();
        while product >= limit {
            n += 1;
            product *= self.uniform();
        }
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xoshiro_matches_the_published_vector() {
        // Reference outputs from state {1, 2, 3, 4} (Blackman and Vigna's xoshiro256starstar.c, as in
        // rand_xoshiro's tests).
        let mut rng = Rng::from_state([1, 2, 3, 4]);
        let out: Vec<u64> = (0..6).map(|_| rng.next_u64()).collect();
        assert_eq!(
            out,
            [
                11520,
                0,
                1509978240,
                1215971899390074240,
                1216172134540287360,
                607988272756665600
            ]
        );
    }

    #[test]
    fn splitmix_matches_the_published_vector() {
        // Vigna's splitmix64.c from seed 1477776061723855037 (as in rand_xoshiro's tests).
        let mut sm = SplitMix64::new(1477776061723855037);
        let out: Vec<u64> = (0..3).map(|_| sm.next_u64()).collect();
        assert_eq!(
            out,
            [
                1985237415132408290,
                2979275885539914483,
                13511426838097143398
            ]
        );
    }

    #[test]
    fn streams_differ_by_seed_and_by_id() {
        let first = |seed, ids: &[u64]| Rng::stream(seed, ids).next_u64();
        assert_eq!(first(7, &[0, 1]), first(7, &[0, 1]));
        assert_ne!(first(7, &[0, 1]), first(8, &[0, 1]));
        assert_ne!(first(7, &[0, 1]), first(7, &[1, 0]));
        assert_ne!(first(7, &[0, 1]), first(7, &[0, 2]));
    }

    #[test]
    fn normal_and_poisson_moments() {
        let mut rng = Rng::stream(1, &[]);
        let n = 200_000;
        let z: Vec<f64> = (0..n).map(|_| rng.normal()).collect();
        let mean = z.iter().sum::<f64>() / n as f64;
        let var = z.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
        // Standard errors: 1/sqrt(n) = 0.0022 for the mean, sqrt(2/n) = 0.0032 for the variance.
        assert!(mean.abs() < 0.01, "mean {mean}");
        assert!((var - 1.0).abs() < 0.015, "variance {var}");

        let counts: Vec<u64> = (0..n).map(|_| rng.poisson(0.3)).collect();
        let mean = counts.iter().sum::<u64>() as f64 / n as f64;
        assert!((mean - 0.3).abs() < 0.006, "poisson mean {mean}");
    }

    #[test]
    fn uniform_is_in_the_unit_interval() {
        let mut rng = Rng::stream(3, &[4]);
        assert!(
            (0..10_000)
                .map(|_| rng.uniform())
                .all(|u| (0.0..1.0).contains(&u))
        );
    }
}
