//! The keeper's execution: signing, nonces, fees, submission and inclusion tracking of liquidations.
//!
//! The strategy hands an [`Opportunity`] to [`Executor::submit`]; the daemon calls [`Executor::on_block`]
//! every block and gets [`ExecEvent`]s back. The executor guarantees:
//! - one submission per [`OpportunityId`], across restarts ([`Ledger`], a JSON file written atomically before
//!   each send); an entry whose transaction can never execute (a crash between the ledger write and the send
//!   left it unknown to the node with its nonce unused, or it reverted) is released at start-up and on every
//!   duplicate ([`reconcile`]);
//! - `gas_limit x maxFeePerGas` never above the opportunity's fee budget, first send and bumps alike
//!   ([`fees`]);
//! - after any send error, the nonce is re-read from the chain before the next send;
//! - a pre-flight gas estimate, so a reverting call is never sent, for callers that did not simulate the
//!   transaction themselves ([`Opportunity::preflight`]; the keeper's planner simulates, so skips it);
//! - optionally a private relay (`eth_sendBundle`) with public fallback, and a dry-run mode that signs but
//!   never sends.

pub mod config;
pub mod error;
pub mod executor;
pub mod fees;
pub mod ledger;
mod nonce;
pub mod opportunity;
pub mod reconcile;
pub mod relay;
pub mod tracking;

pub use config::{ExecConfig, MIN_BUMP_PERCENT, RelayConfig};
pub use error::{ExecError, Result};
pub use executor::{Executor, SubmitOutcome};
pub use fees::{FeeLimit, Fees};
pub use ledger::{Ledger, LedgerEntry};
pub use opportunity::{Opportunity, OpportunityId, batch_id};
pub use reconcile::Released;
pub use relay::SIGNATURE_HEADER;
pub use tracking::ExecEvent;
