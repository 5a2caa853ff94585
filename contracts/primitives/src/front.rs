//! Fronts: a contract's hot messages in small code of their own.
//!
//! pallet-contracts puts a callee's whole code into every call's proof, so each vote paid for
//! all of governance's code and each token transfer for all of missions'. Such a contract may
//! run a *front* instead (`use_front`): a small code that runs the hot messages itself, on the
//! contract's own storage with the contract's own core, and hands every other call, as it came,
//! to the contract's whole code (the *rules*, whose hash one storage cell keeps) by a tail
//! delegate call, which runs it on the same storage, balance and address. Nothing moves: one
//! contract, one address, one storage, one set of events, one metadata.
//!
//! This module is what the whole codes (`use_front`, `set_code`, `front`) and the fronts (their
//! wildcard dispatch) share. A contract names its rules cell and its build's fingerprint.

use crate::Hash;
use ink::{
    env::ReturnFlags,
    storage::traits::{Storable, StorageKey},
    LangError, MessageResult,
};

/// The selector of a front's one message beside its wildcard, `front_for`: the fingerprint of
/// the build it fronts (ink! reserves this selector for that message). A whole code has no such
/// message, so asking a code for it tells a front from anything else.
pub const FRONT_FOR: [u8; 4] = ink::IIP2_WILDCARD_COMPLEMENT_SELECTOR;

/// Why a code change with fronts was refused; each contract turns it into its own `Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrontError {
    /// `use_front` with a code that is not a front of this build (it does not answer
    /// `front_for` with the build's fingerprint), or with the whole code itself.
    NotAFront,
    /// `set_code` with a front's code: a front runs only beside its whole code.
    IsAFront,
    /// The chain refused the code change (no such code).
    UpgradeFailed,
}

/// FNV-1a over `version` and `sources`, at compile time: the fingerprint a front and its whole
/// code share. Built from the sources that define or write the contract's storage, a front of
/// another release (whose storage may be laid out otherwise) answers another fingerprint, so a
/// contract's two codes are always of one build; nobody has to remember to bump a number.
pub const fn fingerprint(version: u32, sources: &[&[u8]]) -> u64 {
    let mut hash = fnv1a(0xcbf2_9ce4_8422_2325, &version.to_le_bytes());
    let mut rest = sources;
    while let [first, others @ ..] = rest {
        hash = fnv1a(hash, first);
        rest = others;
    }
    hash
}

const fn fnv1a(mut hash: u64, mut bytes: &[u8]) -> u64 {
    while let [byte, rest @ ..] = bytes {
        hash ^= *byte as u64;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
        bytes = rest;
    }
    hash
}

/// The rules' code hash kept in `cell`, if a front runs.
pub fn rules_code(cell: u32) -> Option<Hash> {
    ink::env::get_contract_storage::<u32, Hash>(&cell)
        .ok()
        .flatten()
}

/// The code running the hot path (the contract's own code) and the rules it hands the rest
/// to, if a front runs.
pub fn front(cell: u32) -> Option<(Hash, Hash)> {
    let rules = rules_code(cell)?;
    let front = ink::env::own_code_hash::<ink::env::DefaultEnvironment>().ok()?;
    Some((front, rules))
}

/// Runs `front` (`Some`: a front of the build `fingerprint`) or the whole code again (`None`);
/// the caller checked who asks. `Ok(true)` if the code changed (the caller emits
/// `FrontChanged`); installing the running front again, or `None` without a front, changes
/// nothing.
pub fn use_front(cell: u32, fingerprint: u64, front: Option<Hash>) -> Result<bool, FrontError> {
    let own = ink::env::own_code_hash::<ink::env::DefaultEnvironment>()
        .map_err(|_| FrontError::UpgradeFailed)?;
    let running = rules_code(cell);
    let rules = running.unwrap_or(own);
    match front {
        Some(code) => {
            if running.is_some() && code == own {
                return Ok(false);
            }
            if code == rules || fingerprint_of(&code) != Some(fingerprint) {
                return Err(FrontError::NotAFront);
            }
            replace_code(&code)?;
            set_rules_code(cell, Some(rules));
        }
        None => {
            if running.is_none() {
                return Ok(false);
            }
            replace_code(&rules)?;
            set_rules_code(cell, None);
        }
    }
    Ok(true)
}

/// `set_code` where fronts exist: refuses a front's code (`IsAFront`: it cannot run without
/// its whole code), runs `code` whole and drops the front that ran. `Ok(true)` if a front was
/// dropped (the caller emits `FrontChanged { front: None }`); the caller checked who asks and
/// emits nothing else (`CodeUpgraded` is emitted here).
pub fn set_code(cell: u32, code: Hash) -> Result<bool, FrontError> {
    if fingerprint_of(&code).is_some() {
        return Err(FrontError::IsAFront);
    }
    crate::upgrade_code(code).map_err(|_| FrontError::UpgradeFailed)?;
    let dropped = rules_code(cell).is_some();
    if dropped {
        set_rules_code(cell, None);
    }
    Ok(dropped)
}

fn replace_code(code: &Hash) -> Result<(), FrontError> {
    crate::admin::replace_code(*code).map_err(|_| FrontError::UpgradeFailed)
}

/// Records the rules a front hands over to (`None`: no front runs), keeping the contract's one
/// delegate dependency on the rules' code in step with the cell: while a front runs, the chain
/// refuses to remove that code (its uploader could otherwise remove it, and every message but
/// the hot ones would fail).
fn set_rules_code(cell: u32, rules: Option<Hash>) {
    use ink::env::DefaultEnvironment as Env;
    let before = rules_code(cell);
    if before == rules {
        return;
    }
    if let Some(old) = &before {
        ink::env::unlock_delegate_dependency::<Env>(old);
    }
    match &rules {
        Some(new) => {
            ink::env::lock_delegate_dependency::<Env>(new);
            ink::env::set_contract_storage(&cell, new);
        }
        None => {
            ink::env::clear_contract_storage(&cell);
        }
    }
}

/// The fingerprint the code `front` answers as a front (its `front_for`, run on this contract
/// by a delegate call); `None` if it has no such message, answers something else, traps (a
/// front of another contract cannot read this one's storage) or no such code exists.
#[cfg(target_arch = "wasm32")]
pub fn fingerprint_of(front: &Hash) -> Option<u64> {
    ask(front, &FRONT_FOR)
}

/// Whether `code` runs this contract: it is no front, and asked for `version()` by a delegate
/// call on this contract's storage it answers (ink! decodes the whole root cell before any
/// message, so another contract's code traps, and a front without rules hands the call to
/// nothing). What a careless `set_code` must never install.
#[cfg(target_arch = "wasm32")]
pub fn runs_this_contract(code: &Hash) -> bool {
    const VERSION: [u8; 4] = ink::selector_bytes!("version");
    fingerprint_of(code).is_none() && ask::<u32>(code, &VERSION).is_some()
}

/// `code`'s answer to `selector` (no arguments) run on this contract by a delegate call, if it
/// answered `Ok` without reverting. An answer longer than the buffer traps (the call fails).
#[cfg(target_arch = "wasm32")]
fn ask<R: scale::Decode>(code: &Hash, selector: &[u8; 4]) -> Option<R> {
    use pallet_contracts_uapi::{CallFlags, HostFn, HostFnImpl};
    let mut buffer = [0u8; 64];
    let mut output: &mut [u8] = &mut buffer;
    HostFnImpl::delegate_call(
        CallFlags::empty(),
        code.as_ref(),
        selector,
        Some(&mut output),
    )
    .ok()?;
    let answer: Result<R, LangError> = scale::Decode::decode(&mut &output[..]).ok()?;
    answer.ok()
}

/// Off-chain (host builds, metadata): no code to ask.
#[cfg(not(target_arch = "wasm32"))]
pub fn fingerprint_of(_front: &Hash) -> Option<u64> {
    None
}

/// Off-chain (host builds, metadata): no code to ask, and the host never installs code.
#[cfg(not(target_arch = "wasm32"))]
pub fn runs_this_contract(_code: &Hash) -> bool {
    true
}

// ----- the front's side: its wildcard dispatch -----

/// A call as it came: its selector and arguments (the input has at least a selector's four
/// bytes).
pub struct Call {
    input: ink::prelude::vec::Vec<u8>,
    selector: [u8; 4],
}

impl Call {
    /// The call's input, or the call fails as ink! fails it.
    pub fn read() -> Self {
        let Ok(crate::Verbatim(input)) = ink::env::decode_input::<crate::Verbatim>() else {
            could_not_read_input()
        };
        let Some((selector, _)) = input.split_first_chunk::<4>() else {
            could_not_read_input()
        };
        let selector = *selector;
        Call { input, selector }
    }

    pub fn selector(&self) -> [u8; 4] {
        self.selector
    }

    pub fn args(&self) -> &[u8] {
        self.input.get(4..).unwrap_or_default()
    }

    /// Hands the call, as it came, to the rules kept in `cell` (the whole code) by a tail
    /// delegate call: their answer and revert flag become this call's.
    #[cfg(target_arch = "wasm32")]
    #[allow(clippy::panic)]
    pub fn hand_over(&self, cell: u32) -> ! {
        use pallet_contracts_uapi::{CallFlags, HostFn, HostFnImpl};
        // Never empty while a front runs (`use_front` sets it, and only code changes clear
        // it); if it were, the call is refused and changes nothing.
        let Some(rules) = rules_code(cell) else {
            could_not_read_input()
        };
        // Returns only if the rules trapped on this input (their code cannot be missing: it is
        // a delegate dependency), so the call traps as it would without a front.
        let _ = HostFnImpl::delegate_call(CallFlags::TAIL_CALL, rules.as_ref(), &self.input, None);
        panic!("the rules trapped")
    }

    /// Off-chain (host builds, metadata): nothing to hand over to.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn hand_over(&self, _cell: u32) -> ! {
        could_not_read_input()
    }
}

/// The arguments of a hot message, as ink! reads them (what follows them is ignored), or the
/// call fails as ink! fails it. The hot messages are unpayable: a front hands a paid call to
/// the whole code (governance's, whose wildcard must take payments for `fund`) or ink! refuses
/// the payment before the front reads anything (missions', which takes none).
pub fn decode_args<T: scale::Decode>(args: &mut &[u8]) -> T {
    let Ok(value) = T::decode(args) else {
        could_not_read_input()
    };
    value
}

/// Whether the call carries a payment.
pub fn paid() -> bool {
    ink::env::transferred_value::<ink::env::DefaultEnvironment>() != 0
}

/// Ends the call as ink! ends a message: nothing written, the answer wrapped in
/// `MessageResult`.
pub fn reply<T: scale::Encode>(value: &T) -> ! {
    ink::env::return_value::<MessageResult<&T>>(ReturnFlags::empty(), &Ok(value))
}

/// Ends the call as ink! ends a `&mut self` message answering `Result`: `Ok` writes the root
/// cell (`root`, the contract's storage struct) back and `Err` reverts, the answer wrapped in
/// `MessageResult`.
pub fn answer<S: Storable + StorageKey, T: scale::Encode, E: scale::Encode>(
    root: &S,
    result: Result<T, E>,
) -> ! {
    let flags = if result.is_ok() {
        ink::env::set_contract_storage(&S::KEY, root);
        ReturnFlags::empty()
    } else {
        ReturnFlags::REVERT
    };
    ink::env::return_value::<MessageResult<Result<T, E>>>(flags, &Ok(result))
}

/// The root cell (the contract's storage struct) as the call found it, for
/// [`answer_if_changed`].
pub struct Root(ink::prelude::vec::Vec<u8>);

impl Root {
    pub fn of<S: Storable>(root: &S) -> Self {
        let mut bytes = ink::prelude::vec::Vec::new();
        root.encode(&mut bytes);
        Root(bytes)
    }
}

/// [`answer`], writing the root cell back only if it changed since `before`. Where the hot
/// messages write only their own cells (the token's balances and allowances), the write
/// ink! would make costs more proof (≈ 480 B a transfer) than the comparison costs code
/// (≈ 240 B); governance's front measured the opposite and uses [`answer`].
pub fn answer_if_changed<S: Storable + StorageKey, T: scale::Encode, E: scale::Encode>(
    root: &S,
    before: &Root,
    result: Result<T, E>,
) -> ! {
    if result.is_ok() {
        let now = Root::of(root);
        if now.0 != before.0 {
            // As encoded above: the root's encoder is in the code once.
            ink::env::set_contract_storage(&S::KEY, &crate::Verbatim(now.0));
        }
    }
    end(result)
}

/// `Ok` ends the call keeping what it wrote, `Err` reverts it; the answer wrapped in
/// `MessageResult`.
fn end<T: scale::Encode, E: scale::Encode>(result: Result<T, E>) -> ! {
    let flags = if result.is_ok() {
        ReturnFlags::empty()
    } else {
        ReturnFlags::REVERT
    };
    ink::env::return_value::<MessageResult<Result<T, E>>>(flags, &Ok(result))
}

pub fn could_not_read_input() -> ! {
    ink::env::return_value::<MessageResult<()>>(
        ReturnFlags::REVERT,
        &Err(LangError::CouldNotReadInput),
    )
}
