//! # usOS `profiles`
//!
//! Representative matching, on-chain half. Governance sets each category's questionnaire (how
//! many questions, the answer range, a URI for the texts). Members publish their answers per
//! category, the OkCupid way: their own answer, the answers they accept from a representative,
//! and how much the question matters. Members who have answered may stand as representatives
//! with a statement URI. An off-chain ranker (`usos match`) reads the answers, scores every
//! representative against a member and suggests whom to delegate to in `governance`.
//!
//! A separate contract keeps governance's code (and so every vote's proof) small.
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

pub use self::profiles::{Profiles, ProfilesRef};
pub use errors::Error;
pub use types::*;

// ink!'s generated dispatch panics on undecodable input (it reverts the call): the shell
// allows `clippy::panic` for that; the rules, in the core modules, deny it.
#[allow(clippy::panic)]
#[ink::contract]
mod profiles {
    use crate::{
        data::{Events, ProfilesData},
        errors::Error,
        events::ProfilesEvent,
        types::*,
    };
    use ink::prelude::{string::String, vec::Vec};
    use usos_primitives::{
        traits::{is_member_at, MemberChange, MembershipListener},
        CategoryId, HouseholdId, ListenerError,
    };

    #[ink(storage)]
    pub struct Profiles {
        data: ProfilesData,
        membership: AccountId,
    }

    impl Profiles {
        /// Profiles of the cooperative whose members `membership` records; `admin` is governance.
        #[ink(constructor)]
        pub fn new(admin: AccountId, membership: AccountId) -> Self {
            Self {
                data: ProfilesData::new(admin),
                membership,
            }
        }

        /// Admin: `category`'s questionnaire.
        #[ink(message)]
        pub fn set_questionnaire(
            &mut self,
            category: CategoryId,
            questionnaire: Questionnaire,
        ) -> Result<(), Error> {
            let events =
                self.data
                    .set_questionnaire(self.env().caller(), category, questionnaire)?;
            self.emit(events);
            Ok(())
        }

        /// A member publishes (or replaces) its answers, one per question.
        #[ink(message)]
        pub fn publish_answers(
            &mut self,
            category: CategoryId,
            answers: Vec<Answer>,
        ) -> Result<(), Error> {
            let caller = self.env().caller();
            let member = self.is_member(caller)?;
            let events = self.data.publish(caller, member, category, answers)?;
            self.emit(events);
            Ok(())
        }

        /// A member who has answered stands as a representative, with a statement URI.
        #[ink(message)]
        pub fn stand(&mut self, category: CategoryId, statement_uri: String) -> Result<(), Error> {
            let caller = self.env().caller();
            let member = self.is_member(caller)?;
            let events = self.data.stand(caller, member, category, statement_uri)?;
            self.emit(events);
            Ok(())
        }

        #[ink(message)]
        pub fn withdraw(&mut self, category: CategoryId) -> Result<(), Error> {
            let events = self.data.withdraw(self.env().caller(), category)?;
            self.emit(events);
            Ok(())
        }

        /// Anyone: removes a representative who is no longer a member from `category`'s list.
        #[ink(message)]
        pub fn evict(
            &mut self,
            category: CategoryId,
            representative: AccountId,
        ) -> Result<(), Error> {
            let member = self.is_member(representative)?;
            let events = self
                .data
                .evict(self.env().caller(), category, representative, member)?;
            self.emit(events);
            Ok(())
        }

        #[ink(message)]
        pub fn set_admin(&mut self, new_admin: AccountId) -> Result<(), Error> {
            self.data.set_admin(self.env().caller(), new_admin)
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

        #[ink(message)]
        pub fn admin(&self) -> AccountId {
            self.data.admin()
        }

        #[ink(message)]
        pub fn questionnaire(&self, category: CategoryId) -> Option<Questionnaire> {
            self.data.questionnaire(category)
        }

        #[ink(message)]
        pub fn answers(&self, category: CategoryId, account: AccountId) -> Option<Vec<Answer>> {
            self.data.answers(category, account)
        }

        #[ink(message)]
        pub fn statement(&self, category: CategoryId, account: AccountId) -> Option<String> {
            self.data.statement(category, account)
        }

        #[ink(message)]
        pub fn representatives(&self, category: CategoryId) -> Vec<AccountId> {
            self.data.representatives(category)
        }

        /// The categories `account` stands in as a representative.
        #[ink(message)]
        pub fn standing(&self, account: AccountId) -> Vec<CategoryId> {
            self.data.standing(account)
        }

        fn is_member(&self, account: AccountId) -> Result<bool, Error> {
            is_member_at(self.membership, account, self.env().block_number())
                .ok_or(Error::MembershipUnavailable)
        }

        fn emit(&self, events: Events) {
            for event in events {
                match event {
                    ProfilesEvent::QuestionnaireSet(e) => self.env().emit_event(e),
                    ProfilesEvent::AnswersPublished(e) => self.env().emit_event(e),
                    ProfilesEvent::RepresentativeStood(e) => self.env().emit_event(e),
                    ProfilesEvent::RepresentativeWithdrew(e) => self.env().emit_event(e),
                    ProfilesEvent::RepresentativeEvicted(e) => self.env().emit_event(e),
                }
            }
        }
    }

    impl MembershipListener for Profiles {
        /// membership reports every change; an exit removes the leaver from every category
        /// it stood in (`RepresentativeEvicted`, by membership).
        #[ink(message)]
        fn membership_changed(
            &mut self,
            account: AccountId,
            is_member: bool,
            _household: Option<HouseholdId>,
        ) -> Result<(), ListenerError> {
            let caller = self.env().caller();
            if caller != self.membership {
                return Err(ListenerError::UnknownCaller);
            }
            let events = self
                .data
                .membership_changed(caller, account, is_member)
                .map_err(|_| ListenerError::Failed)?;
            self.emit(events);
            Ok(())
        }

        /// Each change as `membership_changed` takes it.
        #[ink(message)]
        fn membership_changed_many(
            &mut self,
            changes: Vec<MemberChange>,
        ) -> Result<(), ListenerError> {
            let caller = self.env().caller();
            if caller != self.membership {
                return Err(ListenerError::UnknownCaller);
            }
            let mut events = Vec::new();
            for (account, is_member, _) in changes {
                events.extend(
                    self.data
                        .membership_changed(caller, account, is_member)
                        .map_err(|_| ListenerError::Failed)?,
                );
            }
            self.emit(events);
            Ok(())
        }
    }
}
