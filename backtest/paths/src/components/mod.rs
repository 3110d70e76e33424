//! The generators, one file per family. Each turns its parameters (and, if random, its own stream) into
//! per-step price multipliers relative to the start price, for one feed or a group of feeds; `generate`
//! multiplies them together.

pub(crate) mod correlated;
pub(crate) mod diffusion;
pub(crate) mod scenario;
