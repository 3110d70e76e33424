//! `cantilever backtest` as a user runs it: the real binary on the bundled scenario. Bad input ends with one
//! line naming the problem, a non-zero exit and no report; two shards merged by `backtest merge` give the
//! same result file, byte for byte, as one run.

use std::path::Path;
use std::process::{Command, Output};

fn cantilever(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cantilever"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("the binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A small sweep: the crash path, the daemon's strategy, two worlds, two seeds.
const SMALL: &[&str] = &[
    "backtest",
    "--path",
    "crash",
    "--strategy",
    "greedy",
    "--seeds",
    "2",
    "--detection-lag",
    "0",
    "--rival-probability",
    "0,0.3",
    "--quiet",
];

#[test]
fn bad_input_is_one_line_a_failure_and_no_report() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("bad.csv");
    std::fs::write(&csv, "block,feed,price\n1,WETH,3000\n2,WETH,NaN\n").unwrap();
    let cases: Vec<(Vec<String>, &str)> = vec![
        (vec!["--path".into(), csv.display().to_string()], "line 3"),
        (vec!["--path".into(), "no-such.csv".into()], "no-such.csv"),
        (
            vec!["--path".into(), "sideways".into()],
            "neither a built-in path",
        ),
        (
            vec!["--strategy".into(), "yolo".into()],
            "--strategy yolo: unknown",
        ),
        (
            vec!["--strategy".into(), "gas-aware:0.5".into()],
            "must be a number of at least 1",
        ),
        (vec!["--shard".into(), "2/2".into()], "--shard 2/2"),
        (
            vec!["--rival-probability".into(), "1.5".into()],
            "rival_probability",
        ),
        (
            vec!["--scenario".into(), "missing-dir".into()],
            "missing-dir",
        ),
    ];
    for (extra, expected) in cases {
        let out = dir.path().join("out");
        let mut args = vec![
            "backtest".to_string(),
            "--quiet".into(),
            "--out".into(),
            out.display().to_string(),
        ];
        args.extend(extra.iter().cloned());
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = cantilever(&refs, dir.path());
        let err = stderr(&o);
        assert!(!o.status.success(), "{extra:?} succeeded");
        assert!(
            err.contains(expected),
            "{extra:?}: expected {expected:?} in {err}"
        );
        assert!(!err.contains("panicked"), "{extra:?} panicked: {err}");
        assert!(
            err.lines().next().is_some_and(|l| l.starts_with("error: ")),
            "{extra:?}: {err}"
        );
        assert!(
            !out.join("result.json").exists() && !out.join("report.html").exists(),
            "{extra:?} left a report"
        );
    }
}

#[test]
fn two_shards_merged_are_one_run_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let run = |extra: &[&str]| {
        let mut args = SMALL.to_vec();
        args.extend_from_slice(extra);
        let o = cantilever(&args, dir.path());
        assert!(o.status.success(), "{extra:?}: {}", stderr(&o));
    };
    run(&["--out", "one"]);
    run(&["--out", "s0", "--shard", "0/2"]);
    run(&["--out", "s1", "--shard", "1/2"]);
    let o = cantilever(
        &[
            "backtest",
            "merge",
            "s1/result.json",
            "s0/result.json",
            "--out",
            "merged",
        ],
        dir.path(),
    );
    assert!(o.status.success(), "merge: {}", stderr(&o));
    let one = std::fs::read(dir.path().join("one/result.json")).unwrap();
    let merged = std::fs::read(dir.path().join("merged/result.json")).unwrap();
    assert!(one == merged, "the merged result differs from one run");
    let html = std::fs::read_to_string(dir.path().join("merged/report.html")).unwrap();
    assert!(html.contains("<svg"), "the report has plots");
    let result: serde_json::Value = serde_json::from_slice(&one).unwrap();
    let runs = result["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 4, "2 worlds x 2 seeds");
    assert!(
        runs.iter()
            .any(|r| r["metrics"]["captured"].as_u64() > Some(0)),
        "the crash liquidated something"
    );
    // Merging a shard with itself is refused.
    let o = cantilever(
        &[
            "backtest",
            "merge",
            "s0/result.json",
            "s0/result.json",
            "--out",
            "bad",
        ],
        dir.path(),
    );
    assert!(
        !o.status.success() && stderr(&o).starts_with("error: "),
        "{}",
        stderr(&o)
    );
}
