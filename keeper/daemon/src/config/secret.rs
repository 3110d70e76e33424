//! References to secrets (`keystore:<path>`, `env:NAME`, `file:<path>`) and the wrapper that keeps resolved
//! secrets out of Debug output. A config only ever holds references: an inline key or password is recognised
//! when parsed, dropped on the spot and reported, so it cannot reach a log or an error message.

use std::fmt;
use std::path::{Path, PathBuf};

use alloy::signers::local::{LocalSignerError, PrivateKeySigner};
use serde::{Deserialize, Deserializer};

use super::error::{ConfigError, Result};

/// A secret value whose Debug and Display print `<redacted>`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret<T>(T);

impl<T> Secret<T> {
    /// Wraps a secret.
    pub fn new(value: T) -> Self {
        Self(value)
    }

    /// The secret itself; callers must not log it.
    pub fn expose(&self) -> &T {
        &self.0
    }
}

impl<T> fmt::Debug for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl<T> fmt::Display for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// Where a private key comes from.
#[derive(Clone, PartialEq, Eq)]
pub enum KeyRef {
    /// A cast-wallet / geth v3 keystore file (decrypted with the configured password).
    Keystore(PathBuf),
    /// A hex private key in this environment variable.
    Env(String),
    /// Anything else: a key written inline. The value was discarded when parsed; using it is an error.
    Inline,
}

impl KeyRef {
    /// Parses `keystore:<path>` or `env:NAME`; anything else is [`KeyRef::Inline`].
    pub fn parse(text: &str) -> Self {
        if let Some(path) = text.strip_prefix("keystore:") {
            Self::Keystore(PathBuf::from(path))
        } else if let Some(name) = text.strip_prefix("env:") {
            Self::Env(name.to_owned())
        } else {
            Self::Inline
        }
    }
}

// Hand-written: an inline value is never kept, and a reference is only a path or a variable name.
impl fmt::Debug for KeyRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Keystore(path) => write!(f, "keystore:{}", path.display()),
            Self::Env(name) => write!(f, "env:{name}"),
            Self::Inline => f.write_str("<inline, refused>"),
        }
    }
}

impl<'de> Deserialize<'de> for KeyRef {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Ok(Self::parse(&text))
    }
}

/// Where a keystore password comes from.
#[derive(Clone, PartialEq, Eq)]
pub enum PasswordRef {
    /// This environment variable.
    Env(String),
    /// The first line of this file.
    File(PathBuf),
    /// Anything else: an inline password, discarded when parsed.
    Inline,
}

impl PasswordRef {
    /// Parses `env:NAME` or `file:<path>`; anything else is [`PasswordRef::Inline`].
    pub fn parse(text: &str) -> Self {
        if let Some(name) = text.strip_prefix("env:") {
            Self::Env(name.to_owned())
        } else if let Some(path) = text.strip_prefix("file:") {
            Self::File(PathBuf::from(path))
        } else {
            Self::Inline
        }
    }

    /// Reads the password.
    pub fn resolve(
        &self,
        env: &impl Fn(&str) -> Option<String>,
        field: &'static str,
        origin: &str,
    ) -> Result<Secret<String>> {
        match self {
            Self::Env(var) => env(var)
                .map(Secret::new)
                .ok_or_else(|| ConfigError::MissingEnv {
                    var: var.clone(),
                    field,
                }),
            Self::File(path) => {
                let text =
                    std::fs::read_to_string(path).map_err(|source| ConfigError::PasswordFile {
                        path: path.clone(),
                        source,
                    })?;
                // Files written with `echo` end with a newline that is not part of the password.
                Ok(Secret::new(
                    text.lines().next().unwrap_or_default().to_owned(),
                ))
            }
            Self::Inline => Err(ConfigError::InlinePassword {
                field,
                origin: origin.to_owned(),
            }),
        }
    }
}

impl fmt::Debug for PasswordRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Env(name) => write!(f, "env:{name}"),
            Self::File(path) => write!(f, "file:{}", path.display()),
            Self::Inline => f.write_str("<inline, refused>"),
        }
    }
}

impl<'de> Deserialize<'de> for PasswordRef {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Ok(Self::parse(&text))
    }
}

/// Loads the signer a key reference points to.
pub(crate) fn load_signer(
    key: &KeyRef,
    password: Option<&PasswordRef>,
    env: &impl Fn(&str) -> Option<String>,
    field: &'static str,
    origin: &str,
) -> Result<PrivateKeySigner> {
    match key {
        KeyRef::Keystore(path) => {
            let password =
                password.ok_or_else(|| ConfigError::MissingPassword { path: path.clone() })?;
            let password = password.resolve(env, "signer.password", origin)?;
            decrypt(path, password.expose())
        }
        KeyRef::Env(var) => {
            let text = env(var).ok_or_else(|| ConfigError::MissingEnv {
                var: var.clone(),
                field,
            })?;
            // The parse error is dropped: it could quote part of the key.
            text.trim()
                .parse::<PrivateKeySigner>()
                .map_err(|_| ConfigError::BadPrivateKey { var: var.clone() })
        }
        KeyRef::Inline => Err(ConfigError::InlineKey {
            field,
            origin: origin.to_owned(),
        }),
    }
}

/// Decrypts a v3 keystore, telling an unreadable file, a malformed one and a wrong password apart.
fn decrypt(path: &Path, password: &str) -> Result<PrivateKeySigner> {
    // Read first so the OS error (missing file, permissions) is reported as such, not as a decoder message.
    std::fs::metadata(path).map_err(|source| ConfigError::KeystoreRead {
        path: path.into(),
        source,
    })?;
    PrivateKeySigner::decrypt_keystore(path, password).map_err(|e| match e {
        // eth-keystore is not re-exported by alloy, so its MAC-mismatch variant is recognised by its message.
        LocalSignerError::EthKeystoreError(inner) if inner.to_string() == "Mac Mismatch" => {
            ConfigError::WrongPassword { path: path.into() }
        }
        other => ConfigError::KeystoreMalformed {
            path: path.into(),
            message: other.to_string(),
        },
    })
}
