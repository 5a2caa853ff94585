//! Values capital stores and returns.

use usos_primitives::{AccountId, BasisPoints, BlockNumber, HouseholdId};

/// Native currency (and the value of recorded contributions, in the same unit).
pub type Balance = u128;

/// Caps are at least this: at most 100 members can be capped, which bounds every change.
pub const MIN_CAP: u16 = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Stake {
    /// Native currency deposited and not withdrawn.
    pub deposited: Balance,
    /// Contributions recorded by governance or a recorder (paid labour); not withdrawable.
    pub contributed: Balance,
    /// Deposits cannot be withdrawn before this block.
    pub locked_until: BlockNumber,
}

impl Stake {
    pub fn raw(&self) -> Option<Balance> {
        self.deposited.checked_add(self.contributed)
    }
}

/// How much a recorder may record per period: at most `amount` in any `period` blocks (a
/// window that starts at its first record after the previous one ended).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct RecorderLimit {
    pub amount: Balance,
    pub period: BlockNumber,
}

/// An authorised recorder: its limit and what it recorded in its current window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Recorder {
    pub limit: RecorderLimit,
    pub window_start: BlockNumber,
    pub used: Balance,
}

/// The caps in basis points; `individual <= household`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct CapsBps {
    pub individual: BasisPoints,
    pub household: BasisPoints,
}

impl CapsBps {
    pub fn defaults() -> Self {
        CapsBps {
            individual: BasisPoints::new(300).unwrap_or(BasisPoints::ZERO),
            household: BasisPoints::new(500).unwrap_or(BasisPoints::ZERO),
        }
    }

    pub fn is_valid(&self) -> bool {
        self.individual.get() >= MIN_CAP && self.individual <= self.household
    }
}

/// What membership last told capital about an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Status {
    pub member: bool,
    pub household: Option<HouseholdId>,
}

/// A candidate for capping: a member outside households, or a household.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum UnitId {
    Member(AccountId),
    Household(HouseholdId),
}
