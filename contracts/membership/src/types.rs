//! Values membership stores and returns.

use usos_primitives::{AccountId, BlockNumber};

/// Why a member belongs to the cooperative. Every class counts equally in the distributism
/// pool; the class is for the cooperative's own rules and for display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum StakeholderClass {
    User,
    Worker,
    Investor,
    Supporter,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct MemberInfo {
    pub class: StakeholderClass,
    /// Block of the (latest) admission.
    pub since: BlockNumber,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct HouseholdInfo {
    pub founder: AccountId,
    /// Current number of members in the household.
    pub members: u32,
    pub created_at: BlockNumber,
}
