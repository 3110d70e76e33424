//! A Flashbots-style private relay: `eth_sendBundle` with one signed transaction, authenticated by the
//! `X-Flashbots-Signature` header (`<address>:<EIP-191 signature of the hex keccak of the body>`).

use std::time::Duration;

use alloy::hex;
use alloy::primitives::{Address, keccak256};
use alloy::signers::SignerSync;
use alloy::signers::local::PrivateKeySigner;
use serde_json::{Value, json};

use super::error::{ExecError, Result};

/// The relay's authentication header.
pub const SIGNATURE_HEADER: &str = "X-Flashbots-Signature";

/// How long a relay call may take: a bundle for the next block is worthless after a slot.
const TIMEOUT: Duration = Duration::from_secs(5);

/// HTTP client of one relay.
#[derive(Debug)]
pub(crate) struct RelayClient {
    http: reqwest::Client,
    url: String,
    auth: PrivateKeySigner,
}

impl RelayClient {
    pub(crate) fn new(url: String, auth: PrivateKeySigner) -> Result<Self> {
        let http = reqwest::Client::builder()
            .timeout(TIMEOUT)
            .build()
            .map_err(|e| ExecError::Config(format!("relay http client: {e}")))?;
        Ok(Self { http, url, auth })
    }

    /// Sends a bundle holding the raw transaction `raw_tx`, valid for block `block` only.
    pub(crate) async fn send_bundle(&self, raw_tx: &[u8], block: u64) -> Result<(), RelayFailure> {
        let body = bundle_body(raw_tx, block).to_string();
        let header = signature_header(&self.auth, body.as_bytes())
            .map_err(|e| RelayFailure::refused(e.to_string()))?;
        let response = self
            .http
            .post(&self.url)
            .header("content-type", "application/json")
            .header(SIGNATURE_HEADER, header)
            .body(body)
            .send()
            .await
            .map_err(|e| RelayFailure::uncertain(format!("request failed: {e}")))?;
        let status = response.status();
        let text = response
            .text()
            .await
            .map_err(|e| RelayFailure::uncertain(format!("reading the answer: {e}")))?;
        if !status.is_success() {
            return Err(RelayFailure::refused(format!(
                "http {status}: {}",
                truncate(&text)
            )));
        }
        let answer: Value = serde_json::from_str(&text)
            .map_err(|e| RelayFailure::refused(format!("answer is not JSON: {e}")))?;
        if let Some(error) = answer.get("error") {
            return Err(RelayFailure::refused(format!("relay error: {error}")));
        }
        if answer.get("result").is_none() {
            return Err(RelayFailure::refused(format!(
                "answer has no result: {}",
                truncate(&text)
            )));
        }
        Ok(())
    }

    /// The relay-auth address (not the transaction signer).
    pub(crate) fn auth_address(&self) -> Address {
        self.auth.address()
    }
}

/// A failed relay call.
#[derive(Debug)]
pub(crate) struct RelayFailure {
    /// The relay answered (with an HTTP or JSON-RPC error): it certainly did not take the bundle. Otherwise
    /// the request may have reached it.
    pub(crate) answered: bool,
    pub(crate) message: String,
}

impl RelayFailure {
    fn refused(message: String) -> Self {
        Self {
            answered: true,
            message,
        }
    }

    fn uncertain(message: String) -> Self {
        Self {
            answered: false,
            message,
        }
    }
}

/// The JSON-RPC body of `eth_sendBundle`.
pub(crate) fn bundle_body(raw_tx: &[u8], block: u64) -> Value {
    json!({
        "jsonrpc": "2.0",
        "id": 1,
        "method": "eth_sendBundle",
        "params": [{ "txs": [hex::encode_prefixed(raw_tx)], "blockNumber": format!("{block:#x}") }],
    })
}

/// `<address>:<signature>`: the auth key signs, as an EIP-191 personal message, the `0x`-prefixed hex string
/// of `keccak256(body)` (what the Flashbots relay recovers).
pub fn signature_header(signer: &PrivateKeySigner, body: &[u8]) -> Result<String> {
    let digest = format!("{:#x}", keccak256(body));
    let signature = signer
        .sign_message_sync(digest.as_bytes())
        .map_err(|e| ExecError::Sign(e.to_string()))?;
    Ok(format!(
        "{}:{}",
        signer.address(),
        hex::encode_prefixed(signature.as_bytes())
    ))
}

/// Relay answers go into error messages: keep them short.
fn truncate(text: &str) -> &str {
    match text.char_indices().nth(200) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use alloy::primitives::Signature;

    use super::*;

    #[test]
    fn header_recovers_to_auth_address() {
        let signer = PrivateKeySigner::random();
        let body = bundle_body(&[0x02, 0xf8], 17).to_string();
        let header = signature_header(&signer, body.as_bytes()).unwrap();
        let (address, signature) = header.split_once(':').unwrap();
        assert_eq!(address.parse::<Address>().unwrap(), signer.address());
        let signature: Signature = signature.parse().unwrap();
        let digest = format!("{:#x}", keccak256(body.as_bytes()));
        assert_eq!(
            signature
                .recover_address_from_msg(digest.as_bytes())
                .unwrap(),
            signer.address()
        );
        // Another body does not verify.
        let other = format!("{:#x}", keccak256(b"other"));
        assert_ne!(
            signature
                .recover_address_from_msg(other.as_bytes())
                .unwrap(),
            signer.address()
        );
    }

    #[test]
    fn body_is_flashbots_shaped() {
        let body = bundle_body(&[0xab, 0xcd], 255);
        assert_eq!(body["method"], "eth_sendBundle");
        assert_eq!(body["params"][0]["txs"][0], "0xabcd");
        assert_eq!(body["params"][0]["blockNumber"], "0xff");
    }
}
