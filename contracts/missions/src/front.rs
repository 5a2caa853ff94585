//! The token's front: PSP22's transfers and approvals in their own small code,
//! `missions_front` (how fronts work: `usos_primitives::front`). A transfer's proof then
//! carries that code instead of the whole of missions'. The token stays where it is: one
//! address, one storage, the standard selectors and events, and nothing migrates. This module
//! names missions' rules cell and its build's fingerprint.

/// The storage cell holding the rules' code hash while a front runs (empty otherwise).
pub const RULES_CODE: u32 = ink::selector_id!("usos missions rules code");

/// This build's version: 1, or 2 for the `v2` build the upgrade test installs.
pub const VERSION: u32 = if cfg!(feature = "v2") { 2 } else { 1 };

/// The fingerprint the token's front and missions' whole code share
/// (`usos_primitives::front::fingerprint`): the sources that define or write missions'
/// storage (the root struct is in `lib.rs`; the front declares it again in its own `lib.rs`),
/// and the version. The fingerprint is a build's name, not an authentication: any code can
/// answer it, so voters check a front's hash against the reproducible build (`scripts/build.sh`).
pub const FINGERPRINT: u64 = usos_primitives::front::fingerprint(
    VERSION,
    &[
        include_bytes!("lib.rs"),
        include_bytes!("data.rs"),
        include_bytes!("token.rs"),
        include_bytes!("types.rs"),
        include_bytes!("events.rs"),
        include_bytes!("errors.rs"),
        include_bytes!("front.rs"),
        include_bytes!("../../missions_front/src/lib.rs"),
        include_bytes!("../../primitives/src/admin.rs"),
        include_bytes!("../../primitives/src/ids.rs"),
        include_bytes!("../../primitives/src/psp22.rs"),
        include_bytes!("../../primitives/src/front.rs"),
    ],
);
