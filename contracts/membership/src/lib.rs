//! # usOS `membership`
//!
//! The membership token of a cooperative (the distributism pool): one soulbound membership per
//! member, a stakeholder class, and at most one household per member (households matter for the
//! capital caps). Admission and removal belong to the admin, the cooperative's `governance`
//! contract; a member may leave by itself. Governance may also place members in a household;
//! leaving one takes effect `household_delay` blocks after asking (the longest voting window),
//! so household status cannot be toggled around a snapshot. Membership, household and member
//! count are checkpointed by block, so governance can ask "who was a member at block B, and how
//! many".
//!
//! The rules live in [`data::MembershipData`] (plain Rust, host-tested); the contract below
//! only reads the environment, calls the core, and emits the events it returns.
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
#![cfg_attr(not(feature = "std"), no_std, no_main)]

pub mod data;
pub mod errors;
pub mod events;
pub mod types;

#[cfg(test)]
mod data_tests;

pub use self::membership::{Membership, MembershipRef};
pub use errors::Error;
pub use types::{HouseholdInfo, MemberInfo, StakeholderClass};

// ink!'s generated dispatch panics on undecodable input (it reverts the call): the shell
// allows `clippy::panic` for that; the rules, in the core modules, deny it.
#[allow(clippy::panic)]
#[ink::contract]
mod membership {
    use crate::{
        data::{Events, MembershipData},
        errors::Error,
        events::MembershipEvent,
        types::{HouseholdInfo, MemberInfo, StakeholderClass},
    };
    use ink::{codegen::TraitCallBuilder, prelude::vec::Vec};
    use usos_primitives::{
        traits::{answered, MemberChange, MembershipListener, MembershipView},
        HouseholdId,
    };

    #[ink(storage)]
    pub struct Membership {
        data: MembershipData,
    }

    impl Membership {
        /// A cooperative's membership, administered by `admin` (its governance contract).
        #[ink(constructor)]
        pub fn new(admin: AccountId) -> Self {
            Self {
                data: MembershipData::new(admin),
            }
        }

        /// Admin: admit `account` as a member of `class`.
        #[ink(message)]
        pub fn admit(&mut self, account: AccountId, class: StakeholderClass) -> Result<(), Error> {
            let (caller, now) = self.context();
            let events = self.data.admit(caller, now, account, class)?;
            self.apply(events)
        }

        /// Admin: admit every account of `entries` that is not a member yet (members and
        /// repeats are skipped), at most `MAX_ADMIT_BATCH`. Each listener is told of all of them
        /// in one call, so a cooperative admits many people by one proposal paying every
        /// listener's code once per batch, not once per person (bench: ≈ 35 KB of proof a
        /// person in a batch of 30, ≈ 405 KB alone).
        #[ink(message)]
        pub fn admit_many(
            &mut self,
            entries: Vec<(AccountId, StakeholderClass)>,
        ) -> Result<(), Error> {
            let (caller, now) = self.context();
            let events = self.data.admit_many(caller, now, entries)?;
            let changes: Vec<MemberChange> = events
                .iter()
                .filter_map(MembershipEvent::changed_account)
                .map(|a| (a, self.data.is_member(a), self.data.household_of(a)))
                .collect();
            if !changes.is_empty() {
                for listener in self.data.listeners() {
                    let mut target: ink::contract_ref!(MembershipListener) = listener.into();
                    answered(
                        target
                            .call_mut()
                            .membership_changed_many(changes.clone())
                            .try_invoke(),
                    )
                    .ok_or(Error::ListenerFailed)?;
                }
            }
            self.emit(events);
            Ok(())
        }

        /// Admin: end `account`'s membership.
        #[ink(message)]
        pub fn remove(&mut self, account: AccountId) -> Result<(), Error> {
            let (caller, now) = self.context();
            let events = self.data.remove(caller, now, account)?;
            self.apply(events)
        }

        /// Admin: change a member's stakeholder class.
        #[ink(message)]
        pub fn set_class(
            &mut self,
            account: AccountId,
            class: StakeholderClass,
        ) -> Result<(), Error> {
            let events = self.data.set_class(self.env().caller(), account, class)?;
            self.apply(events)
        }

        /// Admin: hand administration to `new_admin`.
        #[ink(message)]
        pub fn set_admin(&mut self, new_admin: AccountId) -> Result<(), Error> {
            let events = self.data.set_admin(self.env().caller(), new_admin)?;
            self.apply(events)
        }

        /// Admin: the contracts told of every membership and household change, in the same
        /// transaction and in this order (the cooperative's capital, then governance). Set them
        /// before admitting members.
        #[ink(message)]
        pub fn set_listeners(&mut self, listeners: Vec<AccountId>) -> Result<(), Error> {
            let events = self.data.set_listeners(self.env().caller(), listeners)?;
            self.apply(events)
        }

        #[ink(message)]
        pub fn listeners(&self) -> Vec<AccountId> {
            self.data.listeners()
        }

        /// Admin: replace this contract's code; storage is kept. Only code that runs this
        /// contract is installed (`UpgradeFailed` otherwise: no such code, a front, another
        /// contract's code; `usos_primitives::upgrade_code`).
        #[ink(message)]
        pub fn set_code(&mut self, code_hash: Hash) -> Result<(), Error> {
            self.data.ensure_admin(self.env().caller())?;
            usos_primitives::upgrade_code(code_hash).map_err(|_| Error::UpgradeFailed)
        }

        /// The code's version: 1, or 2 for the `v2` build the upgrade test installs.
        #[ink(message)]
        pub fn version(&self) -> u32 {
            if cfg!(feature = "v2") {
                2
            } else {
                1
            }
        }

        /// Leave the cooperative (and your household).
        #[ink(message)]
        pub fn leave(&mut self) -> Result<(), Error> {
            let (caller, now) = self.context();
            let events = self.data.leave(caller, now)?;
            self.apply(events)
        }

        /// Membership is soulbound: always refused with `Error::Soulbound`.
        #[ink(message)]
        pub fn transfer(&mut self, _to: AccountId) -> Result<(), Error> {
            Err(Error::Soulbound)
        }

        /// Found a household; the caller is its first member. Returns its id.
        #[ink(message)]
        pub fn create_household(&mut self) -> Result<HouseholdId, Error> {
            let (caller, now) = self.context();
            let (household, events) = self.data.create_household(caller, now)?;
            self.apply(events)?;
            Ok(household)
        }

        /// Invite a member into the caller's household (the household's consent).
        #[ink(message)]
        pub fn invite_to_household(&mut self, invitee: AccountId) -> Result<(), Error> {
            let (caller, now) = self.context();
            let events = self.data.invite_to_household(caller, now, invitee)?;
            self.apply(events)
        }

        /// Accept an invitation and join `household`.
        #[ink(message)]
        pub fn join_household(&mut self, household: HouseholdId) -> Result<(), Error> {
            let (caller, now) = self.context();
            let events = self.data.join_household(caller, now, household)?;
            self.apply(events)
        }

        /// Ask to leave your household: you leave it `household_delay` blocks later (the
        /// cooperative's longest voting window), when anyone completes the exit.
        #[ink(message)]
        pub fn leave_household(&mut self) -> Result<(), Error> {
            let (caller, now) = self.context();
            let events = self.data.leave_household(caller, now)?;
            self.apply(events)
        }

        /// A household member asks that another member of its household leave it: the exit
        /// takes effect `household_delay` blocks later, as a `leave_household` would.
        #[ink(message)]
        pub fn remove_from_household(&mut self, member: AccountId) -> Result<(), Error> {
            let (caller, now) = self.context();
            let events = self.data.remove_from_household(caller, now, member)?;
            self.apply(events)
        }

        /// Anyone, once `member`'s requested household exit is due: it leaves the household.
        #[ink(message)]
        pub fn complete_household_exit(&mut self, member: AccountId) -> Result<(), Error> {
            let events = self
                .data
                .complete_household_exit(self.env().block_number(), member)?;
            self.apply(events)
        }

        /// Admin (by proposal): put `member` in `household`, or in a new household of its own
        /// (`None`); returns the household.
        #[ink(message)]
        pub fn place_in_household(
            &mut self,
            member: AccountId,
            household: Option<HouseholdId>,
        ) -> Result<HouseholdId, Error> {
            let (caller, now) = self.context();
            let (placed, events) = self
                .data
                .place_in_household(caller, now, member, household)?;
            self.apply(events)?;
            Ok(placed)
        }

        /// Admin: blocks between asking to leave a household and leaving it.
        #[ink(message)]
        pub fn set_household_delay(&mut self, delay: BlockNumber) -> Result<(), Error> {
            let events = self.data.set_household_delay(self.env().caller(), delay)?;
            self.apply(events)
        }

        #[ink(message)]
        pub fn household_delay(&self) -> BlockNumber {
            self.data.household_delay()
        }

        /// When `member`'s requested household exit takes effect, if it asked to leave.
        #[ink(message)]
        pub fn leaving_at(&self, member: AccountId) -> Option<BlockNumber> {
            self.data.leaving_at(member)
        }

        #[ink(message)]
        pub fn admin(&self) -> AccountId {
            self.data.admin()
        }

        #[ink(message)]
        pub fn is_member(&self, account: AccountId) -> bool {
            self.data.is_member(account)
        }

        #[ink(message)]
        pub fn member(&self, account: AccountId) -> Option<MemberInfo> {
            self.data.member(account)
        }

        #[ink(message)]
        pub fn member_count(&self) -> u32 {
            self.data.member_count()
        }

        #[ink(message)]
        pub fn household_of(&self, account: AccountId) -> Option<HouseholdId> {
            self.data.household_of(account)
        }

        #[ink(message)]
        pub fn household(&self, household: HouseholdId) -> Option<HouseholdInfo> {
            self.data.household(household)
        }

        #[ink(message)]
        pub fn has_invitation(&self, household: HouseholdId, account: AccountId) -> bool {
            self.data
                .has_invitation(household, account, self.env().block_number())
        }

        fn context(&self) -> (AccountId, BlockNumber) {
            (self.env().caller(), self.env().block_number())
        }

        /// Tells the listeners of every changed account (once each), then emits the events. A
        /// refusal reverts the whole call, so no listener ever disagrees with membership.
        fn apply(&self, events: Events) -> Result<(), Error> {
            for listener in self.data.listeners() {
                let mut told: Vec<AccountId> = Vec::new();
                for account in events.iter().filter_map(MembershipEvent::changed_account) {
                    if told.contains(&account) {
                        continue;
                    }
                    told.push(account);
                    let mut target: ink::contract_ref!(MembershipListener) = listener.into();
                    answered(
                        target
                            .call_mut()
                            .membership_changed(
                                account,
                                self.data.is_member(account),
                                self.data.household_of(account),
                            )
                            .try_invoke(),
                    )
                    .ok_or(Error::ListenerFailed)?;
                }
            }
            self.emit(events);
            Ok(())
        }

        fn emit(&self, events: Events) {
            for event in events {
                match event {
                    MembershipEvent::Admitted(e) => self.env().emit_event(e),
                    MembershipEvent::Removed(e) => self.env().emit_event(e),
                    MembershipEvent::Left(e) => self.env().emit_event(e),
                    MembershipEvent::ClassChanged(e) => self.env().emit_event(e),
                    MembershipEvent::HouseholdCreated(e) => self.env().emit_event(e),
                    MembershipEvent::HouseholdInvited(e) => self.env().emit_event(e),
                    MembershipEvent::HouseholdJoined(e) => self.env().emit_event(e),
                    MembershipEvent::HouseholdLeft(e) => self.env().emit_event(e),
                    MembershipEvent::HouseholdLeaving(e) => self.env().emit_event(e),
                    MembershipEvent::HouseholdDelayChanged(e) => self.env().emit_event(e),
                    MembershipEvent::AdminChanged(e) => self.env().emit_event(e),
                    MembershipEvent::ListenersChanged(e) => self.env().emit_event(e),
                }
            }
        }
    }

    impl MembershipView for Membership {
        #[ink(message)]
        fn is_member_at(&self, account: AccountId, block: BlockNumber) -> bool {
            self.data.is_member_at(account, block)
        }

        #[ink(message)]
        fn member_count_at(&self, block: BlockNumber) -> u32 {
            self.data.member_count_at(block)
        }

        #[ink(message)]
        fn household_of_at(&self, account: AccountId, block: BlockNumber) -> Option<HouseholdId> {
            self.data.household_of_at(account, block)
        }
    }
}
