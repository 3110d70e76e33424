//! Config loading, overrides, validation against a deployment, keys and keystores.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use alloy::signers::k256::elliptic_curve::rand_core::OsRng;
use alloy::signers::local::PrivateKeySigner;
use alloy_primitives::{Address, B256, U256};

use super::*;
use cantilever_primitives::deployment::{DeployedMarket, MarketParams};

/// A minimal config: the four required sections.
const MINIMAL: &str = r#"
[chain]
rpc_url = "http://127.0.0.1:8545"
[deployment]
path = "deployment.json"
[signer]
key = "env:KEEPER_KEY"
[index]
store = "index.redb"
"#;

/// anvil's dev account 0 (a public test key).
const DEV_KEY: &str = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    /// Loads `text` as keeper.toml with these environment variables and overrides.
    fn load_with(&self, text: &str, env: &[(&str, &str)], overrides: &Overrides) -> Result<Config> {
        let path = self.write("keeper.toml", text);
        let env: BTreeMap<String, String> = env
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        Config::load(&path, &|name| env.get(name).cloned(), overrides)
    }

    fn load(&self, text: &str) -> Result<Config> {
        self.load_with(text, &[], &Overrides::default())
    }
}

/// `MINIMAL` with `line` added to `[section]` (a later duplicate section would be a TOML error).
fn with(section: &str, line: &str) -> String {
    let header = format!("[{section}]\n");
    if MINIMAL.contains(&header) {
        MINIMAL.replacen(&header, &format!("{header}{line}\n"), 1)
    } else {
        format!("{MINIMAL}{header}{line}\n")
    }
}

fn no_env(_: &str) -> Option<String> {
    None
}

fn market(lltv: u64) -> DeployedMarket {
    let params = MarketParams {
        loan_token: Address::repeat_byte(1),
        collateral_token: Address::repeat_byte(2),
        oracle: Address::repeat_byte(3),
        rate_model: Address::repeat_byte(4),
        lltv: U256::from(lltv),
    };
    DeployedMarket {
        id: params.id(),
        loan_token: params.loan_token,
        collateral_token: params.collateral_token,
        oracle: params.oracle,
        rate_model: params.rate_model,
        lltv: params.lltv,
    }
}

fn deployment() -> Deployment {
    let deployment = Deployment {
        chain_id: 31337,
        deploy_block: 1,
        core: Address::repeat_byte(0xc0),
        lens: Address::repeat_byte(0x1e),
        rate_model: Address::repeat_byte(4),
        markets: vec![
            market(860_000_000_000_000_000),
            market(770_000_000_000_000_000),
        ],
        tokens: BTreeMap::new(),
        feeds: BTreeMap::new(),
        periphery: Some(cantilever_primitives::deployment::Periphery {
            margin_router: Address::repeat_byte(0x10),
            adapter: Address::repeat_byte(0x11),
            executor: Address::repeat_byte(0xee),
            executor_owner: Address::repeat_byte(0x12),
            uniswap_factory: Address::repeat_byte(0x13),
            uniswap_router: Address::repeat_byte(0x14),
        }),
        pools: BTreeMap::new(),
    };
    deployment.verify().unwrap();
    deployment
}

#[test]
fn minimal_config_gets_defaults_and_anchored_paths() {
    let f = Fixture::new();
    let config = f.load(MINIMAL).unwrap();
    assert_eq!(config.chain.poll_interval_ms, 1_000);
    assert_eq!(config.deployment.path, f.dir.path().join("deployment.json"));
    assert_eq!(config.index.store, f.dir.path().join("index.redb"));
    assert_eq!(
        config.strategy,
        cantilever_planner::StrategyParams::default()
    );
    assert_eq!(config.executor.bump_percent, 13);
    assert_eq!(
        config.telemetry.log_format,
        crate::telemetry::LogFormat::Pretty
    );
    // The oracle trigger is on, polled as often as the head.
    assert_eq!(
        config.oracle_trigger(),
        crate::OracleTrigger::on(Duration::from_millis(1_000))
    );
    config.validate(&deployment()).unwrap();
}

#[test]
fn sections_whose_fields_all_have_defaults_may_be_left_out() {
    let f = Fixture::new();
    let without_index = MINIMAL.replace("[index]\nstore = \"index.redb\"\n", "");
    assert!(!without_index.contains("[index]"));
    let config = f.load(&without_index).unwrap();
    let defaults = cantilever_index::IndexConfig::default();
    assert_eq!(config.index.store, f.dir.path().join(&defaults.store));
    assert_eq!(config.index.max_range, defaults.max_range);
    assert_eq!(config.index.reorg_depth, defaults.reorg_depth);
    assert_eq!(
        config.executor.priority_fee_gwei.0,
        cantilever_exec::ExecConfig::default().priority_fee_wei
    );
    config.validate(&deployment()).unwrap();
}

#[test]
fn example_config_parses_and_validates() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../keeper.example.toml");
    let config = Config::load(&path, &no_env, &Overrides::default()).unwrap();
    config.validate(&deployment()).unwrap();
    assert_eq!(config.chain.chain_id, Some(31337));
    assert_eq!(
        config.strategy.min_profit,
        Ether(U256::from(1_000_000_000_000_000u64))
    );
    assert_eq!(
        config.strategy.max_gas_price_gwei,
        Some(Gwei(200_000_000_000))
    );
    assert_eq!(
        config.executor_address(&deployment()).unwrap(),
        Address::repeat_byte(0xee)
    );
    assert!(
        matches!(config.signer.key, KeyRef::Keystore(ref p) if p.ends_with("keeper.keystore.json"))
    );
    assert_eq!(
        config.telemetry.metrics_addr,
        Some("127.0.0.1:9464".parse().unwrap())
    );
    let exec = config.exec_config(&no_env).unwrap();
    exec.validate().unwrap();
    assert_eq!(exec.max_priority_fee_wei, Some(20_000_000_000));
    assert_eq!(config.oracle, OracleSection::default());
}

#[test]
fn oracle_trigger_keys_load_override_and_refuse_malformed_values() {
    let f = Fixture::new();
    let text = format!(
        "{MINIMAL}[oracle]\ntrigger = false\nwatch_pending = true\npoll_interval_ms = 50\n"
    );
    let config = f.load(&text).unwrap();
    assert_eq!(
        config.oracle_trigger(),
        crate::OracleTrigger {
            enabled: false,
            watch_pending: true,
            poll_interval: Duration::from_millis(50),
        }
    );
    // The environment overrides each key; an empty value clears the interval back to the head's.
    let env = [
        ("CANTILEVER_ORACLE_TRIGGER", "true"),
        ("CANTILEVER_ORACLE_WATCH_PENDING", "false"),
        ("CANTILEVER_ORACLE_POLL_INTERVAL_MS", ""),
    ];
    let config = f.load_with(&text, &env, &Overrides::default()).unwrap();
    assert_eq!(
        config.oracle_trigger(),
        crate::OracleTrigger::on(Duration::from_millis(1_000))
    );
    // Malformed values name the field (file) or the variable (environment).
    for line in [
        "trigger = \"yes\"",
        "watch_pending = 1",
        "poll_interval_ms = -5",
        "poll_interval = 50",
    ] {
        let err = f.load(&with("oracle", line)).unwrap_err();
        let key = line.split(' ').next().unwrap();
        assert!(
            matches!(&err, ConfigError::Parse { message, .. } if message.contains(key)),
            "{line}: {err}"
        );
    }
    let err = f
        .load_with(
            MINIMAL,
            &[("CANTILEVER_ORACLE_TRIGGER", "maybe")],
            &Overrides::default(),
        )
        .unwrap_err();
    assert!(
        matches!(&err, ConfigError::BadValue { origin, .. } if origin == "CANTILEVER_ORACLE_TRIGGER"),
        "{err:?}"
    );
    let err = f.load(&with("oracle", "poll_interval_ms = 0")).unwrap_err();
    assert!(
        matches!(&err, ConfigError::Limit { field, .. } if *field == "oracle.poll_interval_ms"),
        "{err:?}"
    );
}

#[test]
fn unknown_field_is_rejected_naming_it_and_the_file() {
    let f = Fixture::new();
    let err = f
        .load(&with("chain", "rpc_ulr = \"http://x\""))
        .unwrap_err();
    let ConfigError::Parse { path, message } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(path, &f.dir.path().join("keeper.toml"));
    assert!(message.contains("rpc_ulr"), "{message}");
    assert!(err.to_string().contains("keeper.toml"));
    // A whole unknown section too.
    let err = f.load(&format!("{MINIMAL}[extra]\na = 1\n")).unwrap_err();
    assert!(
        matches!(&err, ConfigError::Parse { message, .. } if message.contains("extra")),
        "{err}"
    );
}

#[test]
fn env_beats_file_and_flags_beat_env() {
    let f = Fixture::new();
    let text = with("chain", "poll_interval_ms = 500");
    let env = [
        ("CANTILEVER_CHAIN_RPC_URL", "https://env.example:8545"),
        ("CANTILEVER_CHAIN_POLL_INTERVAL_MS", "250"),
        ("CANTILEVER_EXECUTOR_DRY_RUN", "true"),
        ("CANTILEVER_STRATEGY_MIN_PROFIT", "0.5"),
        ("CANTILEVER_TELEMETRY_LOG_FORMAT", "json"),
    ];
    let config = f.load_with(&text, &env, &Overrides::default()).unwrap();
    assert_eq!(config.chain.rpc_url, "https://env.example:8545");
    assert_eq!(config.chain.poll_interval_ms, 250);
    assert!(config.executor.dry_run);
    assert_eq!(
        config.strategy.min_profit,
        Ether(U256::from(500_000_000_000_000_000u64))
    );
    assert_eq!(
        config.telemetry.log_format,
        crate::telemetry::LogFormat::Json
    );

    let overrides = Overrides {
        rpc_url: Some("http://flag.example".into()),
        dry_run: Some(false),
        store: Some(PathBuf::from("/tmp/flag.redb")),
        ..Overrides::default()
    };
    let config = f.load_with(&text, &env, &overrides).unwrap();
    assert_eq!(config.chain.rpc_url, "http://flag.example");
    assert!(!config.executor.dry_run);
    assert_eq!(config.index.store, PathBuf::from("/tmp/flag.redb"));
    // Untouched by flags: the environment still wins over the file.
    assert_eq!(config.chain.poll_interval_ms, 250);
}

#[test]
fn bad_env_value_names_the_variable() {
    let f = Fixture::new();
    let err = f
        .load_with(
            MINIMAL,
            &[("CANTILEVER_INDEX_MAX_RANGE", "lots")],
            &Overrides::default(),
        )
        .unwrap_err();
    assert!(
        matches!(&err, ConfigError::BadValue { origin, .. } if origin == "CANTILEVER_INDEX_MAX_RANGE"),
        "{err:?}"
    );
    // Env values go through the same validation as the file's.
    let err = f
        .load_with(
            MINIMAL,
            &[("CANTILEVER_INDEX_MAX_RANGE", "0")],
            &Overrides::default(),
        )
        .unwrap_err();
    assert!(
        matches!(
            err,
            ConfigError::Limit {
                field: "index.max_range",
                ..
            }
        ),
        "{err:?}"
    );
    let err = f
        .load_with(
            MINIMAL,
            &[("CANTILEVER_CHAIN_RPC_URL", "ftp://x")],
            &Overrides::default(),
        )
        .unwrap_err();
    assert!(
        matches!(&err, ConfigError::BadUrl { origin, .. } if origin == "CANTILEVER_CHAIN_RPC_URL"),
        "{err:?}"
    );
    // A comma-separated list, and an empty value clearing an optional field.
    let ids = deployment()
        .markets
        .iter()
        .map(|m| m.id.to_string())
        .collect::<Vec<_>>()
        .join(",");
    let config = f
        .load_with(
            &with("chain", "chain_id = 1"),
            &[
                ("CANTILEVER_MARKETS_ONLY", &ids),
                ("CANTILEVER_CHAIN_CHAIN_ID", ""),
            ],
            &Overrides::default(),
        )
        .unwrap();
    assert_eq!(config.markets.only.as_ref().map(Vec::len), Some(2));
    assert_eq!(config.chain.chain_id, None);
}

#[test]
fn bad_urls_are_refused() {
    let f = Fixture::new();
    for url in [
        "not a url",
        "ftp://127.0.0.1:8545",
        "127.0.0.1:8545",
        "http://",
    ] {
        let err = f
            .load(&MINIMAL.replace("http://127.0.0.1:8545", url))
            .unwrap_err();
        assert!(
            matches!(&err, ConfigError::BadUrl { url: u, origin, .. } if u == url && origin.contains("keeper.toml")),
            "{url}: {err:?}"
        );
    }
    let err = f
        .load(&with("executor", "relay_url = \"ftp://relay\""))
        .unwrap_err();
    assert!(matches!(err, ConfigError::BadUrl { .. }), "{err:?}");
    // The relay takes bundles over HTTP only.
    let err = f
        .load(&with("executor", "relay_url = \"ws://relay\""))
        .unwrap_err();
    assert!(
        matches!(&err, ConfigError::BadUrl { reason, .. } if reason.contains("http, https")),
        "{err:?}"
    );
}

#[test]
fn ws_urls_subscribe_to_heads_and_http_urls_poll() {
    let f = Fixture::new();
    for (url, subscribes) in [
        ("ws://127.0.0.1:8545", true),
        ("wss://node.example/v1", true),
        ("http://127.0.0.1:8545", false),
        ("https://node.example/v1", false),
    ] {
        let config = f
            .load(&MINIMAL.replace("http://127.0.0.1:8545", url))
            .unwrap();
        let heads = config.heads().unwrap();
        assert_eq!(
            heads,
            if subscribes {
                HeadSource::Subscribe(url.parse().unwrap())
            } else {
                HeadSource::Poll
            },
            "{url}"
        );
    }
}

#[test]
fn nonsensical_limits_are_refused() {
    let f = Fixture::new();
    let cases = [
        ("chain", "poll_interval_ms = 0", "chain.poll_interval_ms"),
        ("chain", "rpc_timeout_ms = 0", "chain.rpc_timeout_ms"),
        ("chain", "chain_id = 0", "chain.chain_id"),
        (
            "strategy",
            "safety_buffer_bps = 10001",
            "strategy.safety_buffer_bps",
        ),
        ("strategy", "gas_estimate = 0", "strategy.gas_estimate"),
        (
            "strategy",
            "max_gas_price_gwei = 0",
            "strategy.max_gas_price_gwei",
        ),
        ("executor", "bump_percent = 9", "executor.bump_percent"),
        (
            "executor",
            "bump_after_blocks = 0",
            "executor.bump_after_blocks",
        ),
        ("executor", "timeout_blocks = 0", "executor.timeout_blocks"),
        (
            "executor",
            "ledger_ttl_blocks = 10",
            "executor.ledger_ttl_blocks",
        ),
        (
            "executor",
            "max_priority_fee_gwei = 0.5",
            "executor.max_priority_fee_gwei",
        ),
        ("markets", "only = []", "markets.only"),
        ("oracle", "poll_interval_ms = 0", "oracle.poll_interval_ms"),
        ("index", "max_range = 0", "index.max_range"),
        ("index", "reorg_depth = 0", "index.reorg_depth"),
        (
            "telemetry",
            "stale_head_secs = 0",
            "telemetry.stale_head_secs",
        ),
        ("telemetry", "log_level = \" \"", "telemetry.log_level"),
    ];
    for (section, line, expected) in cases {
        let err = f.load(&with(section, line)).unwrap_err();
        assert!(
            matches!(err, ConfigError::Limit { field, .. } if field == expected),
            "{line}: {err:?}"
        );
    }
    // The boundaries themselves are fine.
    f.load(&with("strategy", "safety_buffer_bps = 10000"))
        .unwrap();
    f.load(&with("executor", "bump_percent = 10")).unwrap();
    // Negative and malformed amounts are parse errors naming the field.
    let err = f
        .load(&with("strategy", "min_profit = \"-1\""))
        .unwrap_err();
    assert!(
        matches!(&err, ConfigError::Parse { message, .. } if message.contains("min_profit")),
        "{err}"
    );
}

#[test]
fn amounts_are_exact() {
    let f = Fixture::new();
    let config = f
        .load(&format!(
            "{MINIMAL}[strategy]\nmin_profit = 0.1\nmax_gas_price_gwei = \"2.5\"\n[executor]\npriority_fee_gwei = 0.000000001\n"
        ))
        .unwrap();
    assert_eq!(
        config.strategy.min_profit.0,
        U256::from(100_000_000_000_000_000u64)
    );
    assert_eq!(
        config.strategy.max_gas_price_gwei,
        Some(Gwei(2_500_000_000))
    );
    assert_eq!(config.executor.priority_fee_gwei, Gwei(1));
    assert_eq!(
        config.strategy.min_profit_wei(),
        U256::from(100_000_000_000_000_000u64)
    );
}

#[test]
fn validate_checks_markets_chain_and_executor() {
    let f = Fixture::new();
    let d = deployment();
    let known = d.markets[1].id;
    let config = f
        .load(&with("markets", &format!("only = [\"{known}\"]")))
        .unwrap();
    config.validate(&d).unwrap();
    assert_eq!(config.market_ids(&d), vec![known]);

    let unknown = B256::repeat_byte(0xab);
    let config = f
        .load(&with(
            "markets",
            &format!("only = [\"{known}\", \"{unknown}\"]"),
        ))
        .unwrap();
    let err = config.validate(&d).unwrap_err();
    assert!(
        matches!(err, ConfigError::UnknownMarket { id } if id == unknown),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .contains(&format!("unknown market {unknown}"))
    );

    let config = f.load(&with("chain", "chain_id = 1")).unwrap();
    let err = config.validate(&d).unwrap_err();
    assert!(
        matches!(
            err,
            ConfigError::DeploymentChainMismatch {
                config: 1,
                deployment: 31337
            }
        ),
        "{err:?}"
    );

    let config = f
        .load(&with(
            "executor",
            &format!("contract = \"{}\"", Address::repeat_byte(7)),
        ))
        .unwrap();
    assert!(matches!(
        config.validate(&d),
        Err(ConfigError::ExecutorMismatch { .. })
    ));
    let config = f.load(MINIMAL).unwrap();
    let bare = Deployment {
        periphery: None,
        ..d
    };
    assert!(matches!(
        config.validate(&bare),
        Err(ConfigError::NoExecutor)
    ));
}

#[test]
fn inline_secrets_are_refused_everywhere_and_not_echoed() {
    let f = Fixture::new();
    let inline = MINIMAL.replace("env:KEEPER_KEY", DEV_KEY);
    let err = f.load(&inline).unwrap_err();
    assert!(
        matches!(
            err,
            ConfigError::InlineKey {
                field: "signer.key",
                ..
            }
        ),
        "{err:?}"
    );
    assert!(!err.to_string().contains(DEV_KEY) && !format!("{err:?}").contains(DEV_KEY));

    let err = f
        .load_with(
            MINIMAL,
            &[("CANTILEVER_SIGNER_KEY", DEV_KEY)],
            &Overrides::default(),
        )
        .unwrap_err();
    assert!(
        matches!(&err, ConfigError::InlineKey { origin, .. } if origin == "CANTILEVER_SIGNER_KEY"),
        "{err:?}"
    );
    assert!(!format!("{err} {err:?}").contains(DEV_KEY));

    let err = f
        .load(&with(
            "executor",
            &format!("relay_auth_key = \"0x{DEV_KEY}\""),
        ))
        .unwrap_err();
    assert!(
        matches!(
            err,
            ConfigError::InlineKey {
                field: "executor.relay_auth_key",
                ..
            }
        ),
        "{err:?}"
    );

    let err = f
        .load(&with("signer", "password = \"hunter2\""))
        .unwrap_err();
    assert!(
        matches!(
            err,
            ConfigError::InlinePassword {
                field: "signer.password",
                ..
            }
        ),
        "{err:?}"
    );
    assert!(!format!("{err} {err:?}").contains("hunter2"));

    let keystore = MINIMAL.replace("env:KEEPER_KEY", "keystore:k.json");
    assert!(matches!(
        f.load(&keystore),
        Err(ConfigError::MissingPassword { .. })
    ));
}

#[test]
fn env_key_reference() {
    let f = Fixture::new();
    let config = f.load(MINIMAL).unwrap();
    let expected: PrivateKeySigner = DEV_KEY.parse().unwrap();
    let signer = config
        .signer_with_env(&|name| (name == "KEEPER_KEY").then(|| format!("0x{DEV_KEY}\n")))
        .unwrap();
    assert_eq!(signer.address(), expected.address());

    let err = config.signer_with_env(&no_env).unwrap_err();
    assert!(
        matches!(&err, ConfigError::MissingEnv { var, .. } if var == "KEEPER_KEY"),
        "{err:?}"
    );
    let err = config
        .signer_with_env(&|_| Some("0x1234zz".into()))
        .unwrap_err();
    assert!(
        matches!(&err, ConfigError::BadPrivateKey { var } if var == "KEEPER_KEY"),
        "{err:?}"
    );
    assert!(!err.to_string().contains("1234zz"));
}

#[test]
fn keystore_decrypts_with_the_right_password_only() {
    let f = Fixture::new();
    let key: PrivateKeySigner = DEV_KEY.parse().unwrap();
    let (_, _) = PrivateKeySigner::encrypt_keystore(
        f.dir.path(),
        &mut OsRng,
        key.to_bytes(),
        "correct horse",
        Some("k.json"),
    )
    .unwrap();
    f.write("password.txt", "correct horse\n");
    let by_file = MINIMAL.replace(
        "env:KEEPER_KEY",
        "keystore:k.json\"\npassword = \"file:password.txt",
    );
    let config = f.load(&by_file).unwrap();
    assert_eq!(
        config.signer_with_env(&no_env).unwrap().address(),
        key.address()
    );

    let by_env = MINIMAL.replace(
        "env:KEEPER_KEY",
        "keystore:k.json\"\npassword = \"env:KS_PASSWORD",
    );
    let config = f.load(&by_env).unwrap();
    let right = |n: &str| (n == "KS_PASSWORD").then(|| "correct horse".to_owned());
    assert_eq!(
        config.signer_with_env(&right).unwrap().address(),
        key.address()
    );
    let wrong = |n: &str| (n == "KS_PASSWORD").then(|| "battery staple".to_owned());
    let err = config.signer_with_env(&wrong).unwrap_err();
    assert!(
        matches!(&err, ConfigError::WrongPassword { path } if path.ends_with("k.json")),
        "{err:?}"
    );
    assert!(matches!(
        config.signer_with_env(&no_env),
        Err(ConfigError::MissingEnv { .. })
    ));

    // Missing file: the path and the OS error.
    let missing = MINIMAL.replace(
        "env:KEEPER_KEY",
        "keystore:nope.json\"\npassword = \"env:KS_PASSWORD",
    );
    let err = f
        .load(&missing)
        .unwrap()
        .signer_with_env(&right)
        .unwrap_err();
    let ConfigError::KeystoreRead { path, source } = &err else {
        panic!("{err:?}")
    };
    assert!(path.ends_with("nope.json"));
    assert_eq!(source.kind(), std::io::ErrorKind::NotFound);
    assert!(err.to_string().contains("nope.json"));

    // Not a keystore.
    f.write("junk.json", "{\"hello\": 1}");
    let junk = MINIMAL.replace(
        "env:KEEPER_KEY",
        "keystore:junk.json\"\npassword = \"env:KS_PASSWORD",
    );
    let err = f.load(&junk).unwrap().signer_with_env(&right).unwrap_err();
    assert!(
        matches!(err, ConfigError::KeystoreMalformed { .. }),
        "{err:?}"
    );

    // Unreadable password file.
    let no_pw = MINIMAL.replace(
        "env:KEEPER_KEY",
        "keystore:k.json\"\npassword = \"file:missing.txt",
    );
    let err = f
        .load(&no_pw)
        .unwrap()
        .signer_with_env(&no_env)
        .unwrap_err();
    assert!(matches!(err, ConfigError::PasswordFile { .. }), "{err:?}");
}

#[test]
fn debug_output_holds_no_key_material() {
    let f = Fixture::new();
    let config = f
        .load(&with("signer", "password = \"env:KS_PASSWORD\""))
        .unwrap();
    let shown = format!("{config:?}");
    assert!(shown.contains("env:KEEPER_KEY"), "{shown}");
    assert!(!shown.contains(DEV_KEY));
    // Resolved secrets print as <redacted>.
    let secret = Secret::new(DEV_KEY.to_owned());
    assert_eq!(format!("{secret:?} {secret}"), "<redacted> <redacted>");
    // A key that reached a KeyRef by mistake is dropped, not kept.
    assert_eq!(format!("{:?}", KeyRef::parse(DEV_KEY)), "<inline, refused>");
    let exec = config.exec_config(&no_env).unwrap();
    assert!(!format!("{exec:?}").contains(DEV_KEY));
}

#[test]
fn unreadable_config_file() {
    let err = Config::load(
        Path::new("/nonexistent/keeper.toml"),
        &no_env,
        &Overrides::default(),
    )
    .unwrap_err();
    assert!(matches!(err, ConfigError::Read { .. }), "{err:?}");
}

#[test]
fn parallel_profile_and_lanes_load_keys_by_reference() {
    let f = Fixture::new();
    let text = format!(
        "{}\n[[lanes]]\nkey = \"env:LANE1\"\nexecutor = \"0x00000000000000000000000000000000000000e1\"\n",
        with("chain", "profile = \"parallel\"")
    );
    let config = f.load(&text).unwrap();
    assert_eq!(config.chain.profile, Profile::Parallel);
    assert_eq!(config.lanes.len(), 1);
    let env = |name: &str| (name == "LANE1").then(|| DEV_KEY.to_string());
    let lanes = config.lane_signers(&env).unwrap();
    assert_eq!(lanes[0].1, Address::with_last_byte(0xe1));
    assert_eq!(
        lanes[0].0.address(),
        DEV_KEY.parse::<PrivateKeySigner>().unwrap().address()
    );
    // A missing key is an error naming the lane, and never a default.
    let err = config.lane_signers(&no_env).unwrap_err().to_string();
    assert!(err.contains("LANE1"), "{err}");
    // An inline key is refused like the signer's.
    let inline = text.replace("env:LANE1", DEV_KEY);
    let err = f.load(&inline).unwrap_err();
    assert!(!format!("{err} {err:?}").contains(DEV_KEY));
    assert!(f.load(&with("chain", "profile = \"diagonal\"")).is_err());
}
