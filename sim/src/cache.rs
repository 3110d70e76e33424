//! Simulation results kept across blocks: a result is reused at a new block when every value it
//! read (storage, balances, nonces, code hashes) and every block field its code read are unchanged;
//! only the others are simulated again.

use std::collections::HashMap;

use revm::context::BlockEnv;

use crate::error::Result;
use crate::simulate::{Candidate, Simulation, Simulator};

/// What one [`ResultCache::simulate_all`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Refresh {
    /// Results reused from an earlier block.
    pub reused: usize,
    /// Candidates simulated (new, or an input changed).
    pub simulated: usize,
}

/// Results by candidate, with the block they were simulated in.
#[derive(Debug, Default)]
pub struct ResultCache {
    entries: HashMap<Candidate, (BlockEnv, Simulation)>,
}

impl ResultCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of cached results.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the cache is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Results for `candidates` at `sim`'s block: cached ones whose inputs are unchanged, the rest
    /// simulated in parallel. The values cached results read are fetched into the new fork in one
    /// batch first. Candidates that failed to simulate are not cached. Results are those a fresh
    /// simulation would give.
    pub fn simulate_all(
        &mut self,
        sim: &Simulator,
        candidates: &[Candidate],
    ) -> (Vec<Result<Simulation>>, Refresh) {
        let cached: Vec<Option<&(BlockEnv, Simulation)>> =
            candidates.iter().map(|c| self.entries.get(c)).collect();
        // Best effort: a failed prefetch only means the checks below fetch one by one.
        let _ = sim.fork().prefetch(
            cached
                .iter()
                .flatten()
                .flat_map(|(_, s)| s.reads.iter().map(|(k, _)| k)),
        );
        let block = &sim.env().block;
        let fork = sim.fork();
        let reusable: Vec<bool> = sim.install(|| {
            use rayon::prelude::*;
            cached
                .par_iter()
                .map(|entry| {
                    entry.is_some_and(|(env, s)| {
                        s.env_reads.same_in(env, block)
                            && s.reads
                                .iter()
                                .all(|(k, v)| fork.value_of(k).ok() == Some(*v))
                    })
                })
                .collect()
        });
        let stale: Vec<Candidate> = candidates
            .iter()
            .zip(&reusable)
            .filter(|(_, r)| !**r)
            .map(|(c, _)| c.clone())
            .collect();
        let mut fresh = sim.simulate_all(&stale).into_iter();
        let mut out = Vec::with_capacity(candidates.len());
        let mut refresh = Refresh::default();
        for (c, reuse) in candidates.iter().zip(reusable) {
            if reuse {
                refresh.reused += 1;
                out.push(Ok(self.entries[c].1.clone()));
            } else {
                refresh.simulated += 1;
                let result = fresh.next().expect("one result per stale candidate");
                if let Ok(s) = &result {
                    self.entries.insert(c.clone(), (block.clone(), s.clone()));
                }
                out.push(result);
            }
        }
        (out, refresh)
    }

    /// Forgets candidates not in `keep` (those no longer worth watching).
    pub fn retain(&mut self, keep: impl Fn(&Candidate) -> bool) {
        self.entries.retain(|c, _| keep(c));
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use alloy_primitives::U256;

    use super::*;
    use crate::fork::SharedFork;
    use crate::simulate::tests::{COUNTER, call, env, source};

    #[test]
    fn reruns_only_candidates_whose_inputs_changed() {
        let cands: Vec<Candidate> = (0..10).map(|s| call(1, s)).collect();
        let mut cache = ResultCache::new();
        let sim = Simulator::with_threads(
            Arc::new(SharedFork::new(Arc::new(source()), None)),
            env(),
            2,
        );
        let (first, r) = cache.simulate_all(&sim, &cands);
        assert_eq!(
            r,
            Refresh {
                reused: 0,
                simulated: 10
            }
        );

        // Next block, same time: slot 3 changed (odd: read by candidate 3 only); slot 1000 is
        // untouched. Everything else is reused.
        let mut next = source();
        next.storage.insert((COUNTER, U256::from(3)), U256::from(9));
        let sim2 =
            Simulator::with_threads(Arc::new(SharedFork::new(Arc::new(next), None)), env(), 2);
        let (second, r) = cache.simulate_all(&sim2, &cands);
        assert_eq!(
            r,
            Refresh {
                reused: 9,
                simulated: 1
            }
        );
        assert_eq!(second, sim2.simulate_all(&cands));
        assert_ne!(first[3], second[3]);

        // A later timestamp invalidates every result whose code read TIMESTAMP: all but the
        // candidate of slot 7, which reverts before reaching it.
        let mut later = env();
        later.block.timestamp += U256::from(12);
        let (_, r) = cache.simulate_all(&sim2.with_env(later.clone()), &cands);
        assert_eq!(
            r,
            Refresh {
                reused: 1,
                simulated: 9
            }
        );
        // But a changed block number does not: nobody reads NUMBER.
        later.block.number += U256::from(1);
        let (_, r) = cache.simulate_all(&sim2.with_env(later), &cands);
        assert_eq!(
            r,
            Refresh {
                reused: 10,
                simulated: 0
            }
        );
    }
}
