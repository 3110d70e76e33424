//! The backtest's chain state: a base (a dump or a cached fork) under the writes of every step so far (price
//! overrides, pool moves, executed transactions). Each step's fork reads a snapshot of it, so a run keeps the
//! forks of earlier steps (what a lagging keeper sees) for the cost of sharing the maps.

use std::sync::Arc;

use alloy_primitives::{Address, B256, Bytes, U256, keccak256};
use cantilever_sim::{AccountProof, AccountState, Layered, StateKey, StateSource};

/// The base state and the writes over it; cheap to clone (a snapshot). Reads are [`Layered`]'s, but for block
/// hashes: the blocks the backtest makes have no real hash.
#[derive(Clone, Debug)]
pub struct WorldState(Layered);

impl WorldState {
    /// `base` with nothing written yet.
    pub fn new(base: Arc<dyn StateSource>) -> Self {
        Self(Layered::new(base))
    }

    /// Writes `writes` (a simulation's writes, or overrides) over the state. Code keys are ignored: the
    /// backtest's transactions deploy nothing.
    pub fn apply(&mut self, writes: &[(StateKey, U256)]) {
        self.0.apply(writes);
    }

    /// A storage slot as the state has it now.
    pub fn storage(&self, address: Address, slot: U256) -> cantilever_sim::Result<U256> {
        StateSource::storage(self, address, slot)
    }

    /// How many keys have been written.
    pub fn written(&self) -> usize {
        self.0.written()
    }
}

impl StateSource for WorldState {
    fn account(&self, address: Address) -> cantilever_sim::Result<AccountState> {
        self.0.account(address)
    }

    fn storage(&self, address: Address, slot: U256) -> cantilever_sim::Result<U256> {
        self.0.storage(address, slot)
    }

    fn block_hash(&self, number: u64) -> cantilever_sim::Result<B256> {
        // Blocks the backtest made have no real hash: a stable stand-in, as the memory source does.
        Ok(keccak256(number.to_be_bytes()))
    }

    fn storage_many(&self, keys: &[(Address, U256)]) -> cantilever_sim::Result<Vec<U256>> {
        self.0.storage_many(keys)
    }

    fn code(&self, address: Address) -> cantilever_sim::Result<Bytes> {
        self.0.code(address)
    }

    fn proofs(
        &self,
        requests: &[(Address, Vec<U256>)],
    ) -> cantilever_sim::Result<Vec<AccountProof>> {
        self.0.proofs(requests)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cantilever_sim::MemorySource;

    #[test]
    fn writes_shadow_the_base_and_snapshots_keep_their_view() {
        let a = Address::repeat_byte(1);
        let mut base = MemorySource::default();
        base.storage.insert((a, U256::from(1)), U256::from(5));
        let mut state = WorldState::new(Arc::new(base));
        let before = state.clone();
        state.apply(&[
            (
                StateKey::Storage {
                    address: a,
                    slot: U256::from(1),
                },
                U256::from(9),
            ),
            (StateKey::Nonce(a), U256::from(4)),
        ]);
        assert_eq!(state.storage(a, U256::from(1)).unwrap(), U256::from(9));
        assert_eq!(state.account(a).unwrap().nonce, 4);
        assert_eq!(
            before.storage(a, U256::from(1)).unwrap(),
            U256::from(5),
            "a snapshot is not changed by later writes"
        );
    }
}
