//! No log line ever holds the keeper's private key or its keystore password.
//!
//! The keeper's own logging (`telemetry::init_logging`, what `cantilever run` installs) writes to the
//! process's stderr, and a global subscriber can be installed once per process: so the parent test re-runs
//! this test binary as a child that runs only [`logged_child_run`], at TRACE level (`RUST_LOG=trace`, every
//! crate: alloy, reqwest and hyper included), and captures all its output. The child writes a keystore of the
//! keeper account with `cast wallet import`, loads the daemon's config naming it (`keystore:` key,
//! `env:` password), takes the signer from [`Config::signer`], prints the config's Debug form, and runs the
//! keeper until a liquidation is included. The parent then searches everything for the key (hex, with and
//! without 0x, any case) and the password.

use std::process::Stdio;
use std::time::Duration;

use alloy::primitives::{B256, b256};
use cantilever_daemon::KeeperEvent;
use cantilever_daemon::config::{Config, Overrides};
use cantilever_daemon::telemetry::{LogFormat, init_logging};
use cantilever_exec::ExecConfig;
use cantilever_index::{IndexConfig, PositionIndex};
use cantilever_planner::strategy::StrategyParams;
use cantilever_tests::keeper_harness::{
    Net, NetOptions, Stop, custom_keeper, cut, run_beside, set_prices,
};

use crate::TestResult;

/// anvil's published dev key #1: the devnet's keeper account (the child checks it is the one it runs with).
const KEEPER_KEY: B256 =
    b256!("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
/// Set in the child's environment: the directory it works in.
const CHILD_DIR: &str = "KEEPER_LOG_CHILD_DIR";
/// The password variable the child's config names.
const PASSWORD_VAR: &str = "CANTILEVER_KEYSTORE_PASSWORD";
/// What the child prints when its run liquidated.
const DONE: &str = "keeper-log-child: liquidations included: ";
/// Marks the config's Debug form in the child's output.
const DEBUG_MARK: &str = "keeper-log-child: config debug: ";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn have_no_keys() -> TestResult {
    let dir = tempfile::tempdir()?;
    // Unguessable, so a match can only be a leak.
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .as_nanos();
    let password = format!("pw-{nanos:x}-{}-Quokka", std::process::id());
    // This very binary, running only the child test (named as libtest lists it: the path below the crate).
    let module = module_path!()
        .split_once("::")
        .map_or(module_path!(), |(_, below)| below);
    let child = tokio::process::Command::new(std::env::current_exe()?)
        .arg(format!("{module}::logged_child_run"))
        .args(["--exact", "--ignored", "--nocapture", "--test-threads=1"])
        .env(CHILD_DIR, dir.path())
        .env(PASSWORD_VAR, &password)
        .env("RUST_LOG", "trace")
        .env("RUST_BACKTRACE", "0")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()?;
    let output = tokio::time::timeout(Duration::from_secs(120), child.wait_with_output())
        .await
        .map_err(|_| "the child run took over 120 s")??;
    let text = format!(
        "{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let lines = text.lines().count();
    let trace_lines = text.lines().filter(|l| l.contains("TRACE")).count();
    eprintln!(
        "child exited with {}; {lines} lines of output, {trace_lines} at TRACE",
        output.status
    );
    let tail: Vec<&str> = text.lines().rev().take(30).collect();
    assert!(
        output.status.success(),
        "the child run failed; its last lines (newest first):\n{}",
        tail.join("\n")
    );
    let included: usize = text
        .lines()
        .find_map(|l| l.split(DONE).nth(1))
        .and_then(|n| n.trim().parse().ok())
        .ok_or("the child did not report its liquidations")?;
    assert!(included > 0, "the child's run liquidated nothing");
    assert!(
        trace_lines > 100,
        "only {trace_lines} TRACE lines: the logging was not at TRACE"
    );
    assert!(
        text.contains(DEBUG_MARK),
        "the child did not print the config"
    );

    // The search: the key in any case, with or without 0x (the 0x form contains the bare one), and the
    // password as written or in any case.
    let lower = text.to_lowercase();
    let key_hex = alloy::hex::encode(KEEPER_KEY);
    assert!(
        !lower.contains(&key_hex),
        "the keeper's private key appears in the output"
    );
    assert!(
        !lower.contains(&password.to_lowercase()),
        "the keystore password appears in the output"
    );
    // The key's halves too: a key split over a formatting boundary is still a leak.
    for half in [&key_hex[..32], &key_hex[32..]] {
        assert!(
            !lower.contains(half),
            "half of the private key appears in the output"
        );
    }
    Ok(())
}

/// The child: only run by [`have_no_keys`] (it installs the global logger and needs its
/// environment).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "run by keeper::logs::have_no_keys as a child process"]
async fn logged_child_run() -> TestResult {
    let dir = std::path::PathBuf::from(
        std::env::var(CHILD_DIR).map_err(|_| "run by keeper::logs::have_no_keys only")?,
    );
    init_logging(LogFormat::Pretty, "trace")?;
    let net = Net::start(&NetOptions {
        borrowers: 12,
        leveraged: 0,
        health: (1.02, 1.2),
        block_time: Some(1),
        ..NetOptions::default()
    })
    .await?;
    let devnet = &net.devnet;
    assert_eq!(
        devnet.keeper_key, KEEPER_KEY,
        "the devnet's keeper key changed"
    );

    // The keystore, written by Foundry's cast as an operator would (its output is kept out of the logs:
    // its command line holds the key, as an operator's `--interactive` prompt would not).
    let keystores = dir.join("keystores");
    std::fs::create_dir_all(&keystores)?;
    let password = std::env::var(PASSWORD_VAR)?;
    let imported = std::process::Command::new(cantilever_devnet::tool("cast")?)
        .args(["wallet", "import", "keeper", "--private-key"])
        .arg(KEEPER_KEY.to_string())
        .arg("--unsafe-password")
        .arg(&password)
        .arg("--keystore-dir")
        .arg(&keystores)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()?;
    assert!(imported.success(), "cast wallet import failed");

    let config_path = dir.join("keeper.toml");
    std::fs::write(
        &config_path,
        format!(
            "[chain]\nrpc_url = \"{}\"\nchain_id = {}\n\n[deployment]\npath = \"{}\"\n\n\
             [signer]\nkey = \"keystore:{}\"\npassword = \"env:{PASSWORD_VAR}\"\n\n\
             [index]\nstore = \"{}\"\n",
            devnet.anvil.url(),
            devnet.deployment.chain_id,
            devnet.deployment_path.display(),
            keystores.join("keeper").display(),
            dir.join("index.redb").display()
        ),
    )?;
    let config = Config::load(
        &config_path,
        &|name| std::env::var(name).ok(),
        &Overrides::default(),
    )?;
    let signer = config.signer()?;
    assert_eq!(
        signer.address(),
        devnet.keeper,
        "the keystore holds another account"
    );
    let shown = format!("{config:?}");
    assert!(
        !shown.contains(&password),
        "the config's Debug shows the password"
    );
    println!("{DEBUG_MARK}{shown}");

    let provider = net.provider();
    let index = PositionIndex::in_memory(&devnet.deployment, IndexConfig::default());
    let mut keeper = custom_keeper(
        devnet,
        provider,
        index,
        ExecConfig::default(),
        StrategyParams::default(),
        signer,
    )
    .await?;
    let weth = devnet.price("WETH").await?;
    let run = run_beside(&mut keeper, Stop::Graceful, |mut feed| async move {
        feed.wait_block(0, Duration::from_secs(20))
            .await
            .then_some(())?;
        set_prices(devnet, &[("WETH", cut(weth, 25))]).await.ok()?;
        feed.wait_for(Duration::from_secs(20), |e| {
            matches!(e, KeeperEvent::Included { success: true, .. })
        })
        .await
    })
    .await;
    run.ran.ok_or("the keeper was not stopped")??;
    run.script.flatten().ok_or("no liquidation was included")?;
    let included = run
        .recorded
        .iter()
        .filter(|e| matches!(e, KeeperEvent::Included { success: true, .. }))
        .count();
    println!("{DONE}{included}");
    Ok(())
}
