//! Governance's front: the hot path (votes, relayed votes, delegations) in its own small code.
//!
//! pallet-contracts puts a callee's whole code into every call's proof, so each vote paid for
//! all of governance's code. A cooperative's governance may run the front's code instead
//! (`use_front`): the front does the hot messages itself, on the same storage with the same
//! core, and hands every other message to the whole code (the "rules", whose hash this module
//! keeps in one cell) by a delegate call, which runs it on governance's own storage, balance
//! and address. Nothing moves: one contract, one address, one storage, one set of events.

use usos_primitives::Hash;

/// The storage cell holding the rules' code hash while a front runs (empty otherwise).
pub const RULES_CODE: u32 = ink::selector_id!("usos governance rules code");

/// The selector of the front's own message, `front_for`: the fingerprint of the governance
/// build it fronts (ink! reserves this selector for the one message beside a wildcard). The
/// whole code has no such message, so `use_front` asking a code for it also tells a front from
/// anything else, and `set_code` refuses a front.
pub const FRONT_FOR: [u8; 4] = ink::IIP2_WILDCARD_COMPLEMENT_SELECTOR;

/// This build's version: 1, or 2 for the `v2` build the upgrade test installs.
pub const VERSION: u32 = if cfg!(feature = "v2") { 2 } else { 1 };

/// The fingerprint a front and the whole code must share: FNV-1a over the sources that define
/// or write governance's storage, and the version. A front built from other sources (another
/// release, whose storage may be laid out otherwise) answers another fingerprint, so the two
/// codes of a governance are always of one build; nobody has to remember to bump a number.
pub const FINGERPRINT: u64 = {
    let sources: [&[u8]; 12] = [
        include_bytes!("data.rs"),
        include_bytes!("types.rs"),
        include_bytes!("vote.rs"),
        include_bytes!("forest.rs"),
        include_bytes!("relay.rs"),
        include_bytes!("power.rs"),
        include_bytes!("events.rs"),
        include_bytes!("errors.rs"),
        include_bytes!("shell.rs"),
        include_bytes!("front.rs"),
        include_bytes!("../../primitives/src/checkpoints.rs"),
        include_bytes!("../../primitives/src/traits.rs"),
    ];
    let mut hash = fnv1a(0xcbf2_9ce4_8422_2325, &VERSION.to_le_bytes());
    let mut rest: &[&[u8]] = &sources;
    while let [first, others @ ..] = rest {
        hash = fnv1a(hash, first);
        rest = others;
    }
    hash
};

const fn fnv1a(mut hash: u64, mut bytes: &[u8]) -> u64 {
    while let [byte, rest @ ..] = bytes {
        hash ^= *byte as u64;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
        bytes = rest;
    }
    hash
}

/// The rules' code hash, if a front runs.
pub fn rules_code() -> Option<Hash> {
    ink::env::get_contract_storage::<u32, Hash>(&RULES_CODE)
        .ok()
        .flatten()
}

/// While a front runs, governance depends on the rules' code (`lock_delegate_dependency`): the
/// chain then refuses to remove that code (its uploader could otherwise remove it, and every
/// message but the hot ones would fail). `set_rules_code(None)` releases it.
fn depend_on(rules: &Hash) {
    ink::env::lock_delegate_dependency::<ink::env::DefaultEnvironment>(rules);
}

fn release(rules: &Hash) {
    ink::env::unlock_delegate_dependency::<ink::env::DefaultEnvironment>(rules);
}

/// Records the rules a front hands over to (`None`: no front runs), keeping governance's one
/// dependency on the rules' code in step with the cell.
pub fn set_rules_code(rules: Option<Hash>) {
    let before = rules_code();
    if before == rules {
        return;
    }
    if let Some(old) = &before {
        release(old);
    }
    if let Some(new) = &rules {
        depend_on(new);
    }
    write_rules_code(rules);
}

fn write_rules_code(rules: Option<Hash>) {
    match rules {
        Some(hash) => {
            ink::env::set_contract_storage(&RULES_CODE, &hash);
        }
        None => {
            ink::env::clear_contract_storage(&RULES_CODE);
        }
    }
}
