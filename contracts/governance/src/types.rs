//! Governance vocabulary: what flows through delegation, tallies, parameters and proposals.

use ink::prelude::{string::String, vec::Vec};
use usos_primitives::{AccountId, BasisPoints, BlockNumber, CategoryId};

pub type ProposalId = u32;

/// Longest delegation chain any category may allow (edges from a delegator to its final
/// delegate). Bounds every walk up a chain.
pub const MAX_DEPTH: u8 = 8;
/// Categories one account may delegate in at once: a change of its membership or stake
/// updates its chain in each of them.
pub const MAX_DELEGATIONS: usize = 16;
/// Inflow updates one capital report may cost at most; governance takes no change that could
/// pass it (capital keeps the rest for a later call). One account delegating everywhere at full
/// depth fits, so the first change is always taken.
pub const MAX_REPORT_STEPS: usize = MAX_DELEGATIONS * MAX_DEPTH as usize;
pub const MAX_TITLE_LEN: usize = 128;
pub const MAX_DESCRIPTION_LEN: usize = 256;
pub const MAX_ACTIONS: usize = 8;
pub const MAX_ACTION_INPUT: usize = 1024;
/// At most this many categories and action rules are set up at `connect`.
pub const MAX_SETUP_CATEGORIES: usize = 16;
pub const MAX_SETUP_RULES: usize = 96;

// Bounds on every parameter, so that no passed proposal can leave governance unable to pass
// and execute the next one (see `Param`).
/// Fewer points than this round a pool's points to nothing: each basis point of weight is worth
/// at least 100 points.
pub const MIN_BUDGET: u128 = 1_000_000;
/// Keeps every sum of points far inside `u128`.
pub const MAX_BUDGET: u128 = 1_000_000_000_000_000_000_000_000_000_000;
/// Blocks anyone has to finalise a passed proposal, and then to execute it: a day at 6-second
/// blocks, so a decision does not die of a short outage or a few blocks of censorship.
pub const MIN_GRACE: BlockNumber = 14_400;
/// The longest voting delay, voting period, timelock, override window or grace: 30 days of
/// 6-second blocks, so a careless proposal cannot make the next fix wait for years (nor lock a
/// voter's capital that long). Sums of these stay far from `u32::MAX`.
pub const MAX_WINDOW: BlockNumber = 432_000;
/// The highest approval: 90%. Under the strict "more than" rule 100% could never pass, and
/// near it a single dissenter, or one lost key, vetoes every decision including the repair.
pub const MAX_APPROVAL: u16 = 9_000;
/// The highest quorum: 50% of the budget. Above it, the absent (lost keys, members who never
/// vote) decide that nothing can pass.
pub const MAX_QUORUM: u16 = 5_000;

/// What accounts bring to the three pools, in the pools' own units: members (0/1 each), merit
/// points in the tree's category, and capital as reported by capital (stake valued at `λ`, plus
/// exact shares of capped members). Summed over a delegation subtree.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Weights {
    pub members: u32,
    pub merit: u128,
    /// Raw stake of members no cap touches: worth `floor(λ·plain_raw)` shares.
    pub plain_raw: u128,
    /// Exact shares (10^18 = the whole pool) of capped members and full households' members.
    pub fixed: u128,
}

impl Weights {
    pub fn checked_add(self, other: Self) -> Option<Self> {
        Some(Self {
            members: self.members.checked_add(other.members)?,
            merit: self.merit.checked_add(other.merit)?,
            plain_raw: self.plain_raw.checked_add(other.plain_raw)?,
            fixed: self.fixed.checked_add(other.fixed)?,
        })
    }

    pub fn checked_sub(self, other: Self) -> Option<Self> {
        Some(Self {
            members: self.members.checked_sub(other.members)?,
            merit: self.merit.checked_sub(other.merit)?,
            plain_raw: self.plain_raw.checked_sub(other.plain_raw)?,
            fixed: self.fixed.checked_sub(other.fixed)?,
        })
    }

    /// `self - old + new`: one account's contribution replaced inside a sum.
    pub fn replace(self, old: Self, new: Self) -> Option<Self> {
        self.checked_sub(old)?.checked_add(new)
    }
}

/// An amount in each pool: members, merit points, capital shares (10^18 = the pool).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct PoolAmounts {
    pub equal: u128,
    pub merit: u128,
    pub capital: u128,
}

impl PoolAmounts {
    pub fn is_zero(&self) -> bool {
        *self == Self::default()
    }

    pub fn checked_add(self, other: Self) -> Option<Self> {
        Some(Self {
            equal: self.equal.checked_add(other.equal)?,
            merit: self.merit.checked_add(other.merit)?,
            capital: self.capital.checked_add(other.capital)?,
        })
    }

    /// Floors at zero: capital amounts are floors of products, so a part may exceed its whole
    /// by rounding.
    pub fn saturating_sub(self, other: Self) -> Self {
        Self {
            equal: self.equal.saturating_sub(other.equal),
            merit: self.merit.saturating_sub(other.merit),
            capital: self.capital.saturating_sub(other.capital),
        }
    }

    pub fn total(&self) -> Option<u128> {
        self.equal
            .checked_add(self.merit)?
            .checked_add(self.capital)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum Choice {
    Against,
    For,
    Abstain,
}

/// Per choice, per pool. Kept apart so anyone can see how each philosophy voted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Tally {
    pub against: PoolAmounts,
    pub for_: PoolAmounts,
    pub abstain: PoolAmounts,
}

impl Tally {
    pub fn get_mut(&mut self, choice: Choice) -> &mut PoolAmounts {
        match choice {
            Choice::Against => &mut self.against,
            Choice::For => &mut self.for_,
            Choice::Abstain => &mut self.abstain,
        }
    }
}

/// The share of the decision budget each pool distributes (basis points summing to 10,000).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct PoolWeights {
    pub equal: BasisPoints,
    pub merit: BasisPoints,
    pub capital: BasisPoints,
}

/// How a category decides. Proposals copy them when created: a change applies to later ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct CategoryParams {
    pub weights: PoolWeights,
    /// Blocks from proposing to the snapshot; votes open the block after the snapshot.
    pub voting_delay: BlockNumber,
    pub voting_period: BlockNumber,
    /// A proposal passes when `For / (For + Against)` is more than this.
    pub approval: BasisPoints,
    /// Participating points needed, as a share of the budget: For + Abstain (as OpenZeppelin's
    /// simple counting), so opponents voting Against never lift a proposal over quorum.
    pub quorum: BasisPoints,
    /// Blocks between a successful finalise and the earliest execution.
    pub timelock: BlockNumber,
    /// Longest delegation chain allowed in the category (1..=`MAX_DEPTH`).
    pub max_depth: u8,
    /// Delegators always have this many blocks to override a vote that carries their points:
    /// such a vote in a proposal's last `override_window` blocks extends its end, once, to
    /// `override_window` blocks after the vote.
    pub override_window: BlockNumber,
}

/// Settings for every category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Config {
    /// Decision points every decision distributes (the design's 10^12).
    pub budget: u128,
    /// Blocks after the timelock during which a queued proposal can be executed.
    pub grace: BlockNumber,
    /// Proposals a member may have in voting (not yet finalised or canceled) at once.
    pub open_per_member: u32,
}

/// The contracts whose state makes voting power; set once by the deployer (`connect`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Sources {
    pub membership: AccountId,
    pub merit: AccountId,
    pub capital: AccountId,
}

/// An action a category's proposals may carry: calls to `callee`, of message `selector`, or of
/// any of its messages (`None`). Kept per category and changed only by proposal
/// (`set_action_rule`), so a proposal cannot pick laxer rules than its actions deserve.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct ActionRule {
    pub callee: AccountId,
    pub selector: Option<[u8; 4]>,
}

/// One call governance makes when a proposal executes.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Action {
    pub callee: AccountId,
    pub selector: [u8; 4],
    /// The SCALE-encoded arguments, as the callee's message expects them.
    pub input: Vec<u8>,
    /// Native currency sent with the call, from governance's balance.
    pub value: u128,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum Status {
    Open,
    Defeated,
    /// Passed; executable from `eta` for the proposal's grace period.
    Queued {
        eta: BlockNumber,
    },
    Executed,
    Canceled,
    /// Passed, but finalised only after its grace had run out since voting ended: never
    /// executable.
    Stale,
}

/// The parameter a change would put out of bounds (`Error::OutOfBounds`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum Param {
    /// The pool weights do not sum to 10,000.
    Weights,
    /// The equal pool has no weight: it is the one pool never empty while there are members.
    EqualWeight,
    VotingDelay,
    /// Zero, or above `MAX_WINDOW`.
    VotingPeriod,
    /// Zero, or above `MAX_APPROVAL`.
    Approval,
    /// Above `MAX_QUORUM`.
    Quorum,
    Timelock,
    /// Outside 1..=`MAX_DEPTH`.
    MaxDepth,
    OverrideWindow,
    /// Outside `MIN_BUDGET..=MAX_BUDGET`.
    Budget,
    /// Below `MIN_GRACE` or above `MAX_WINDOW`.
    Grace,
    /// Zero: nobody could propose.
    OpenPerMember,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Proposal {
    pub proposer: AccountId,
    pub category: CategoryId,
    /// Power, delegation and the pools are read as they were at the end of this block.
    pub snapshot: BlockNumber,
    /// Last block of voting.
    pub vote_end: BlockNumber,
    pub params: CategoryParams,
    pub budget: u128,
    /// Blocks to finalise once voting ended, and to execute once the timelock passed: copied
    /// when proposed, so a later `set_config` neither revives nor cuts short this proposal.
    pub grace: BlockNumber,
    pub status: Status,
    /// Whether a late vote carrying delegated points already extended `vote_end` (once).
    pub extended: bool,
}

/// The texts of a proposal (kept apart: votes never read them).
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct ProposalText {
    pub title: String,
    /// A URI or hash of the full description.
    pub description: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum ProposalState {
    Pending,
    Active,
    Defeated,
    Succeeded,
    Queued,
    Executed,
    Canceled,
    /// Queued but not executed within the grace period, or passed but not finalised within
    /// the grace period after voting ended.
    Expired,
}

/// A direct vote and what it counts now (less whatever its delegators took back since).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Vote {
    pub choice: Choice,
    pub counted: PoolAmounts,
}

/// One account on one proposal, in one cell (a vote reads and writes it once): its direct
/// vote, if any, and what voters below it in its delegation chain already counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct VoterRecord {
    pub vote: Option<Vote>,
    pub withheld: PoolAmounts,
}

/// Decision points per choice and pool, and the verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Outcome {
    pub for_: PoolAmounts,
    pub against: PoolAmounts,
    pub abstain: PoolAmounts,
    pub quorum_met: bool,
    pub approved: bool,
}
