//! What a cooperative is made of, and what its founders choose.

use governance::{CategoryParams, Config};
use ink::prelude::{string::String, vec::Vec};
use merit::{CategoryRules, Level};
use usos_primitives::{AccountId, Hash};

/// Founders one `create_cooperative` admits (in one `admit_many`): each founding credential is
/// still reported across contracts whose code the call loads again, so 8 founders all holding
/// one take about 3.0 MB of proof (`factory::the_largest_founding_fits_one_call`), inside a
/// block's normal class. The rest join by proposal.
pub const MAX_FOUNDERS: usize = 8;
pub const MAX_FOUNDING_CATEGORIES: usize = 8;
pub const MAX_NAME_LEN: usize = 64;
/// Calls one founding category may carry.
pub const MAX_CARRIES: usize = 8;
/// The governance category of the cooperative's constitution: upgrades, wiring, caps, locks,
/// recorders, categories and governance's own settings. Merit's categories start at 1, so this
/// id never names a merit category (its merit pool is empty, by design).
pub use usos_primitives::CONSTITUTION;

/// The uploaded code of the six contracts and of the two fronts (governance's and the token's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct CodeHashes {
    pub membership: Hash,
    pub merit: Hash,
    pub capital: Hash,
    pub governance: Hash,
    /// The small code governance runs its hot path in (`governance.use_front`).
    pub governance_front: Hash,
    pub missions: Hash,
    /// The small code missions runs its token's transfers in (`missions.use_front`).
    pub missions_front: Hash,
    pub profiles: Hash,
}

/// A call a founding category's proposals may carry: `part`'s message `selector`, or any of
/// its messages (`None`). What the constitution carries cannot be named here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct Carry {
    pub part: Part,
    pub selector: Option<[u8; 4]>,
}

/// A merit category the cooperative starts with (a governance category with the same id), its
/// first holders, and what its proposals may carry.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct FoundingCategory {
    pub name: String,
    pub rules: CategoryRules,
    /// Founders holding a credential from the start (they must be among the founders).
    pub holders: Vec<(AccountId, Level)>,
    /// At most `MAX_CARRIES`, none of the constitution's.
    pub carries: Vec<Carry>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct CoopParams {
    /// Governance parameters of every founding category.
    pub defaults: CategoryParams,
    /// Parameters of the constitution category (`CONSTITUTION`): at least as strict as
    /// `defaults` in approval, quorum and timelock.
    pub constitution: CategoryParams,
    pub config: Config,
    /// The first members.
    pub founders: Vec<AccountId>,
    pub categories: Vec<FoundingCategory>,
}

/// The addresses of one cooperative's contracts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Cooperative {
    pub membership: AccountId,
    pub merit: AccountId,
    pub capital: AccountId,
    pub governance: AccountId,
    pub missions: AccountId,
    pub profiles: AccountId,
}

impl Cooperative {
    /// The address of `part`.
    pub fn address(&self, part: Part) -> AccountId {
        match part {
            Part::Membership => self.membership,
            Part::Merit => self.merit,
            Part::Capital => self.capital,
            Part::Governance => self.governance,
            Part::Missions => self.missions,
            Part::Profiles => self.profiles,
        }
    }
}

/// Which contract a step of the set-up concerned (or a founding category's call is for).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum Part {
    Membership,
    Merit,
    Capital,
    Governance,
    Missions,
    Profiles,
}
