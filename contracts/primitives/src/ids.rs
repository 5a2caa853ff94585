//! Identifiers used across contracts. Aliases of ink!'s default environment types, so a value
//! read from one contract can be passed to another unchanged.

pub type AccountId = ink::primitives::AccountId;
pub type Hash = ink::primitives::Hash;
/// `<DefaultEnvironment as Environment>::BlockNumber`.
pub type BlockNumber = u32;
/// A household (family) in `membership`; ids start at 1.
pub type HouseholdId = u32;
/// A decision category (finance, engineering, ...), defined by governance.
pub type CategoryId = u32;
/// The constitution: the governance category that decides on governance itself, upgrades and
/// admins. It always carries calls to governance, so the cooperative can always amend it.
pub const CONSTITUTION: CategoryId = 0;
