//! A `.contract` bundle: the Wasm code and the selectors of its constructors and messages.

use std::{collections::HashMap, path::PathBuf};

#[derive(Debug, Clone)]
pub struct Bundle {
    pub name: String,
    pub wasm: Vec<u8>,
    constructors: HashMap<String, [u8; 4]>,
    messages: HashMap<String, [u8; 4]>,
}

/// Where the built artifacts are read from.
pub fn artifacts_dir() -> PathBuf {
    match std::env::var_os("USOS_ARTIFACTS") {
        Some(dir) => PathBuf::from(dir),
        // cargo sets CARGO_MANIFEST_DIR when it runs a test or binary; read it at run time, so
        // a binary built from another checkout into a shared target dir reads this checkout's.
        None => checkout_abi_dir(),
    }
}

/// This checkout's `frontend-abi/`: the committed artifacts, and the previous release's bundles
/// (`upgrade/previous/`), which are fixtures and never rebuilt.
pub fn checkout_abi_dir() -> PathBuf {
    // cargo sets CARGO_MANIFEST_DIR when it runs a test or binary; read it at run time, so
    // a binary built from another checkout into a shared target dir reads this checkout's.
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")))
        .join("../frontend-abi")
}

impl Bundle {
    /// Loads `<artifacts>/<name>.contract`.
    pub fn load(name: &str) -> Bundle {
        Self::load_from(&artifacts_dir(), name)
    }

    /// Loads `<dir>/<name>.contract`.
    pub fn load_from(dir: &std::path::Path, name: &str) -> Bundle {
        let path = dir.join(format!("{name}.contract"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "cannot read {} ({e}): build the contracts first (scripts/build.sh)",
                path.display()
            )
        });
        let json: serde_json::Value = serde_json::from_str(&text).expect("bundle is JSON");
        let wasm_hex = json["source"]["wasm"]
            .as_str()
            .expect("bundle has source.wasm");
        Bundle {
            name: name.to_owned(),
            wasm: decode_hex(wasm_hex),
            constructors: selectors(&json["spec"]["constructors"]),
            messages: selectors(&json["spec"]["messages"]),
        }
    }

    pub fn constructor(&self, label: &str) -> [u8; 4] {
        *self
            .constructors
            .get(label)
            .unwrap_or_else(|| panic!("{} has no constructor {label}", self.name))
    }

    pub fn message(&self, label: &str) -> [u8; 4] {
        *self
            .messages
            .get(label)
            .unwrap_or_else(|| panic!("{} has no message {label}", self.name))
    }
}

fn selectors(items: &serde_json::Value) -> HashMap<String, [u8; 4]> {
    items
        .as_array()
        .expect("selector list")
        .iter()
        .map(|item| {
            let label = item["label"].as_str().expect("label").to_owned();
            let bytes = decode_hex(item["selector"].as_str().expect("selector"));
            (label, bytes.try_into().expect("4-byte selector"))
        })
        .collect()
}

fn decode_hex(text: &str) -> Vec<u8> {
    let digits = text.trim_start_matches("0x").as_bytes();
    digits
        .chunks(2)
        .map(|pair| {
            let s = std::str::from_utf8(pair).expect("ascii hex");
            u8::from_str_radix(s, 16).expect("hex digit")
        })
        .collect()
}
