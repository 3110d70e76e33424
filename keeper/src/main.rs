//! The `cantilever` binary: see [`cantilever_keeper::cli`].

fn main() -> std::process::ExitCode {
    std::process::ExitCode::SUCCESS
}
