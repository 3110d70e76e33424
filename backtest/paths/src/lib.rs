//! Price paths for the backtest.
