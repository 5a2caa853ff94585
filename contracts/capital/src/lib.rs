//! # usOS `capital` (in progress)
//!
//! The capital-stake registry with capped shares. This crate holds, so far, the exact share
//! mathematics in [`waterfill`]; the storage (checkpointed stakes, the ordered candidates for
//! capping) and the contract come next.
// cargo-contract denies this lint in release builds; deny it on the host too, outside tests.
#![cfg_attr(not(test), deny(clippy::arithmetic_side_effects))]
#![cfg_attr(not(feature = "std"), no_std)]

pub mod waterfill;

#[cfg(test)]
mod waterfill_tests;
