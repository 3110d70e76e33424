//! What can go wrong reading or generating a path. Every message is one line that names the problem: the
//! file and line for a CSV, the component and parameter for a spec, the feed and step for a generated price.

use std::path::PathBuf;

/// The crate's result type.
pub type Result<T, E = PathError> = std::result::Result<T, E>;

/// A price path could not be read, written or generated.
#[derive(Debug, thiserror::Error)]
pub enum PathError {
    /// The CSV file could not be read (missing, unreadable, not UTF-8).
    #[error("cannot read price path {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The CSV file could not be written.
    #[error("cannot write price path {path}: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A line of a CSV is bad.
    #[error("{name} line {line}: {problem}: `{text}`")]
    Csv {
        /// The CSV's name (its file name).
        name: String,
        /// 1-based line number, counting blank and comment lines.
        line: usize,
        /// The offending line, trimmed (and shortened if very long).
        text: String,
        /// What is wrong with it.
        problem: CsvProblem,
    },
    /// A parameter outside what it can mean (a NaN, a negative volatility, a 120% crash, zero steps, ...).
    #[error("{at}: {name} = {value} {expected}")]
    Parameter {
        /// Where: `components[2] (crash)`, `spec`, `start prices`, ...
        at: String,
        /// The parameter.
        name: String,
        /// Its value, as written.
        value: String,
        /// What it must be, as a phrase (`must be in (0, 100)`).
        expected: String,
    },
    /// A feed name the deployment does not have.
    #[error("{at}: unknown feed `{feed}` (known: {known})")]
    UnknownFeed {
        /// Where the name appears.
        at: String,
        /// The name.
        feed: String,
        /// The feeds there are, comma-separated.
        known: String,
    },
    /// A window (`start` plus its length) that runs past the end of the path.
    #[error("{at}: steps {start}..{end} run past the path's {steps} steps")]
    Window {
        /// The component.
        at: String,
        /// First step of the window.
        start: u64,
        /// One past its last step.
        end: u64,
        /// The path's length.
        steps: u64,
    },
    /// A correlation matrix the Cholesky factorisation cannot use.
    #[error("{at}: correlation matrix {problem}")]
    Correlation {
        /// The component.
        at: String,
        /// What is wrong (`is not symmetric: [0][1] = 0.5 but [1][0] = 0.4`).
        problem: String,
    },
    /// A generated price left (0, ∞): the parameters overflow or underflow an f64.
    #[error(
        "path {name}: {feed} at step {step} is {price}, outside (0, inf): the parameters are too extreme"
    )]
    PriceOutOfRange {
        /// The path.
        name: String,
        /// The feed.
        feed: String,
        /// The step index.
        step: u64,
        /// The price it reached.
        price: f64,
    },
    /// A path that breaks its own invariants (a deserialised or hand-built [`PricePath`](crate::PricePath)).
    #[error("path {name}: {problem}")]
    InvalidPath {
        /// The path.
        name: String,
        /// The broken invariant.
        problem: String,
    },
}

impl PathError {
    /// The CSV line an error is about, if it is about one.
    pub fn line(&self) -> Option<usize> {
        match self {
            Self::Csv { line, .. } => Some(*line),
            _ => None,
        }
    }

    /// The CSV problem, if this is a CSV error (tests and callers match on the kind, not the message).
    pub fn csv_problem(&self) -> Option<&CsvProblem> {
        match self {
            Self::Csv { problem, .. } => Some(problem),
            _ => None,
        }
    }
}

/// What is wrong with one line of a price CSV.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CsvProblem {
    /// The file has no header (nothing but blank or comment lines).
    #[error("empty file: expected a header `block,feed,price` or `timestamp,feed,price`")]
    Empty,
    /// The first line is not a header this reader knows.
    #[error(
        "bad header: expected `block,feed,price` or `timestamp,feed,price`, optionally `,gas_multiplier`"
    )]
    BadHeader,
    /// A header and nothing after it.
    #[error("no price rows after the header")]
    NoRows,
    /// A row with the wrong number of fields.
    #[error("expected {expected} comma-separated fields, found {found}")]
    Columns {
        /// Fields in the header.
        expected: usize,
        /// Fields in the row.
        found: usize,
    },
    /// A field that does not parse as the number its column holds.
    #[error("{column} `{value}` is not a {kind}")]
    BadNumber {
        /// The column.
        column: &'static str,
        /// The field.
        value: String,
        /// `whole number` or `number`.
        kind: &'static str,
    },
    /// Block 0 is the deployment's state before the path; a path's first step is at block 1 or later.
    #[error("block 0 is the start state: a path's blocks start at 1")]
    BlockZero,
    /// A block or timestamp before the previous row's.
    #[error("{column} {value} comes after {previous}: rows must be in increasing {column} order")]
    NotIncreasing {
        /// `block` or `timestamp`.
        column: &'static str,
        /// This row's value.
        value: u64,
        /// The previous row's value.
        previous: u64,
    },
    /// A price that is NaN, infinite, zero or negative.
    #[error("price {value} must be a finite number > 0")]
    BadPrice {
        /// The price.
        value: f64,
    },
    /// A feed the deployment does not have.
    #[error("unknown feed `{feed}` (known: {known})")]
    UnknownFeed {
        /// The name in the row.
        feed: String,
        /// The feeds there are, comma-separated.
        known: String,
    },
    /// The same feed twice in one block (two timestamps that fall in the same block, or a repeated row).
    #[error("feed `{feed}` is priced twice in block {block} (first on line {first_line})")]
    DuplicateFeed {
        /// The feed.
        feed: String,
        /// The block.
        block: u64,
        /// Where it was first priced.
        first_line: usize,
    },
    /// A row with a feed and no price, or a price and no feed.
    #[error("a row needs both a feed and a price (or neither, to mark a block with no update)")]
    HalfRow,
    /// A gas multiplier that is NaN, infinite, zero or negative.
    #[error("gas_multiplier {value} must be a finite number > 0")]
    BadGas {
        /// The multiplier.
        value: f64,
    },
    /// Two rows of one block that disagree on its gas multiplier.
    #[error("gas_multiplier {value} differs from {previous} on an earlier row of block {block}")]
    GasConflict {
        /// The block.
        block: u64,
        /// This row's multiplier.
        value: f64,
        /// The earlier row's.
        previous: f64,
    },
    /// A timestamp CSV read with a block time of 0 (no way to turn seconds into blocks).
    #[error("timestamps need a block time of at least 1 second, got 0")]
    ZeroBlockTime,
}
