//! # usOS `factory`
//!
//! One cooperative per transaction. The factory holds the uploaded code hashes of the six
//! contracts (settable by its owner only). `create_cooperative(name, params)` instantiates
//! governance, membership, merit, capital, missions and profiles with fresh salts and wires them as
//! usOS needs: membership reports to capital then governance; merit and capital report to
//! governance; governance is connected to its sources; missions may record paid labour in
//! capital. The founders become the first members and the first holders of the founding merit
//! categories; then the factory hands every contract to governance and keeps no power over
//! it. One `CooperativeCreated` event carries every address.
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

pub use self::factory::{Factory, FactoryRef};
pub use errors::Error;
pub use types::*;

// ink!'s generated dispatch panics on undecodable input (it reverts the call): the shell
// allows `clippy::panic` for that; the rules, in the core modules, deny it.
#[allow(clippy::panic)]
#[ink::contract]
mod factory {
    use crate::{
        data::{self, FactoryData},
        errors::Error,
        events::{CodesChanged, CooperativeCreated, OwnershipTransferred},
        types::*,
    };
    use capital::CapitalRef;
    use governance::GovernanceRef;
    use ink::{
        codegen::TraitCallBuilder,
        prelude::{string::String, vec, vec::Vec},
        ToAccountId,
    };
    use membership::{MembershipRef, StakeholderClass};
    use merit::MeritRef;
    use missions::MissionsRef;
    use profiles::ProfilesRef;
    use usos_primitives::CategoryId;

    #[ink(storage)]
    pub struct Factory {
        data: FactoryData,
    }

    /// `Ok` of a cross-contract call that returns `Result<T, _>`, else `SetupFailed(part)`.
    // A match rather than `usos_primitives::traits::answered`: with fifteen call sites, the
    // inlined helper costs the factory 744 bytes of Wasm.
    fn done<T, E>(
        result: ink::env::Result<ink::MessageResult<Result<T, E>>>,
        part: Part,
    ) -> Result<T, Error> {
        match result {
            Ok(Ok(Ok(value))) => Ok(value),
            _ => Err(Error::SetupFailed(part)),
        }
    }

    impl Factory {
        /// A factory owned by the caller, deploying `codes`.
        #[ink(constructor)]
        pub fn new(codes: CodeHashes) -> Self {
            Self {
                data: FactoryData::new(Self::env().caller(), codes),
            }
        }

        /// Owner only: the code hashes new cooperatives are made of.
        #[ink(message)]
        pub fn set_codes(&mut self, codes: CodeHashes) -> Result<(), Error> {
            self.data.set_codes(self.env().caller(), codes)?;
            self.env().emit_event(CodesChanged { codes });
            Ok(())
        }

        #[ink(message)]
        pub fn codes(&self) -> Option<CodeHashes> {
            self.data.codes()
        }

        /// Owner only: hands the factory to `new`.
        #[ink(message)]
        pub fn transfer_ownership(&mut self, new: AccountId) -> Result<(), Error> {
            self.set_owner(Some(new))
        }

        /// Owner only: gives the factory up for good; nobody can change its codes afterwards.
        #[ink(message)]
        pub fn renounce_ownership(&mut self) -> Result<(), Error> {
            self.set_owner(None)
        }

        /// `None` once renounced.
        #[ink(message)]
        pub fn owner(&self) -> Option<AccountId> {
            self.data.owner()
        }

        fn set_owner(&mut self, new: Option<AccountId>) -> Result<(), Error> {
            let from = self.data.set_owner(self.env().caller(), new)?;
            self.env()
                .emit_event(OwnershipTransferred { from, to: new });
            Ok(())
        }

        /// How many cooperatives this factory created.
        #[ink(message)]
        pub fn created(&self) -> u64 {
            self.data.created()
        }

        /// Cooperative number `n` of this factory (0 to `created() - 1`), all six addresses.
        #[ink(message)]
        pub fn cooperative_at(&self, n: u64) -> Option<Cooperative> {
            self.data.cooperative_at(n)
        }

        /// The cooperative whose governance is `governance`, if this factory made it.
        #[ink(message)]
        pub fn cooperative_of(&self, governance: AccountId) -> Option<Cooperative> {
            self.data.cooperative_of(governance)
        }

        /// Deploys and wires one cooperative made of `codes` (read them with `codes` first: the
        /// call is refused if the owner changed them since); returns its addresses.
        #[ink(message)]
        pub fn create_cooperative(
            &mut self,
            name: String,
            params: CoopParams,
            codes: CodeHashes,
        ) -> Result<Cooperative, Error> {
            let codes = self.data.codes_as_expected(&codes)?;
            let n = self.data.admit_request(&name, &params)?;
            let this = self.env().account_id();
            let caller = self.env().caller();
            let salt = |part: u8| -> Vec<u8> { scale::Encode::encode(&(caller, n, part)) };

            let mut governance: GovernanceRef = match GovernanceRef::new(params.config)
                .code_hash(codes.governance)
                .endowment(0)
                .salt_bytes(salt(0))
                .try_instantiate()
            {
                Ok(Ok(Ok(r))) => r,
                _ => return Err(Error::InstantiationFailed(Part::Governance)),
            };
            let mut membership: MembershipRef = match MembershipRef::new(this)
                .code_hash(codes.membership)
                .endowment(0)
                .salt_bytes(salt(1))
                .try_instantiate()
            {
                Ok(Ok(r)) => r,
                _ => return Err(Error::InstantiationFailed(Part::Membership)),
            };
            let membership_id = membership.to_account_id();
            let mut merit: MeritRef = match MeritRef::new(this, membership_id)
                .code_hash(codes.merit)
                .endowment(0)
                .salt_bytes(salt(2))
                .try_instantiate()
            {
                Ok(Ok(r)) => r,
                _ => return Err(Error::InstantiationFailed(Part::Merit)),
            };
            let mut capital: CapitalRef = match CapitalRef::new(this, membership_id)
                .code_hash(codes.capital)
                .endowment(0)
                .salt_bytes(salt(3))
                .try_instantiate()
            {
                Ok(Ok(Ok(r))) => r,
                _ => return Err(Error::InstantiationFailed(Part::Capital)),
            };
            let coop = Cooperative {
                membership: membership_id,
                merit: merit.to_account_id(),
                capital: capital.to_account_id(),
                governance: governance.to_account_id(),
                missions: AccountId::from([0; 32]),
                profiles: AccountId::from([0; 32]),
            };
            let mut missions: MissionsRef =
                match MissionsRef::new(this, coop.membership, coop.merit, Some(coop.capital))
                    .code_hash(codes.missions)
                    .endowment(0)
                    .salt_bytes(salt(4))
                    .try_instantiate()
                {
                    Ok(Ok(r)) => r,
                    _ => return Err(Error::InstantiationFailed(Part::Missions)),
                };
            let mut profiles: ProfilesRef = match ProfilesRef::new(this, coop.membership)
                .code_hash(codes.profiles)
                .endowment(0)
                .salt_bytes(salt(5))
                .try_instantiate()
            {
                Ok(Ok(r)) => r,
                _ => return Err(Error::InstantiationFailed(Part::Profiles)),
            };
            let coop = Cooperative {
                missions: missions.to_account_id(),
                profiles: profiles.to_account_id(),
                ..coop
            };

            // Who reports to whom: merit hears exits too, to end a leaver's credentials, and
            // profiles to take a leaver off the representatives' lists.
            done(
                membership
                    .call_mut()
                    .set_listeners(vec![
                        coop.capital,
                        coop.governance,
                        coop.merit,
                        coop.profiles,
                    ])
                    .try_invoke(),
                Part::Membership,
            )?;
            done(
                merit
                    .call_mut()
                    .set_listener(Some(coop.governance))
                    .try_invoke(),
                Part::Merit,
            )?;
            done(
                capital
                    .call_mut()
                    .set_listener(Some(coop.governance))
                    .try_invoke(),
                Part::Capital,
            )?;
            // Stakes and household exits wait out the longest voting window.
            let window = data::capital_lock(&params)?;
            done(
                capital.call_mut().set_lock(window).try_invoke(),
                Part::Capital,
            )?;
            done(
                membership
                    .call_mut()
                    .set_household_delay(window)
                    .try_invoke(),
                Part::Membership,
            )?;
            // Paid missions count as labour in capital. missions records only payouts of
            // missions the cooperative funded (each by proposal), so its own limit is open;
            // governance sets a tighter one by proposal if it wants.
            let labour = capital::RecorderLimit {
                amount: u128::MAX,
                period: 1,
            };
            done(
                capital
                    .call_mut()
                    .set_recorder(coop.missions, Some(labour))
                    .try_invoke(),
                Part::Capital,
            )?;
            done(
                missions.call_mut().set_labour_recording(true).try_invoke(),
                Part::Missions,
            )?;
            // Token transfers run in the token front's small code from the start.
            done(
                missions
                    .call_mut()
                    .use_front(Some(codes.missions_front))
                    .try_invoke(),
                Part::Missions,
            )?;

            // The founding categories in merit; governance's categories (the constitution,
            // then merit's founding ones) and what each may carry; then governance's sources,
            // which fixes them for good. Before any member exists, since members' changes are
            // reported to governance.
            let mut founding: Vec<(CategoryId, Vec<Carry>)> = Vec::new();
            let mut holders = Vec::new();
            for category in params.categories {
                let id = done(
                    merit
                        .call_mut()
                        .create_category(category.name, category.rules)
                        .try_invoke(),
                    Part::Merit,
                )?;
                founding.push((id, category.carries));
                holders.extend(category.holders.into_iter().map(|(h, l)| (id, h, l)));
            }
            let mut categories = vec![(CONSTITUTION, params.constitution)];
            categories.extend(founding.iter().map(|(id, _)| (*id, params.defaults)));
            let rules = data::action_rules(|part| coop.address(part), &founding);
            let sources = governance::Sources {
                membership: coop.membership,
                merit: coop.merit,
                capital: coop.capital,
            };
            // Votes and delegations run in the front's small code from the start.
            done(
                governance
                    .call_mut()
                    .use_front(Some(codes.governance_front))
                    .try_invoke(),
                Part::Governance,
            )?;
            done(
                governance
                    .call_mut()
                    .connect(sources, categories, rules)
                    .try_invoke(),
                Part::Governance,
            )?;

            // The founders (checked: one to eight, each once) in one batch, so each listener's
            // code is loaded once; then the founding categories' first holders.
            let founders: Vec<_> = params
                .founders
                .iter()
                .map(|f| (*f, StakeholderClass::User))
                .collect();
            done(
                membership.call_mut().admit_many(founders).try_invoke(),
                Part::Membership,
            )?;
            for (id, holder, level) in holders {
                done(
                    merit
                        .call_mut()
                        .grant(holder, id, level, Hash::from([0; 32]))
                        .try_invoke(),
                    Part::Merit,
                )?;
            }

            // Governance runs everything from now on.
            done(
                membership
                    .call_mut()
                    .set_admin(coop.governance)
                    .try_invoke(),
                Part::Membership,
            )?;
            done(
                merit.call_mut().set_admin(coop.governance).try_invoke(),
                Part::Merit,
            )?;
            done(
                capital.call_mut().set_admin(coop.governance).try_invoke(),
                Part::Capital,
            )?;
            done(
                missions.call_mut().set_admin(coop.governance).try_invoke(),
                Part::Missions,
            )?;
            done(
                profiles.call_mut().set_admin(coop.governance).try_invoke(),
                Part::Profiles,
            )?;

            self.data.record(n, &coop);
            self.env().emit_event(CooperativeCreated {
                creator: caller,
                governance: coop.governance,
                name,
                membership: coop.membership,
                merit: coop.merit,
                capital: coop.capital,
                missions: coop.missions,
                profiles: coop.profiles,
            });
            Ok(coop)
        }
    }
}
