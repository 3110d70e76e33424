//! [`Layered`]: a [`StateSource`] with writes laid over another, the state some transactions would leave
//! (their simulated writes) without a node having executed them. The keeper plans on it for a pending oracle
//! update; the backtest keeps its whole run's writes in one. Cheap to clone: a clone is a snapshot that later
//! writes do not change.

use std::collections::HashMap;
use std::sync::Arc;

use alloy_primitives::{Address, B256, Bytes, U256};

use crate::error::Result;
use crate::fork::{AccountProof, AccountState, StateSource};
use crate::rwset::StateKey;

/// `base` under the writes made so far.
#[derive(Clone)]
pub struct Layered {
    base: Arc<dyn StateSource>,
    writes: Arc<HashMap<StateKey, U256>>,
}

impl std::fmt::Debug for Layered {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Layered")
            .field("writes", &self.writes.len())
            .finish_non_exhaustive()
    }
}

impl Layered {
    /// `base` with nothing written yet.
    pub fn new(base: Arc<dyn StateSource>) -> Self {
        Self {
            base,
            writes: Arc::default(),
        }
    }

    /// Writes `writes` (a simulation's writes, or overrides) over the state. Code keys are ignored: a
    /// simulation reports a code write as its hash, not the code (the transactions layered here deploy
    /// nothing).
    pub fn apply(&mut self, writes: &[(StateKey, U256)]) {
        let map = Arc::make_mut(&mut self.writes);
        for (key, value) in writes {
            if !matches!(key, StateKey::Code(_)) {
                map.insert(*key, *value);
            }
        }
    }

    /// How many keys have been written.
    pub fn written(&self) -> usize {
        self.writes.len()
    }

    fn slot(&self, address: Address, slot: U256) -> Option<U256> {
        self.writes
            .get(&StateKey::Storage { address, slot })
            .copied()
    }

    /// `balance` and `nonce` as written, where they were.
    fn patch(&self, address: Address, balance: &mut U256, nonce: &mut u64) {
        if let Some(written) = self.writes.get(&StateKey::Balance(address)) {
            *balance = *written;
        }
        if let Some(written) = self.writes.get(&StateKey::Nonce(address)) {
            *nonce = written.saturating_to();
        }
    }
}

impl StateSource for Layered {
    fn account(&self, address: Address) -> Result<AccountState> {
        let mut account = self.base.account(address)?;
        self.patch(address, &mut account.balance, &mut account.nonce);
        Ok(account)
    }

    fn storage(&self, address: Address, slot: U256) -> Result<U256> {
        match self.slot(address, slot) {
            Some(value) => Ok(value),
            None => self.base.storage(address, slot),
        }
    }

    fn block_hash(&self, number: u64) -> Result<B256> {
        self.base.block_hash(number)
    }

    fn storage_many(&self, keys: &[(Address, U256)]) -> Result<Vec<U256>> {
        // The base answers every key at once (in its batches); the written ones are then replaced.
        let mut values = self.base.storage_many(keys)?;
        for (value, &(address, slot)) in values.iter_mut().zip(keys) {
            if let Some(written) = self.slot(address, slot) {
                *value = written;
            }
        }
        Ok(values)
    }

    fn code(&self, address: Address) -> Result<Bytes> {
        self.base.code(address)
    }

    fn proofs(&self, requests: &[(Address, Vec<U256>)]) -> Result<Vec<AccountProof>> {
        let mut proofs = self.base.proofs(requests)?;
        for (proof, (address, slots)) in proofs.iter_mut().zip(requests) {
            self.patch(*address, &mut proof.balance, &mut proof.nonce);
            for (value, &slot) in proof.storage.iter_mut().zip(slots) {
                if let Some(written) = self.slot(*address, slot) {
                    *value = written;
                }
            }
        }
        Ok(proofs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fork::MemorySource;

    #[test]
    fn writes_shadow_the_base_in_every_read_and_snapshots_keep_their_view() {
        let (a, b) = (Address::repeat_byte(1), Address::repeat_byte(2));
        let mut base = MemorySource::default();
        base.storage.insert((a, U256::from(1)), U256::from(5));
        base.storage.insert((a, U256::from(2)), U256::from(6));
        let mut state = Layered::new(Arc::new(base));
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
            (StateKey::Balance(b), U256::from(7)),
            (StateKey::Code(b), U256::from(1)),
        ]);
        assert_eq!(state.written(), 3, "code writes are not layered");
        assert_eq!(state.storage(a, U256::from(1)).unwrap(), U256::from(9));
        assert_eq!(state.account(a).unwrap().nonce, 4);
        let keys = [(a, U256::from(1)), (a, U256::from(2))];
        assert_eq!(
            state.storage_many(&keys).unwrap(),
            [U256::from(9), U256::from(6)]
        );
        let proofs = state
            .proofs(&[(a, vec![U256::from(2), U256::from(1)]), (b, vec![])])
            .unwrap();
        assert_eq!(proofs[0].storage, [U256::from(6), U256::from(9)]);
        assert_eq!((proofs[0].nonce, proofs[1].balance), (4, U256::from(7)));
        assert_eq!(
            before.storage(a, U256::from(1)).unwrap(),
            U256::from(5),
            "a snapshot is not changed by later writes"
        );
    }
}
