//! An anvil process on a free loopback port, killed when dropped: the keeper's devnet launcher.

pub use cantilever_devnet::{Anvil, AnvilConfig};
