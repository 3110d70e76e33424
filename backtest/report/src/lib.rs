//! Backtest results and reports.
