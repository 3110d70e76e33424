//! Integration tests of cantilever-report, one module per scenario, sharing the sweep fixture.

mod compare;
mod fixture;
mod html;
mod json;
mod merge;
mod table;
