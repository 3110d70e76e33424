//! Where the repository and its pinned Foundry binaries are: the keeper's devnet finds them at run time.

pub use cantilever_devnet::{repo_root, tools_dir};
