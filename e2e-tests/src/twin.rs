//! Twin lives: the same calls made in a cooperative running a front and in its twin running the
//! whole code, compared as a member or an indexer would notice them (tests `front`,
//! `token_front`).

use crate::{Bundle, Outcome};
use ink::primitives::Hash;
use std::fmt::Debug;

/// What one call did: its answer, whether it reverted, and its events' topics and data.
#[derive(Debug, PartialEq)]
pub struct Seen {
    pub call: &'static str,
    pub answer: String,
    pub reverted: bool,
    pub events: Vec<(Vec<[u8; 32]>, Vec<u8>)>,
}

impl Seen {
    pub fn of<R: Debug>(call: &'static str, out: &Outcome<R>) -> Self {
        Seen {
            call,
            answer: format!("{:?}", out.value),
            reverted: out.reverted,
            events: out
                .events
                .iter()
                .map(|e| (e.topics.clone(), e.data.clone()))
                .collect(),
        }
    }

    /// A raw call's answer (`Chain::call_raw`: the revert flag and the output, or `None` for a
    /// trap).
    pub fn raw(answer: Option<(bool, Vec<u8>)>) -> Self {
        Seen {
            call: "raw",
            answer: format!("{answer:?}"),
            reverted: answer.as_ref().is_some_and(|(r, _)| *r),
            events: Vec::new(),
        }
    }
}

/// The chain's hash of `bundle`'s code.
pub fn code_hash(bundle: &Bundle) -> Hash {
    let mut out = [0u8; 32];
    ink::env::hash_bytes::<ink::env::hash::Blake2x256>(&bundle.wasm, &mut out);
    Hash::from(out)
}
