//! Test harness for the built usOS contracts: deploys the release `.contract` bundles into an
//! in-process `pallet-contracts` runtime (ink_sandbox) and calls them with typed arguments and
//! results, reporting gas, storage deposit and the events each call emitted.
//!
//! `scenario` is one cooperative's life written against `backend::Backend`, so the sandbox and,
//! with feature `node`, a real substrate-contracts-node (`node`, ink_e2e's node client) run the
//! same scenario.
//!
//! Bundles come from `$USOS_ARTIFACTS` (set by scripts/test.sh to a fresh build), else from
//! `frontend-abi/`.

pub mod backend;
pub mod bundle;
pub mod chain;
pub mod coop;
pub mod factory;
pub mod fanout;
pub mod matching;
#[cfg(feature = "node")]
pub mod node;
pub mod proposals;
pub mod psp22;
pub mod relay;
pub mod representatives;
pub mod scenario;
pub mod twin;

pub use bundle::Bundle;
pub use chain::{id, Chain, Contract, ContractEvent, Outcome};
pub use coop::{Coop, BUDGET};
