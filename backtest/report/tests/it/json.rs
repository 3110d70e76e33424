//! The result file: deterministic JSON, atomic writes, clean errors on bad files.

use crate::fixture::{entries, full, inputs, result_of, runs};
use cantilever_report::{BacktestResult, ReportError};
use std::fs;

#[test]
fn to_json_is_independent_of_run_order() {
    let a = full();
    let mut reversed = runs();
    reversed.reverse();
    let b = result_of(reversed, None);
    let mut rotated = runs();
    rotated.rotate_left(7);
    let c = result_of(rotated, None);
    assert_eq!(a.to_json(), b.to_json());
    assert_eq!(a.to_json(), c.to_json());
    assert!(a.runs.windows(2).all(|w| w[0].key < w[1].key));
}

#[test]
fn summary_has_one_group_per_strategy_and_params() {
    let r = full();
    assert_eq!(r.summary.len(), 6);
    assert!(r.summary.iter().all(|s| s.runs == 6));
    let labels: Vec<String> = r.summary.iter().map(|s| s.label()).collect();
    assert_eq!(labels[0], "greedy [detection_lag=0, gas=fast]");
    assert_eq!(labels[3], "patient [detection_lag=0, gas=fast]");
    assert!(r.validate().is_ok());
}

#[test]
fn write_then_read_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("result.json");
    let r = full();
    r.write_atomic(&path).unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), r.to_json());
    let back = BacktestResult::read(&path).unwrap();
    assert_eq!(back, r);
    assert_eq!(back.to_json(), r.to_json());
    assert_eq!(entries(dir.path()), ["result.json"]);
}

#[test]
fn write_atomic_of_invalid_result_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("result.json");
    let mut all = runs();
    all[4].metrics.pnl_usd = f64::NAN;
    let e = result_of(all, None).write_atomic(&path).unwrap_err();
    assert!(matches!(e, ReportError::Invalid { .. }), "{e}");
    let msg = e.to_string();
    assert!(
        msg.contains("result.json") && msg.contains("pnl_usd is NaN"),
        "{msg}"
    );
    assert!(entries(dir.path()).is_empty(), "{:?}", entries(dir.path()));
}

#[test]
fn write_atomic_failure_keeps_old_file_and_no_temp() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("result.json");
    full().write_atomic(&path).unwrap();
    let before = fs::read_to_string(&path).unwrap();
    let mut all = runs();
    all[0].metrics.gas_spent_wei = "-1".into();
    assert!(result_of(all, None).write_atomic(&path).is_err());
    assert_eq!(fs::read_to_string(&path).unwrap(), before);
    assert_eq!(entries(dir.path()), ["result.json"]);
}

#[test]
fn write_atomic_into_missing_dir_is_an_io_error() {
    let dir = tempfile::tempdir().unwrap();
    let e = full()
        .write_atomic(&dir.path().join("missing/result.json"))
        .unwrap_err();
    assert!(
        e.is_io() && e.to_string().contains("missing/result.json"),
        "{e}"
    );
    assert!(entries(dir.path()).is_empty());
}

#[test]
fn read_malformed_file_is_a_clean_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.json");
    let json = full().to_json();
    fs::write(&path, &json[..json.len() / 2]).unwrap();
    let e = BacktestResult::read(&path).unwrap_err();
    assert!(matches!(e, ReportError::Parse { .. }), "{e}");
    let msg = e.to_string();
    assert!(
        msg.contains("broken.json") && msg.contains("not a backtest result"),
        "{msg}"
    );
    assert!(!msg.contains('\n'));

    fs::write(&path, r#"{"version": 1}"#).unwrap();
    assert!(matches!(
        BacktestResult::read(&path),
        Err(ReportError::Parse { .. })
    ));

    let e = BacktestResult::read(&dir.path().join("absent.json")).unwrap_err();
    assert!(
        matches!(e, ReportError::Read { .. }) && e.to_string().contains("absent.json"),
        "{e}"
    );
}

#[test]
fn read_rejects_a_hand_edited_summary() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("edited.json");
    let mut r = full();
    r.summary[0].pnl_usd_mean += 1.0;
    fs::write(&path, r.to_json()).unwrap();
    let e = BacktestResult::read(&path).unwrap_err();
    assert!(e.to_string().contains("summary does not match"), "{e}");
}

#[test]
fn inputs_key_order_does_not_matter() {
    let mut a = serde_json::Map::new();
    a.insert("z".into(), 1.into());
    a.insert("a".into(), serde_json::json!({"y": 2, "b": 3}));
    let b: serde_json::Value = serde_json::from_str(r#"{"a": {"b": 3, "y": 2}, "z": 1}"#).unwrap();
    let ra = BacktestResult::new("v".into(), "c".into(), a.into(), None, runs());
    let rb = BacktestResult::new("v".into(), "c".into(), b, None, runs());
    assert_eq!(ra.to_json(), rb.to_json());
    assert_ne!(
        ra.to_json(),
        BacktestResult::new("v".into(), "c".into(), inputs(), None, runs()).to_json()
    );
}

#[test]
fn empty_result_is_valid() {
    let r = result_of(Vec::new(), None);
    assert!(r.summary.is_empty());
    assert!(r.validate().is_ok());
}
