//! The backtest engine.
