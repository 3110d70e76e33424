//! The backtest's chain state: a base (a dump or a cached fork) under the writes of every step so far (price
//! overrides, pool moves, executed transactions). Each step's fork reads a snapshot of it, so a run keeps the
//! forks of earlier steps (what a lagging keeper sees) for the cost of sharing the maps.

use std::collections::HashMap;
use std::sync::Arc;

use alloy_primitives::{Address, B256, U256, keccak256};
use cantilever_sim::{AccountState, StateKey, StateSource};

/// The base state and the writes over it; cheap to clone (a snapshot).
#[derive(Clone)]
pub struct WorldState {
    base: Arc<dyn StateSource>,
    writes: Arc<HashMap<StateKey, U256>>,
}

impl std::fmt::Debug for WorldState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WorldState")
            .field("writes", &self.writes.len())
            .finish_non_exhaustive()
    }
}

impl WorldState {
    /// `base` with nothing written yet.
    pub fn new(base: Arc<dyn StateSource>) -> Self {
        Self {
            base,
            writes: Arc::default(),
        }
    }

    /// Writes `writes` (a simulation's writes, or overrides) over the state. Code keys are ignored: the
    /// backtest's transactions deploy nothing.
    pub fn apply(&mut self, writes: &[(StateKey, U256)]) {
        let map = Arc::make_mut(&mut self.writes);
        for (key, value) in writes {
            map.insert(*key, *value);
        }
    }

    /// A storage slot as the state has it now.
    pub fn storage(&self, address: Address, slot: U256) -> cantilever_sim::Result<U256> {
        StateSource::storage(self, address, slot)
    }

    /// How many keys have been written.
    pub fn written(&self) -> usize {
        self.writes.len()
    }
}

impl StateSource for WorldState {
    fn account(&self, address: Address) -> cantilever_sim::Result<AccountState> {
        let mut account = self.base.account(address)?;
        if let Some(balance) = self.writes.get(&StateKey::Balance(address)) {
            account.balance = *balance;
        }
        if let Some(nonce) = self.writes.get(&StateKey::Nonce(address)) {
            account.nonce = nonce.saturating_to();
        }
        Ok(account)
    }

    fn storage(&self, address: Address, slot: U256) -> cantilever_sim::Result<U256> {
        match self.writes.get(&StateKey::Storage { address, slot }) {
            Some(value) => Ok(*value),
            None => self.base.storage(address, slot),
        }
    }

    fn block_hash(&self, number: u64) -> cantilever_sim::Result<B256> {
        // Blocks the backtest made have no real hash: a stable stand-in, as the memory source does.
        Ok(keccak256(number.to_be_bytes()))
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
