use std::path::{Path, PathBuf};

use proptest::prelude::*;

use super::*;
use crate::error::{CsvProblem, PathError};
use crate::path::{PathStep, PricePath};

fn feeds() -> Vec<String> {
    ["WETH", "WBTC", "USDC"].map(String::from).to_vec()
}

fn parse(text: &str) -> Result<PricePath, PathError> {
    parse_csv(text, "p.csv", &feeds(), 12)
}

/// A file in the system temp directory, removed when dropped.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str, text: &str) -> Self {
        let path =
            std::env::temp_dir().join(format!("cantilever-paths-{}-{name}", std::process::id()));
        std::fs::write(&path, text).unwrap();
        Self(path)
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[test]
fn groups_rows_by_block_and_leaves_absent_feeds_unupdated() {
    let text =
        "# recorded on the devnet\nblock,feed,price\n1,WETH,3000\n1,USDC,1\n\n4,WETH,2900.5\n5,,\n";
    let path = parse(text).unwrap();
    assert_eq!(path.name, "p.csv");
    assert_eq!(path.feeds, feeds());
    assert_eq!(
        path.steps,
        vec![
            PathStep {
                block: 1,
                prices: vec![Some(3000.0), None, Some(1.0)],
                gas_multiplier: 1.0,
                market: Vec::new(),
            },
            PathStep {
                block: 4,
                prices: vec![Some(2900.5), None, None],
                gas_multiplier: 1.0,
                market: Vec::new(),
            },
            PathStep {
                block: 5,
                prices: vec![None, None, None],
                gas_multiplier: 1.0,
                market: Vec::new(),
            },
        ]
    );
}

#[test]
fn timestamps_become_block_offsets_from_the_first_row() {
    let text = "timestamp,feed,price\n1700000000,WETH,3000\n1700000011,WBTC,60000\n1700000012,WETH,2990\n1700000120,WETH,2900\n";
    let path = parse(text).unwrap();
    let blocks: Vec<u64> = path.steps.iter().map(|s| s.block).collect();
    // 11 s is still the first 12-second block; 12 s is the next; 120 s is ten blocks on.
    assert_eq!(blocks, [1, 2, 11]);
    assert_eq!(
        path.steps[0].prices,
        vec![Some(3000.0), Some(60000.0), None]
    );
}

#[test]
fn gas_multiplier_column_applies_to_its_block() {
    let text = "Block, Feed, Price, Gas_Multiplier\n1,WETH,3000,\n2,WETH,2000,20\n2,WBTC,50000,\n3,,,1.5\n";
    let gas: Vec<f64> = parse(text)
        .unwrap()
        .steps
        .iter()
        .map(|s| s.gas_multiplier)
        .collect();
    assert_eq!(gas, [1.0, 20.0, 1.5]);
}

/// Each bad input, the line the error must name, and the problem.
#[test]
fn each_bad_input_names_its_line_and_problem() {
    let h = "block,feed,price\n";
    let cases: Vec<(String, usize, CsvProblem)> = vec![
        (String::new(), 1, CsvProblem::Empty),
        ("# only a comment\n\n".into(), 1, CsvProblem::Empty),
        (
            "height,feed,price\n1,WETH,1\n".into(),
            1,
            CsvProblem::BadHeader,
        ),
        ("block,feed\n1,WETH\n".into(), 1, CsvProblem::BadHeader),
        ("\nblock,feed,price\n".into(), 2, CsvProblem::NoRows),
        (
            format!("{h}1,WETH,3000\n2,WETH\n"),
            3,
            CsvProblem::Columns {
                expected: 3,
                found: 2,
            },
        ),
        (
            format!("{h}1,WETH,3000,7\n"),
            2,
            CsvProblem::Columns {
                expected: 3,
                found: 4,
            },
        ),
        (
            format!("{h}1,WETH,3000\nx2,WETH,1\n"),
            3,
            CsvProblem::BadNumber {
                column: "block",
                value: "x2".into(),
                kind: "whole number",
            },
        ),
        (
            format!("{h}1,WETH,30o0\n"),
            2,
            CsvProblem::BadNumber {
                column: "price",
                value: "30o0".into(),
                kind: "number",
            },
        ),
        (format!("{h}0,WETH,3000\n"), 2, CsvProblem::BlockZero),
        (
            format!("{h}1,WETH,3000\n5,WETH,2000\n\n4,WETH,1000\n"),
            5,
            CsvProblem::NotIncreasing {
                column: "block",
                value: 4,
                previous: 5,
            },
        ),
        (
            "timestamp,feed,price\n100,WETH,1\n99,WETH,1\n".into(),
            3,
            CsvProblem::NotIncreasing {
                column: "timestamp",
                value: 99,
                previous: 100,
            },
        ),
        (
            format!("{h}1,WETH,3000\n2,WBTC,0\n"),
            3,
            CsvProblem::BadPrice { value: 0.0 },
        ),
        (
            format!("{h}1,WETH,-5\n"),
            2,
            CsvProblem::BadPrice { value: -5.0 },
        ),
        (
            format!("{h}1,WETH,inf\n"),
            2,
            CsvProblem::BadPrice {
                value: f64::INFINITY,
            },
        ),
        (
            format!("{h}1,WETH,3000\n2,DOGE,0.1\n"),
            3,
            CsvProblem::UnknownFeed {
                feed: "DOGE".into(),
                known: "WETH, WBTC, USDC".into(),
            },
        ),
        (
            format!("{h}1,WETH,3000\n1,WETH,3001\n"),
            3,
            CsvProblem::DuplicateFeed {
                feed: "WETH".into(),
                block: 1,
                first_line: 2,
            },
        ),
        (format!("{h}1,WETH,\n"), 2, CsvProblem::HalfRow),
        (format!("{h}1,,3000\n"), 2, CsvProblem::HalfRow),
        (
            "block,feed,price,gas_multiplier\n1,WETH,1,0\n".into(),
            2,
            CsvProblem::BadGas { value: 0.0 },
        ),
        (
            "block,feed,price,gas_multiplier\n1,WETH,1,2\n1,WBTC,1,3\n".into(),
            3,
            CsvProblem::GasConflict {
                block: 1,
                value: 3.0,
                previous: 2.0,
            },
        ),
    ];
    for (text, line, problem) in cases {
        let err = parse(&text).unwrap_err();
        assert_eq!(
            (err.line(), err.csv_problem()),
            (Some(line), Some(&problem)),
            "{text:?}: {err}"
        );
    }
}

#[test]
fn nan_price_is_refused_on_its_line() {
    // NaN != NaN, so this case cannot go through the table's equality.
    let err = parse("block,feed,price\n1,WETH,3000\n2,WETH,NaN\n").unwrap_err();
    assert_eq!(err.line(), Some(3));
    assert!(matches!(err.csv_problem(), Some(CsvProblem::BadPrice { value }) if value.is_nan()));
    assert_eq!(
        err.to_string(),
        "p.csv line 3: price NaN must be a finite number > 0: `2,WETH,NaN`"
    );
}

#[test]
fn messages_are_one_line_naming_file_line_and_text() {
    let err = parse("block,feed,price\n1,WETH,3000\n2,DOGE,0.1\n").unwrap_err();
    assert_eq!(
        err.to_string(),
        "p.csv line 3: unknown feed `DOGE` (known: WETH, WBTC, USDC): `2,DOGE,0.1`"
    );
    let long = format!("block,feed,price\n1,WETH,{}\n", "9".repeat(500));
    let message = parse(&long).unwrap_err().to_string();
    assert!(!message.contains('\n') && message.len() < 300, "{message}");
}

#[test]
fn timestamps_need_a_block_time() {
    let err = parse_csv("timestamp,feed,price\n1,WETH,1\n", "p.csv", &feeds(), 0).unwrap_err();
    assert_eq!(err.csv_problem(), Some(&CsvProblem::ZeroBlockTime));
    // Block CSVs do not use it.
    assert!(parse_csv("block,feed,price\n1,WETH,1\n", "p.csv", &feeds(), 0).is_ok());
}

#[test]
fn missing_file_names_the_file() {
    let missing = Path::new("/nonexistent/cantilever/prices.csv");
    let err = read_csv(missing, &feeds(), 12).unwrap_err();
    assert!(matches!(&err, PathError::Read { path, .. } if path == missing));
    assert!(
        err.to_string()
            .starts_with("cannot read price path /nonexistent/cantilever/prices.csv: ")
    );
}

#[test]
fn read_csv_names_the_path_after_the_file_and_reports_its_lines() {
    let good = TempFile::new("good.csv", "block,feed,price\n1,WETH,3000\n");
    assert_eq!(
        read_csv(&good.0, &feeds(), 12).unwrap().name,
        good.0.file_name().unwrap().to_string_lossy()
    );
    let bad = TempFile::new("bad.csv", "block,feed,price\n1,WETH,3000\n2,WETH,-1\n");
    let message = read_csv(&bad.0, &feeds(), 12).unwrap_err().to_string();
    assert!(
        message.ends_with("bad.csv line 3: price -1 must be a finite number > 0: `2,WETH,-1`"),
        "{message}"
    );
}

#[test]
fn small_file_round_trips_through_disk() {
    let text = "block,feed,price,gas_multiplier\n1,WETH,3000.25,1\n1,USDC,0.9999,1\n3,WBTC,61000,20\n7,,,1\n";
    let path = parse(text).unwrap();
    let file = TempFile::new("round.csv", "");
    write_csv(&path, &file.0).unwrap();
    let mut back = read_csv(&file.0, &feeds(), 12).unwrap();
    back.name = path.name.clone();
    assert_eq!(back, path);
    assert_eq!(path.to_csv(), text);
}

/// Any valid path survives `to_csv` and `parse_csv` bit for bit.
fn any_path() -> impl Strategy<Value = PricePath> {
    let price = prop_oneof![Just(None), (1e-12f64..1e12).prop_map(Some)];
    let step = (
        1u64..5,
        prop::collection::vec(price, 3),
        prop_oneof![Just(1.0), 1.0f64..100.0],
    );
    prop::collection::vec(step, 1..20).prop_map(|steps| {
        let mut block = 0;
        let steps = steps
            .into_iter()
            .map(|(gap, prices, gas_multiplier)| {
                block += gap;
                PathStep {
                    block,
                    prices,
                    gas_multiplier,
                    market: Vec::new(),
                }
            })
            .collect();
        PricePath {
            name: "p.csv".into(),
            feeds: feeds(),
            steps,
        }
    })
}

proptest! {
    #[test]
    fn csv_round_trip(path in any_path()) {
        let back = parse(&path.to_csv()).unwrap();
        prop_assert_eq!(back, path);
    }
}
