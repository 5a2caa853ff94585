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
pub struct Invitation {
    /// The block of the invitation: it lapses `INVITATION_LIFETIME` blocks later.
    pub at: BlockNumber,
    /// The household member who invited; it lapses too when the inviter leaves the household.
    pub by: AccountId,
}

/// Blocks an invitation to a household stays valid: a week at 6-second blocks.
pub const INVITATION_LIFETIME: BlockNumber = 100_800;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct HouseholdInfo {
    pub founder: AccountId,
    /// Current number of members in the household.
    pub members: u32,
    pub created_at: BlockNumber,
}
