//! Shared vocabulary of the usOS contracts: one name per concept.
//!
//! - [`ids`]: account, block, household and category identifiers.
//! - [`BasisPoints`] and [`Share`]: exact fixed-point fractions (caps, weights, capital shares).
//! - [`Checkpoints`]: per-key value history answering `value_at(block)` in O(log n) reads, so a
//!   proposal can read membership, merit and capital at its snapshot block.
//! - [`Rate`]: capital's exact shares-per-stake ratio.
//! - [`traits`]: the cross-contract interfaces the contracts call each other through.
//! - [`front`]: a contract's hot messages in small code of their own, the rest handed over.
//! - [`Verbatim`]: already encoded bytes, passed through as they are.
// cargo-contract denies this lint in release builds; deny it on the host too, outside tests.
#![cfg_attr(
    not(test),
    deny(
        clippy::arithmetic_side_effects,
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]
#![cfg_attr(not(feature = "std"), no_std)]

pub mod admin;
pub mod checkpoints;
#[cfg(test)]
mod checkpoints_tests;
pub mod events;
pub mod fixed;
#[cfg(test)]
mod fixed_tests;
pub mod front;
pub mod ids;
// ink!'s `trait_definition` expands to stubs that panic (never reached: the calls go to the
// contracts implementing the traits), so these two modules of trait definitions allow it.
#[allow(clippy::panic)]
pub mod psp22;
pub mod rate;
#[allow(clippy::panic)]
pub mod traits;
pub mod verbatim;

pub use admin::{upgrade_code, Admin, NotAdmin, UpgradeFailed};
pub use checkpoints::{Checkpoint, CheckpointError, Checkpoints};
pub use fixed::{mul_div, BasisPoints, Share};
pub use ids::{AccountId, BlockNumber, CategoryId, Hash, HouseholdId, CONSTITUTION};
pub use rate::Rate;
pub use traits::{CapitalInput, ListenerError, RecordError, SweepError};
pub use verbatim::{Verbatim, VerbatimRef};
