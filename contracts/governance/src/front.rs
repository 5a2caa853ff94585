//! Governance's front: the hot path (votes, relayed votes, delegations, capital's and merit's
//! reports) in its own small code, `governance_front` (how fronts work:
//! `usos_primitives::front`). This module names governance's rules cell and its build's
//! fingerprint.

pub use usos_primitives::front::FRONT_FOR;

/// The storage cell holding the rules' code hash while a front runs (empty otherwise).
pub const RULES_CODE: u32 = ink::selector_id!("usos governance rules code");

/// This build's version: 1, or 2 for the `v2` build the upgrade test installs.
pub const VERSION: u32 = if cfg!(feature = "v2") { 2 } else { 1 };

/// The fingerprint governance's front and whole code share
/// (`usos_primitives::front::fingerprint`): the sources that define or write governance's
/// storage (the front declares the root again in its own `lib.rs`), and the version. A build's
/// name, not an authentication: any code can answer it, so voters check a front's hash against
/// the reproducible build (`scripts/build.sh`).
pub const FINGERPRINT: u64 = usos_primitives::front::fingerprint(
    VERSION,
    &[
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
        include_bytes!("../../governance_front/src/lib.rs"),
        include_bytes!("../../primitives/src/ids.rs"),
        include_bytes!("../../primitives/src/checkpoints.rs"),
        include_bytes!("../../primitives/src/traits.rs"),
        include_bytes!("../../primitives/src/front.rs"),
    ],
);

/// The rules' code hash, if a front runs.
pub fn rules_code() -> Option<usos_primitives::Hash> {
    usos_primitives::front::rules_code(RULES_CODE)
}
