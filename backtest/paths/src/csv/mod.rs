//! The price CSV: a reader whose errors name the line, and a writer it reads back exactly.

mod read;
mod write;

pub(crate) use read::known;
pub use read::{parse_csv, read_csv};
pub use write::write_csv;

#[cfg(test)]
mod tests;
