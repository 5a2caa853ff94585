//! # usOS `missions`
//!
//! The usOS token and mission bounties: "contribute to missions and earn usOS tokens".
//!
//! - **Token**: PSP22 and PSP22Metadata with the standard selectors and events, plus
//!   PSP22Burnable (holders burn). New tokens come only from the admin (governance), directly or
//!   as the escrow of a mission it funds.
//! - **Missions**: a creator escrows a bounty from its balance (or governance mints it); members
//!   other than the creator claim and submit work (an evidence hash); reviewers (listed
//!   accounts, or live holders of a merit category) approve or reject; the review reaching
//!   `approvals_needed` pays the bounty out of escrow, and as many rejections send the claimant
//!   back to work. The creator or governance may cancel, but while submitted work awaits
//!   review only governance. From the deadline on anyone may expire an open mission. Both
//!   return the escrow to the creator.
//! - **Labour**: when governance enables it, the payout of a mission the cooperative paid for
//!   is recorded in `capital` as the contributor's labour (missions must be one of capital's
//!   recorders), with the mission id as evidence. The cooperative paid for it when governance
//!   created it: `create_funded_mission` (minted) or `create_mission` from governance's own
//!   balance (a treasury payout); the mission's `funding` says which. A member-funded mission
//!   pays its bounty but records no labour, so no one can buy capital stake (and voting power)
//!   with its own tokens by funding, claiming and approving missions among its own accounts.
//!   `MissionPaid::labour_recorded` tells whether a payout was recorded.
//!
//! Escrow is the balance of this contract's own account, so `total_supply` is the sum of all
//! balances; plain transfers to that account are refused, so it holds exactly the open bounties.
//!
//! The token's transfers and approvals run in a small second code, the token front
//! (`missions_front`, installed by `use_front`), so a transfer's proof carries that code
//! instead of this whole one; every other call is handed here ([`front`]).
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
pub mod front;
pub mod token;
pub mod types;

#[cfg(test)]
mod data_tests;

pub use self::missions::{Missions, MissionsRef};
pub use errors::Error;
pub use types::*;

// ink!'s generated dispatch panics on undecodable input (it reverts the call): the shell
// allows `clippy::panic` for that; the rules, in the core modules, deny it.
#[allow(clippy::panic)]
#[ink::contract]
mod missions {
    use crate::{
        data::{Events, MissionsData},
        errors::Error,
        events::MissionsEvent,
        front,
        token::{into_events, TokenResult},
        types::*,
    };
    use ink::{
        codegen::TraitCallBuilder,
        prelude::{string::String, vec::Vec},
    };
    use usos_primitives::{
        events::FrontChanged,
        psp22::{PSP22Burnable, PSP22Error, PSP22Metadata, PSP22},
        traits::{answered, is_member_at, CapitalRecorder, MeritView},
        CategoryId,
    };

    #[ink(storage)]
    pub struct Missions {
        data: MissionsData,
        membership: AccountId,
        merit: AccountId,
        capital: Option<AccountId>,
    }

    impl Missions {
        /// The cooperative's token and missions; `admin` is governance.
        #[ink(constructor)]
        pub fn new(
            admin: AccountId,
            membership: AccountId,
            merit: AccountId,
            capital: Option<AccountId>,
        ) -> Self {
            Self {
                data: MissionsData::new(admin, Self::env().account_id()),
                membership,
                merit,
                capital,
            }
        }

        /// Create a mission whose bounty is escrowed from the caller's balance. A member's
        /// mission pays but records no labour; the admin's is a treasury payout and does (when
        /// labour recording is enabled).
        #[ink(message)]
        pub fn create_mission(&mut self, spec: MissionSpec) -> Result<MissionId, Error> {
            let (caller, now) = self.context();
            let (id, events) = self.data.create(caller, now, spec, false)?;
            self.emit(events);
            Ok(id)
        }

        /// Admin: create a mission whose bounty is minted into escrow (its payout is labour
        /// when labour recording is enabled).
        #[ink(message)]
        pub fn create_funded_mission(&mut self, spec: MissionSpec) -> Result<MissionId, Error> {
            let (caller, now) = self.context();
            let (id, events) = self.data.create(caller, now, spec, true)?;
            self.emit(events);
            Ok(id)
        }

        /// A member other than the mission's creator claims it.
        #[ink(message)]
        pub fn claim(&mut self, mission: MissionId) -> Result<(), Error> {
            let (caller, now) = self.context();
            let member = self.is_member(caller)?;
            let events = self.data.claim(caller, now, member, mission)?;
            self.emit(events);
            Ok(())
        }

        /// The claimant gives up its claim (`claimant` = the caller), or anyone ends a claim
        /// with nothing submitted for `claim_timeout` blocks: a full mission is not squatted.
        #[ink(message)]
        pub fn unclaim(&mut self, mission: MissionId, claimant: AccountId) -> Result<(), Error> {
            let (caller, now) = self.context();
            let events = self.data.unclaim(caller, now, mission, claimant)?;
            self.emit(events);
            Ok(())
        }

        /// A claimant submits its work.
        #[ink(message)]
        pub fn submit(&mut self, mission: MissionId, evidence: Hash) -> Result<(), Error> {
            let (caller, now) = self.context();
            let events = self.data.submit(caller, now, mission, evidence)?;
            self.emit(events);
            Ok(())
        }

        /// A reviewer approves or rejects a claimant's submitted work. The approval that pays
        /// records the payout in capital when the cooperative funded the mission and labour
        /// recording is enabled; if capital refuses, the whole review reverts.
        #[ink(message)]
        pub fn review(
            &mut self,
            mission: MissionId,
            claimant: AccountId,
            approve: bool,
        ) -> Result<(), Error> {
            let (caller, now) = self.context();
            let holds_category = match self.data.mission(mission).map(|m| m.spec.reviewers) {
                Some(Reviewers::Category(category)) => self.merit_points(caller, category)? > 0,
                _ => false,
            };
            let (events, labour) =
                self.data
                    .review(caller, now, holds_category, mission, claimant, approve)?;
            if let Some((contributor, amount, evidence)) = labour {
                self.record_labour(contributor, amount, evidence)?;
            }
            self.emit(events);
            Ok(())
        }

        /// The creator or the admin cancels an open mission (escrow back to the creator); while
        /// submitted work awaits review, only the admin.
        #[ink(message)]
        pub fn cancel(&mut self, mission: MissionId) -> Result<(), Error> {
            let events = self.data.cancel(self.env().caller(), mission)?;
            self.emit(events);
            Ok(())
        }

        /// From its deadline on, anyone expires an open mission (escrow back to the creator).
        #[ink(message)]
        pub fn expire(&mut self, mission: MissionId) -> Result<(), Error> {
            let events = self.data.expire(self.env().block_number(), mission)?;
            self.emit(events);
            Ok(())
        }

        /// Admin: mint `value` new tokens to `to`.
        #[ink(message)]
        pub fn mint(&mut self, to: AccountId, value: Balance) -> Result<(), Error> {
            let events = self.data.mint(self.env().caller(), to, value)?;
            self.emit(events);
            Ok(())
        }

        /// Admin: record the payouts of cooperative-funded missions as labour in capital
        /// (needs a capital contract). Member-funded missions never record labour.
        #[ink(message)]
        pub fn set_labour_recording(&mut self, enabled: bool) -> Result<(), Error> {
            self.data.ensure_admin(self.env().caller())?;
            if enabled && self.capital.is_none() {
                return Err(Error::CapitalRefused);
            }
            let events = self
                .data
                .set_labour_recording(self.env().caller(), enabled)?;
            self.emit(events);
            Ok(())
        }

        /// Admin: how long a claim may go without a submission before anyone may end it
        /// (`MIN_CLAIM_TIMEOUT..=MAX_CLAIM_TIMEOUT`, default a day).
        #[ink(message)]
        pub fn set_claim_timeout(&mut self, blocks: BlockNumber) -> Result<(), Error> {
            let events = self.data.set_claim_timeout(self.env().caller(), blocks)?;
            self.emit(events);
            Ok(())
        }

        #[ink(message)]
        pub fn claim_timeout(&self) -> BlockNumber {
            self.data.claim_timeout()
        }

        #[ink(message)]
        pub fn set_admin(&mut self, new_admin: AccountId) -> Result<(), Error> {
            let events = self.data.set_admin(self.env().caller(), new_admin)?;
            self.emit(events);
            Ok(())
        }

        /// Admin: replace this contract's code; storage is kept. The contract then runs
        /// `code_hash` whole: a token front it ran before is dropped (a proposal installs the
        /// new release's front with `use_front` as its next action). A front's code is refused
        /// (`IsAFront`): it cannot run without the whole code. Only code that runs this contract
        /// is installed (`UpgradeFailed` otherwise: no such code, another contract's code or
        /// front; `usos_primitives::upgrade_code`).
        #[ink(message)]
        pub fn set_code(&mut self, code_hash: Hash) -> Result<(), Error> {
            self.data.ensure_admin(self.env().caller())?;
            if usos_primitives::front::set_code(front::RULES_CODE, code_hash)? {
                self.env().emit_event(FrontChanged { front: None });
            }
            Ok(())
        }

        /// Admin: run the token's transfers and approvals in the small code `front`
        /// (`missions_front`), which hands every other message to this whole code
        /// (`usos_primitives::front`); `None` runs the whole code again. The front must be one
        /// built with this code (it is asked for the build's fingerprint, `NotAFront`
        /// otherwise). Installing the running front again changes nothing.
        #[ink(message)]
        pub fn use_front(&mut self, front: Option<Hash>) -> Result<(), Error> {
            self.data.ensure_admin(self.env().caller())?;
            if usos_primitives::front::use_front(front::RULES_CODE, front::FINGERPRINT, front)? {
                self.env().emit_event(FrontChanged { front });
            }
            Ok(())
        }

        /// The code running the token, if a front runs (the contract's code hash), and the
        /// whole code it hands the rest to.
        #[ink(message)]
        pub fn front(&self) -> Option<(Hash, Hash)> {
            usos_primitives::front::front(front::RULES_CODE)
        }

        /// The code's version: 1, or 2 for the `v2` build the upgrade test installs.
        #[ink(message)]
        pub fn version(&self) -> u32 {
            front::VERSION
        }

        /// A mission, with how it was funded (`funding`) and how much work awaits review.
        #[ink(message)]
        pub fn mission(&self, mission: MissionId) -> Option<Mission> {
            self.data.mission(mission)
        }

        #[ink(message)]
        pub fn claim_of(&self, mission: MissionId, claimant: AccountId) -> Option<Claim> {
            self.data.claim_of(mission, claimant)
        }

        #[ink(message)]
        pub fn admin(&self) -> AccountId {
            self.data.admin()
        }

        #[ink(message)]
        pub fn records_labour(&self) -> bool {
            self.data.records_labour()
        }

        fn context(&self) -> (AccountId, BlockNumber) {
            (self.env().caller(), self.env().block_number())
        }

        fn is_member(&self, account: AccountId) -> Result<bool, Error> {
            is_member_at(self.membership, account, self.env().block_number())
                .ok_or(Error::MembershipUnavailable)
        }

        fn merit_points(&self, account: AccountId, category: CategoryId) -> Result<u32, Error> {
            let merit: ink::contract_ref!(MeritView) = self.merit.into();
            merit
                .call()
                .merit_at(account, category, self.env().block_number())
                .try_invoke()
                .map_err(|_| Error::MeritUnavailable)?
                .map_err(|_| Error::MeritUnavailable)
        }

        fn record_labour(
            &self,
            contributor: AccountId,
            amount: Balance,
            evidence: Hash,
        ) -> Result<(), Error> {
            let address = self.capital.ok_or(Error::CapitalRefused)?;
            let mut capital: ink::contract_ref!(CapitalRecorder) = address.into();
            answered(
                capital
                    .call_mut()
                    .record_contribution(contributor, amount, evidence)
                    .try_invoke(),
            )
            .ok_or(Error::CapitalRefused)
        }

        fn emit(&self, events: Events) {
            for event in events {
                match event {
                    MissionsEvent::Transfer(e) => self.env().emit_event(e),
                    MissionsEvent::Approval(e) => self.env().emit_event(e),
                    MissionsEvent::MissionCreated(e) => self.env().emit_event(e),
                    MissionsEvent::Claimed(e) => self.env().emit_event(e),
                    MissionsEvent::Submitted(e) => self.env().emit_event(e),
                    MissionsEvent::Reviewed(e) => self.env().emit_event(e),
                    MissionsEvent::SubmissionRejected(e) => self.env().emit_event(e),
                    MissionsEvent::MissionPaid(e) => self.env().emit_event(e),
                    MissionsEvent::MissionClosed(e) => self.env().emit_event(e),
                    MissionsEvent::LabourRecordingChanged(e) => self.env().emit_event(e),
                    MissionsEvent::AdminChanged(e) => self.env().emit_event(e),
                    MissionsEvent::Unclaimed(e) => self.env().emit_event(e),
                    MissionsEvent::ClaimTimeoutChanged(e) => self.env().emit_event(e),
                }
            }
        }

        /// Emits a token operation's events, or hands back its error.
        fn token_result(&self, result: TokenResult) -> Result<(), PSP22Error> {
            self.emit(into_events(result?));
            Ok(())
        }
    }

    impl PSP22 for Missions {
        #[ink(message)]
        fn total_supply(&self) -> u128 {
            self.data.token.total_supply()
        }

        #[ink(message)]
        fn balance_of(&self, owner: AccountId) -> u128 {
            self.data.token.balance_of(owner)
        }

        #[ink(message)]
        fn allowance(&self, owner: AccountId, spender: AccountId) -> u128 {
            self.data.token.allowance(owner, spender)
        }

        #[ink(message)]
        fn transfer(
            &mut self,
            to: AccountId,
            value: u128,
            _data: Vec<u8>,
        ) -> Result<(), PSP22Error> {
            let result = self.data.token.transfer(self.env().caller(), to, value);
            self.token_result(result)
        }

        #[ink(message)]
        fn transfer_from(
            &mut self,
            from: AccountId,
            to: AccountId,
            value: u128,
            _data: Vec<u8>,
        ) -> Result<(), PSP22Error> {
            let result = self
                .data
                .token
                .transfer_from(self.env().caller(), from, to, value);
            self.token_result(result)
        }

        #[ink(message)]
        fn approve(&mut self, spender: AccountId, value: u128) -> Result<(), PSP22Error> {
            let result = self.data.token.approve(self.env().caller(), spender, value);
            self.token_result(result)
        }

        #[ink(message)]
        fn increase_allowance(
            &mut self,
            spender: AccountId,
            delta_value: u128,
        ) -> Result<(), PSP22Error> {
            let result =
                self.data
                    .token
                    .increase_allowance(self.env().caller(), spender, delta_value);
            self.token_result(result)
        }

        #[ink(message)]
        fn decrease_allowance(
            &mut self,
            spender: AccountId,
            delta_value: u128,
        ) -> Result<(), PSP22Error> {
            let result =
                self.data
                    .token
                    .decrease_allowance(self.env().caller(), spender, delta_value);
            self.token_result(result)
        }
    }

    impl PSP22Metadata for Missions {
        #[ink(message)]
        fn token_name(&self) -> Option<String> {
            Some(String::from("usOS"))
        }

        #[ink(message)]
        fn token_symbol(&self) -> Option<String> {
            Some(String::from("USOS"))
        }

        #[ink(message)]
        fn token_decimals(&self) -> u8 {
            12
        }
    }

    impl PSP22Burnable for Missions {
        #[ink(message)]
        fn burn(&mut self, value: u128) -> Result<(), PSP22Error> {
            let result = self.data.token.burn(self.env().caller(), value);
            self.token_result(result)
        }

        #[ink(message)]
        fn burn_from(&mut self, account: AccountId, value: u128) -> Result<(), PSP22Error> {
            let result = self
                .data
                .token
                .burn_from(self.env().caller(), account, value);
            self.token_result(result)
        }
    }
}
