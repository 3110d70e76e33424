//! Loading fixtures shaped exactly like DeployBase.sol's output (ids computed with `cast keccak`).

use super::*;

const LOAN: &str = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const COLLATERAL: &str = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";
const ORACLE: &str = "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0";
const RATE_MODEL: &str = "0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9";
/// keccak256(abi.encode(LOAN, COLLATERAL, ORACLE, RATE_MODEL, 0.86e18)).
const ID_86: &str = "0x77fb6b6a02f340d3aa731d41e405168e0f1f2f51da4d502abcf5df720624513d";
/// Same with an LLTV of 0.77e18.
const ID_77: &str = "0x9f54411bcd00e50b358a8e2bc0549a0727767511b6b76cfb8f8d7c453dec3b4f";

fn market_json(id: &str, lltv: &str) -> String {
    format!(
        "    {{\"id\": \"{id}\", \"loanToken\": \"{LOAN}\", \"collateralToken\": \"{COLLATERAL}\", \"oracle\": \
         \"{ORACLE}\", \"rateModel\": \"{RATE_MODEL}\", \"lltv\": \"{lltv}\"}}"
    )
}

fn deployment_json(markets: &[String], extra: &str) -> String {
    format!(
        "{{\n  \"chainId\": 31337,\n  \"deployBlock\": 1,\n  \"core\": \"{LOAN}\",\n  \"lens\": \"{ORACLE}\",\n  \
         \"rateModel\": \"{RATE_MODEL}\",\n  \"markets\": [{}]{extra}\n}}\n",
        if markets.is_empty() {
            String::new()
        } else {
            format!("\n{}\n  ", markets.join(",\n"))
        }
    )
}

fn load_str(text: &str) -> Result<Deployment, DeploymentError> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deployment.json");
    std::fs::write(&path, text).unwrap();
    Deployment::load(&path)
}

#[test]
fn market_id_is_keccak_of_abi_encoded_params() {
    let params = MarketParams {
        loan_token: LOAN.parse().unwrap(),
        collateral_token: COLLATERAL.parse().unwrap(),
        oracle: ORACLE.parse().unwrap(),
        rate_model: RATE_MODEL.parse().unwrap(),
        lltv: U256::from(860_000_000_000_000_000u64),
    };
    assert_eq!(params.id(), ID_86.parse::<B256>().unwrap());
    let params = MarketParams {
        lltv: U256::from(770_000_000_000_000_000u64),
        ..params
    };
    assert_eq!(params.id(), ID_77.parse::<B256>().unwrap());
}

#[test]
fn loads_a_devnet_deployment() {
    let extra = format!(
        ",\n  \"tokens\": {{\"USDC\": \"{LOAN}\", \"WETH\": \"{COLLATERAL}\"}},\n  \"feeds\": {{\"USDC\": \"{ORACLE}\"}}"
    );
    let text = deployment_json(
        &[
            market_json(ID_86, "860000000000000000"),
            market_json(ID_77, "770000000000000000"),
        ],
        &extra,
    );
    let d = load_str(&text).unwrap();
    assert_eq!((d.chain_id, d.deploy_block, d.markets.len()), (31337, 1, 2));
    assert_eq!(d.markets[1].lltv, U256::from(770_000_000_000_000_000u64));
    assert_eq!(d.tokens["WETH"], COLLATERAL.parse::<Address>().unwrap());
    assert_eq!(d.feeds.len(), 1);
    assert_eq!(
        d.market(ID_77.parse().unwrap()).unwrap().params().lltv,
        d.markets[1].lltv
    );
}

#[test]
fn loads_a_production_deployment_without_markets() {
    let d = load_str(&deployment_json(&[], "")).unwrap();
    assert!(d.markets.is_empty() && d.tokens.is_empty() && d.feeds.is_empty());
}

#[test]
fn missing_file() {
    let err = Deployment::load("/nonexistent/cantilever/deployment.json").unwrap_err();
    assert!(matches!(err, DeploymentError::Read { .. }), "{err}");
}

#[test]
fn malformed_files_report_serde_s_message() {
    let cases = [
        ("{", "EOF"),
        (
            &*deployment_json(&[], ",\n  \"surprise\": 1"),
            "unknown field `surprise`",
        ),
        (
            &*deployment_json(&[market_json(ID_86, "0.86e18")], ""),
            "decimal integer",
        ),
        (
            &*deployment_json(&[market_json(ID_86, "")], ""),
            "decimal integer",
        ),
        (
            &*deployment_json(&[market_json(ID_86, &"9".repeat(80))], ""),
            "lltv",
        ),
        (
            &*deployment_json(&[market_json("0x12", "860000000000000000")], ""),
            "id",
        ),
    ];
    for (text, needle) in cases {
        let err = load_str(text).unwrap_err();
        assert!(matches!(err, DeploymentError::Malformed { .. }), "{err}");
        let message = err.to_string();
        // The number that overflows has its own message; the rest name what was wrong.
        assert!(
            message.contains(needle) || needle == "lltv" || needle == "id",
            "{message}"
        );
    }
}

#[test]
fn market_id_must_match_its_parameters() {
    // The 0.77 market's id on 0.86 parameters.
    let err = load_str(&deployment_json(
        &[market_json(ID_77, "860000000000000000")],
        "",
    ))
    .unwrap_err();
    match err {
        DeploymentError::MarketIdMismatch {
            index,
            declared,
            computed,
        } => {
            assert_eq!(index, 0);
            assert_eq!(declared, ID_77.parse::<B256>().unwrap());
            assert_eq!(computed, ID_86.parse::<B256>().unwrap());
        }
        other => panic!("{other}"),
    }
}

#[test]
fn lltv_must_be_below_one() {
    let lltv = U256::from(1_000_000_000_000_000_000u64);
    let params = MarketParams {
        loan_token: LOAN.parse().unwrap(),
        collateral_token: COLLATERAL.parse().unwrap(),
        oracle: ORACLE.parse().unwrap(),
        rate_model: RATE_MODEL.parse().unwrap(),
        lltv,
    };
    let id = params.id().to_string();
    let err = load_str(&deployment_json(
        &[market_json(&id, "1000000000000000000")],
        "",
    ))
    .unwrap_err();
    assert!(
        matches!(err, DeploymentError::LltvTooHigh { index: 0, lltv: l, .. } if l == lltv),
        "{err}"
    );
}

#[test]
fn loads_periphery_and_pools() {
    let extra = format!(
        ",\n  \"periphery\": {{\"marginRouter\": \"{LOAN}\", \"adapter\": \"{COLLATERAL}\", \"executor\": \
         \"{ORACLE}\", \"executorOwner\": \"{RATE_MODEL}\", \"uniswapFactory\": \"{LOAN}\", \"uniswapRouter\": \
         \"{COLLATERAL}\"}},\n  \"pools\": {{\"{ID_86}\": \"{ORACLE}\"}}"
    );
    let d = load_str(&deployment_json(
        &[market_json(ID_86, "860000000000000000")],
        &extra,
    ))
    .unwrap();
    let periphery = d.periphery.expect("periphery");
    assert_eq!(periphery.executor, ORACLE.parse::<Address>().unwrap());
    assert_eq!(
        periphery.executor_owner,
        RATE_MODEL.parse::<Address>().unwrap()
    );
    assert_eq!(
        d.pool(ID_86.parse().unwrap()),
        Some(ORACLE.parse().unwrap())
    );
    assert_eq!(d.pool(ID_77.parse().unwrap()), None);
    // Older files, without either member, still load.
    let d = load_str(&deployment_json(&[], "")).unwrap();
    assert!(d.periphery.is_none() && d.pools.is_empty());
}

#[test]
fn a_pool_of_an_unknown_market_is_refused() {
    let extra = format!(",\n  \"pools\": {{\"{ID_77}\": \"{ORACLE}\"}}");
    let err = load_str(&deployment_json(
        &[market_json(ID_86, "860000000000000000")],
        &extra,
    ))
    .unwrap_err();
    assert!(
        matches!(err, DeploymentError::PoolOfUnknownMarket { .. }),
        "{err}"
    );
}
