//! Merging shards: equal to one run byte for byte, and every inconsistency rejected.

use crate::fixture::{full, result_of, run, shards};
use cantilever_report::{ReportError, Shard, merge};

#[test]
fn merge_of_shards_equals_one_run_byte_for_byte() {
    let one = full().to_json();
    for count in [1, 2, 5] {
        let mut parts = shards(count);
        parts.reverse();
        let merged = merge(parts).unwrap();
        assert_eq!(merged.shard, None);
        assert_eq!(merged.to_json(), one, "{count} shards");
    }
}

#[test]
fn merge_rejects_mismatched_inputs() {
    let mut parts = shards(2);
    parts[1].inputs["steps"] = 51.into();
    let e = merge(parts).unwrap_err();
    assert!(
        matches!(
            e,
            ReportError::Mismatch {
                part: 1,
                field: "inputs"
            }
        ),
        "{e}"
    );

    let mut parts = shards(2);
    parts[1].commit = "def456".into();
    assert!(matches!(
        merge(parts),
        Err(ReportError::Mismatch {
            field: "commit",
            ..
        })
    ));

    let mut parts = shards(2);
    parts[0].version = "0.2.0".into();
    assert!(matches!(
        merge(parts),
        Err(ReportError::Mismatch {
            field: "version",
            ..
        })
    ));
}

#[test]
fn merge_rejects_missing_shard() {
    let mut parts = shards(3);
    parts.remove(1);
    let e = merge(parts).unwrap_err();
    assert!(
        matches!(&e, ReportError::MissingShards { missing, count: 3 } if missing == &[1]),
        "{e}"
    );
}

#[test]
fn merge_rejects_duplicate_shard() {
    let mut parts = shards(2);
    parts.push(parts[0].clone());
    let e = merge(parts).unwrap_err();
    assert!(e.to_string().contains("given twice"), "{e}");
}

#[test]
fn merge_rejects_duplicate_run_key() {
    let mut parts = shards(2);
    let dup = parts[0].runs[0].clone();
    let mut runs = parts[1].runs.clone();
    runs.push(dup);
    parts[1] = result_of(runs, parts[1].shard);
    let e = merge(parts).unwrap_err();
    assert!(matches!(e, ReportError::DuplicateRun { .. }), "{e}");
}

#[test]
fn merge_rejects_bad_shard_numbers() {
    assert!(matches!(merge(Vec::new()), Err(ReportError::NoParts)));
    assert!(matches!(
        merge(vec![full()]),
        Err(ReportError::BadShard { part: 0, .. })
    ));

    let mut parts = shards(2);
    parts[1].shard = Some(Shard { index: 1, count: 3 });
    assert!(
        merge(parts)
            .unwrap_err()
            .to_string()
            .contains("shard count 3")
    );

    let mut parts = shards(2);
    parts[1].shard = Some(Shard { index: 2, count: 2 });
    assert!(merge(parts).unwrap_err().to_string().contains("not below"));

    let zero = result_of(
        vec![run("greedy", 0, 1, "calm")],
        Some(Shard { index: 0, count: 0 }),
    );
    assert!(matches!(
        merge(vec![zero]),
        Err(ReportError::BadShard { .. })
    ));
}

#[test]
fn merge_of_shards_read_from_disk_equals_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let parts: Vec<_> = shards(3)
        .into_iter()
        .enumerate()
        .map(|(i, part)| {
            let path = dir.path().join(format!("shard-{i}.json"));
            part.write_atomic(&path).unwrap();
            cantilever_report::BacktestResult::read(&path).unwrap()
        })
        .collect();
    assert_eq!(merge(parts).unwrap().to_json(), full().to_json());
}
