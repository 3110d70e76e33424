//! Submission of liquidations: the executor contract's ABI, signing, nonces, fees, inclusion tracking.

pub mod contract;
