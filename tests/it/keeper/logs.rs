//! No log line of `cantilever run` ever holds the keeper's private key or its keystore password.
//!
//! The real binary, built by cargo from `keeper/cli` as an operator builds it, runs as a child process against the
//! shared devnet (seeded, a collateral price cut) at TRACE level for every crate (`RUST_LOG=trace`: alloy, reqwest
//! and hyper included), with its stdout and stderr captured to files, until the chain shows a liquidation it sent;
//! then it gets SIGTERM and must stop cleanly. Twice: the key from a keystore written by `cast wallet import`
//! (password from an `env:` reference) with the default log format, and the key from an `env:` reference with
//! `--json` logs. Everything it printed is searched for the key as hex (with or without 0x, any case, and either
//! half), as a decimal integer, and as a byte array (`[89, 198, …]`, decimal or hex, any spacing), and for the
//! password; the output must hold enough lines (an empty or quiet log cannot pass) and the daemon's own lines
//! for its start, a submission and an inclusion.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use alloy::primitives::{B256, U256};
use cantilever_daemon::config::{Config, Overrides};
use cantilever_tests::keeper_harness::{Net, NetOptions, cut, head, keeper_txs, set_prices};

use crate::TestResult;

/// The keystore password's variable (named by the first run's config).
const PASSWORD_VAR: &str = "KEEPER_LOGS_TEST_PASSWORD";
/// The hex private key's variable (named by the second run's config). Not `CANTILEVER_*`: those override the
/// config.
const KEY_VAR: &str = "KEEPER_LOGS_TEST_KEY";
/// Fewest lines a run at TRACE must print (a run prints thousands): fewer means the logging did not run.
const MIN_LINES: usize = 500;
/// Fewest TRACE lines among them: fewer means the filter was not at TRACE.
const MIN_TRACE_LINES: usize = 100;
/// How long a run may take to start and liquidate.
const RUN_TIMEOUT: Duration = Duration::from_secs(90);
/// How long it may take to stop after SIGTERM.
const STOP_TIMEOUT: Duration = Duration::from_secs(20);

/// Where a run's key comes from, and how it logs.
#[derive(Debug, Clone, Copy)]
enum Run {
    /// `key = "keystore:…"`, `password = "env:…"`; the config's log format (pretty).
    Keystore,
    /// `key = "env:…"`; `--json`.
    EnvJson,
}

/// `cantilever run`, with the key from a keystore and then from the environment, liquidates and prints
/// thousands of lines, none holding the key or the password in any form.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn have_no_keys() -> TestResult {
    let binary = cantilever_binary().await?;
    let net = Net::shared(&NetOptions {
        borrowers: 12,
        leveraged: 0,
        health: (1.02, 1.2),
        pools_follow_prices: true,
        ..NetOptions::default()
    })
    .await?;
    let devnet = &net.devnet;
    let dir = tempfile::tempdir()?;
    // Unguessable, so a match can only be a leak.
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .as_nanos();
    let password = format!("pw-{nanos:x}-{}-Quokka", std::process::id());

    // The keystore, written by Foundry's cast as an operator would (its output is kept out of the search: its
    // command line holds the key, as an operator's `--interactive` prompt would not).
    let keystores = dir.path().join("keystores");
    std::fs::create_dir_all(&keystores)?;
    let imported = std::process::Command::new(cantilever_devnet::tool("cast")?)
        .args(["wallet", "import", "keeper", "--private-key"])
        .arg(devnet.keeper_key.to_string())
        .arg("--unsafe-password")
        .arg(&password)
        .arg("--keystore-dir")
        .arg(&keystores)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()?;
    assert!(imported.success(), "cast wallet import failed");

    // Each run crashes another collateral, so each has positions to liquidate.
    for (run, asset) in [(Run::Keystore, "WETH"), (Run::EnvJson, "WBTC")] {
        let key = match run {
            Run::Keystore => format!(
                "key = \"keystore:{}\"\npassword = \"env:{PASSWORD_VAR}\"",
                keystores.join("keeper").display()
            ),
            Run::EnvJson => format!("key = \"env:{KEY_VAR}\""),
        };
        let config_path = dir.path().join(format!("{run:?}.toml"));
        std::fs::write(
            &config_path,
            format!(
                "[chain]\nrpc_url = \"{}\"\nchain_id = {}\npoll_interval_ms = 200\n\n\
                 [deployment]\npath = \"{}\"\n\n[signer]\n{key}\n\n[index]\nstore = \"{}\"\n",
                devnet.anvil.url(),
                devnet.deployment.chain_id,
                devnet.deployment_path.display(),
                dir.path().join(format!("{run:?}.redb")).display()
            ),
        )?;
        // The config as the daemon loads it: the signer it names is the devnet's keeper, and its Debug form
        // holds no secret (the run below never prints it; a future log line might).
        let env = |name: &str| match name {
            PASSWORD_VAR => Some(password.clone()),
            KEY_VAR => Some(devnet.keeper_key.to_string()),
            _ => None,
        };
        let config = Config::load(&config_path, &env, &Overrides::default())?;
        assert_eq!(
            config.signer_with_env(&env)?.address(),
            devnet.keeper,
            "{run:?}: the config names another account"
        );
        let shown = format!("{config:?}");

        let price = devnet.price(asset).await?;
        let output = run_daemon(&binary, devnet, &config_path, run, &password, || async {
            set_prices(devnet, &[(asset, cut(price, 25))]).await
        })
        .await?;
        let text = format!("{shown}\n{output}");
        if let Some(form) = leaked(&text, devnet.keeper_key, &password) {
            panic!("{run:?}: the keeper's secret appears in the output as {form}");
        }
    }
    Ok(())
}

/// Runs `cantilever run` until the chain holds a successful liquidation from the keeper account (started by
/// `crash`, called once the daemon is up), then stops it with SIGTERM. Returns everything it printed.
async fn run_daemon<F, Fut>(
    binary: &Path,
    devnet: &cantilever_tests::Devnet,
    config: &Path,
    run: Run,
    password: &str,
    crash: F,
) -> TestResult<String>
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = cantilever_tests::Result<u64>>,
{
    let dir = config.parent().ok_or("the config has no directory")?;
    let (stdout, stderr) = (
        dir.join(format!("{run:?}.stdout")),
        dir.join(format!("{run:?}.stderr")),
    );
    let mut command = tokio::process::Command::new(binary);
    command.arg("run").arg("--config").arg(config);
    if matches!(run, Run::EnvJson) {
        command.arg("--json");
    }
    // Nothing from the parent's environment may override the config.
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("CANTILEVER_") {
            command.env_remove(name);
        }
    }
    let mut child = command
        .env(PASSWORD_VAR, password)
        .env(KEY_VAR, devnet.keeper_key.to_string())
        .env("RUST_LOG", "trace")
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&stdout)?)
        .stderr(std::fs::File::create(&stderr)?)
        .kill_on_drop(true)
        .spawn()?;
    let read = || -> TestResult<String> {
        Ok(format!(
            "{}\n{}",
            std::fs::read_to_string(&stdout)?,
            std::fs::read_to_string(&stderr)?
        ))
    };
    let tail = |text: &str| {
        let lines: Vec<&str> = text.lines().rev().take(30).collect();
        lines.join("\n")
    };

    // Up: its start-up line printed (config loaded, signer decrypted, node reached).
    let from_block = head(&devnet.provider()).await? + 1;
    let started = Instant::now();
    while !logged(&read()?, "cantilever", "starting") {
        if let Some(status) = child.try_wait()? {
            return Err(format!(
                "{run:?}: cantilever run exited with {status} before starting; newest lines first:\n{}",
                tail(&read()?)
            )
            .into());
        }
        if started.elapsed() > RUN_TIMEOUT {
            return Err(format!("{run:?}: cantilever run did not start").into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    crash().await?;

    // A liquidation the keeper sent, on chain, and the daemon's line for its inclusion.
    loop {
        let liquidated = keeper_txs(devnet, devnet.keeper, from_block)
            .await?
            .iter()
            .any(|t| t.success && t.liquidated > 0);
        if liquidated && logged(&read()?, "cantilever::keeper", "included") {
            break;
        }
        if let Some(status) = child.try_wait()? {
            return Err(format!(
                "{run:?}: cantilever run exited with {status}; newest lines first:\n{}",
                tail(&read()?)
            )
            .into());
        }
        if started.elapsed() > RUN_TIMEOUT {
            return Err(format!(
                "{run:?}: no liquidation from cantilever run within {RUN_TIMEOUT:?} (on chain: {liquidated}); \
                 newest lines first:\n{}",
                tail(&read()?)
            )
            .into());
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }

    // A graceful stop: the daemon's own shutdown path, and its output complete.
    let pid = child.id().ok_or("the child has no pid")?;
    let signalled = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()?;
    assert!(signalled.success(), "kill -TERM failed");
    let status = tokio::time::timeout(STOP_TIMEOUT, child.wait())
        .await
        .map_err(|_| {
            format!("{run:?}: cantilever run did not stop within {STOP_TIMEOUT:?} of SIGTERM")
        })??;
    let text = read()?;
    assert!(
        status.success(),
        "{run:?}: cantilever run exited with {status} after SIGTERM; newest lines first:\n{}",
        tail(&text)
    );
    let lines = text.lines().count();
    let trace = text
        .lines()
        .filter(|l| l.contains("TRACE") || l.contains("\"level\":\"TRACE\""))
        .count();
    eprintln!(
        "{run:?}: cantilever run printed {lines} lines ({trace} at TRACE, {} bytes) in {:.1?}",
        text.len(),
        started.elapsed()
    );
    assert!(
        lines >= MIN_LINES,
        "{run:?}: only {lines} lines of output (at least {MIN_LINES} expected at TRACE)"
    );
    assert!(
        trace >= MIN_TRACE_LINES,
        "{run:?}: only {trace} TRACE lines: the logging was not at TRACE"
    );
    for (target, message) in [
        ("cantilever", "starting"),
        ("cantilever::keeper", "submitted"),
        ("cantilever::keeper", "included"),
        ("cantilever", "stopped"),
    ] {
        assert!(
            logged(&text, target, message),
            "{run:?}: the daemon never logged `{message}`"
        );
    }
    if matches!(run, Run::EnvJson) {
        let json = text.lines().filter(|l| l.starts_with('{')).count();
        assert!(
            json * 2 > lines,
            "{run:?}: --json printed only {json} of {lines} lines as JSON"
        );
    }
    Ok(text)
}

/// Whether a line of `text` is the daemon's `message` under `target` (pretty or JSON).
fn logged(text: &str, target: &str, message: &str) -> bool {
    text.lines()
        .any(|l| l.contains(target) && l.contains(message))
}

/// The first form in which `text` holds the key (any form a formatter could give it) or the password.
fn leaked(text: &str, key: B256, password: &str) -> Option<&'static str> {
    let lower = text.to_lowercase();
    // Without whitespace: byte arrays are printed with spaces (`{:?}`) or across lines (`{:#?}`).
    let dense: String = lower.chars().filter(|c| !c.is_whitespace()).collect();
    let hex = alloy::hex::encode(key);
    let bytes = |f: fn(&u8) -> String| key.0.iter().map(f).collect::<Vec<_>>().join(",");
    let forms = [
        // Any case, with or without 0x (the 0x form contains the bare one).
        ("hex", hex.clone(), &lower),
        // A key split over a formatting boundary is still a leak.
        ("the first half of the hex", hex[..32].to_string(), &lower),
        ("the second half of the hex", hex[32..].to_string(), &lower),
        (
            "a decimal integer",
            U256::from_be_bytes(key.0).to_string(),
            &lower,
        ),
        // `[89, 198, 153, …]` (`{:?}`, `{:#?}`).
        ("a byte array", bytes(|b| b.to_string()), &dense),
        // `[59, c6, …]` (`{:x?}`) and `[0x59, 0xc6, …]` (`{:#x?}`).
        ("a hex byte array", bytes(|b| format!("{b:x}")), &dense),
        ("a 0x-hex byte array", bytes(|b| format!("{b:#x}")), &dense),
        ("the password", password.to_lowercase(), &lower),
    ];
    forms
        .into_iter()
        .find(|(_, needle, haystack)| haystack.contains(needle.as_str()))
        .map(|(form, _, _)| form)
}

/// The search finds the key however it is printed, inside a log line.
#[test]
fn leaked_finds_every_form() {
    let key = alloy::primitives::b256!(
        "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"
    );
    let password = "pw-Quokka";
    let line =
        |shown: String| format!("2026-01-01T00:00:00Z TRACE alloy: signing key={shown} done");
    let upper = alloy::hex::encode_upper(key);
    let printed = [
        ("hex", line(key.to_string())),
        ("hex", line(format!("{key:?}"))),
        ("hex", line(format!("0x{upper}"))),
        ("hex", line(upper.clone())),
        (
            "the first half of the hex",
            line(format!("{}\n{}", &upper[..32], &upper[32..40])),
        ),
        (
            "the second half of the hex",
            line(format!("…{}", &upper[30..])),
        ),
        (
            "a decimal integer",
            line(U256::from_be_bytes(key.0).to_string()),
        ),
        ("a byte array", line(format!("{:?}", key.0))),
        ("a byte array", line(format!("{:#?}", key.0))),
        ("a byte array", line(format!("{:?}", key.0.to_vec()))),
        ("a hex byte array", line(format!("{:x?}", key.0))),
        ("a 0x-hex byte array", line(format!("{:#x?}", key.0))),
        ("the password", line("PW-QUOKKA".into())),
    ];
    for (form, text) in printed {
        assert_eq!(
            leaked(&text, key, password),
            Some(form),
            "not found in: {text}"
        );
    }
    assert_eq!(leaked(&line("0x1234".into()), key, password), None);
}

/// The `cantilever` binary of this workspace, built (or found up to date) by cargo in the shared target directory.
/// `--tests` asks for the dev-dependencies' features too, as `cargo test --workspace` does, so that after CI's test
/// build only the binary itself is compiled.
async fn cantilever_binary() -> TestResult<PathBuf> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.toml");
    let started = Instant::now();
    let output = tokio::process::Command::new(cargo)
        .args([
            "build",
            "--locked",
            "-p",
            "cantilever",
            "--bin",
            "cantilever",
            "--tests",
        ])
        .args([
            "--message-format",
            "json-render-diagnostics",
            "--manifest-path",
        ])
        .arg(&manifest)
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .await?;
    if !output.status.success() {
        return Err(format!("cargo build -p cantilever failed: {}", output.status).into());
    }
    let binary = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == "cantilever")
        .filter(|m| m["target"]["kind"][0] == "bin" && m["profile"]["test"] == false)
        .find_map(|m| m["executable"].as_str().map(PathBuf::from))
        .ok_or("cargo built no cantilever binary")?;
    eprintln!(
        "cantilever binary {} (cargo build {:.1?})",
        binary.display(),
        started.elapsed()
    );
    Ok(binary)
}
