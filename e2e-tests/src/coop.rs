//! A cooperative deployed from the built bundles and wired as the factory wires it: every
//! contract reports to governance, governance is connected to membership, merit and capital.
//!
//! `Coop::new()` leaves a plain `admin` account in charge, so tests can drive each contract
//! directly; `Coop::governed()` hands every contract over to the governance contract, after
//! which only passed proposals change them.

use crate::{
    bundle::{artifacts_dir, checkout_abi_dir},
    chain::id,
    Bundle, Chain, Contract,
};
use governance::{Action, ActionRule, CategoryParams, Config, PoolWeights, Sources};
use ink_sandbox::AccountId32;
use membership::StakeholderClass;
use scale::Encode;
use std::rc::Rc;
use usos_primitives::BasisPoints;

pub struct Coop {
    pub chain: Chain,
    /// The admin of every contract until `hand_over`, and governance's deployer.
    pub admin: AccountId32,
    pub membership: Contract,
    pub merit: Contract,
    pub capital: Contract,
    pub missions: Contract,
    pub governance: Contract,
    pub profiles: Contract,
}

impl Default for Coop {
    fn default() -> Self {
        Self::new()
    }
}

/// Governance parameters of the test cooperative: the design's weights, short periods.
pub fn test_params() -> CategoryParams {
    let bps = |v| BasisPoints::new(v).expect("valid basis points");
    CategoryParams {
        weights: PoolWeights {
            equal: bps(2_500),
            merit: bps(2_500),
            capital: bps(5_000),
        },
        voting_delay: 1,
        voting_period: 10,
        approval: bps(5_000),
        quorum: bps(2_000),
        timelock: 5,
        max_depth: 8,
        override_window: 3,
    }
}

pub const BUDGET: u128 = 1_000_000_000_000;

/// The harness's governance categories: 0 ("general"), and 1..=8 for the merit categories
/// tests create. Each may carry any call of the cooperative's contracts: the harness tests the
/// contracts' features; the factory's restricted table is tested through the factory.
pub const HARNESS_CATEGORIES: core::ops::RangeInclusive<u32> = 0..=8;

impl Coop {
    pub fn new() -> Self {
        Self::with_params(test_params())
    }

    /// A cooperative whose governance uses `params` for every category.
    pub fn with_params(params: CategoryParams) -> Self {
        Self::with_categories(params, HARNESS_CATEGORIES)
    }

    /// A cooperative whose governance knows `categories` (at most 16), each with `params`.
    pub fn with_categories(
        params: CategoryParams,
        categories: core::ops::RangeInclusive<u32>,
    ) -> Self {
        Self::of_release(&artifacts_dir(), params, categories, true)
    }

    /// A cooperative whose governance and missions run their whole code for everything (no
    /// front), as one whose proposals ran `use_front(None)`: the twin the fronts are compared
    /// with.
    pub fn without_front() -> Self {
        Self::without_front_with_params(test_params())
    }

    /// [`Coop::without_front`] with `params` for every category.
    pub fn without_front_with_params(params: CategoryParams) -> Self {
        Self::of_release(&artifacts_dir(), params, HARNESS_CATEGORIES, false)
    }

    /// A cooperative of the previous release's contracts (`frontend-abi/upgrade/previous/`),
    /// for the test that upgrades it in place.
    pub fn previous_release() -> Self {
        let previous = checkout_abi_dir().join("upgrade/previous");
        // The previous release had no front.
        Self::of_release(&previous, test_params(), HARNESS_CATEGORIES, false)
    }

    /// A cooperative of the bundles `<dir>/<name>.contract`; with `front`, governance runs its
    /// hot path in `governance_front` and missions its token in `missions_front`, as the
    /// factory sets them up.
    fn of_release(
        dir: &std::path::Path,
        params: CategoryParams,
        categories: core::ops::RangeInclusive<u32>,
        front: bool,
    ) -> Self {
        let load = |name: &str| Rc::new(Bundle::load_from(dir, name));
        let mut chain = Chain::new();
        let admin = chain.account("admin");
        let config = Config {
            budget: BUDGET,
            grace: 14_400,
            open_per_member: 20,
        };
        let governance = chain.deploy(&load("governance"), &admin, "new", config);
        if front {
            let code = chain.upload(&load("governance_front"), &admin);
            let out = chain.call::<Result<(), governance::Error>>(
                &governance,
                &admin,
                "use_front",
                Some(code),
            );
            assert_eq!(out.value, Ok(()), "governance runs its front");
        }
        let membership = chain.deploy(&load("membership"), &admin, "new", id(&admin));
        let merit = chain.deploy(&load("merit"), &admin, "new", (id(&admin), membership.id()));
        let capital = chain.deploy(
            &load("capital"),
            &admin,
            "new",
            (id(&admin), membership.id()),
        );
        let missions = chain.deploy(
            &load("missions"),
            &admin,
            "new",
            (id(&admin), membership.id(), merit.id(), Some(capital.id())),
        );
        if front {
            let code = chain.upload(&load("missions_front"), &admin);
            let out = chain.call::<Result<(), missions::Error>>(
                &missions,
                &admin,
                "use_front",
                Some(code),
            );
            assert_eq!(out.value, Ok(()), "missions runs its token front");
        }
        let profiles = chain.deploy(
            &load("profiles"),
            &admin,
            "new",
            (id(&admin), membership.id()),
        );
        let mut coop = Coop {
            chain,
            admin,
            membership,
            merit,
            capital,
            missions,
            governance,
            profiles,
        };
        coop.wire(params, categories);
        coop
    }

    /// A cooperative of `n` members (`member0`, ...), admitted before governance takes over.
    pub fn governed_with(n: usize) -> (Self, Vec<AccountId32>) {
        let mut coop = Self::new();
        let members = (0..n).map(|i| coop.member(&format!("member{i}"))).collect();
        coop.hand_over();
        (coop, members)
    }

    /// A cooperative run by its governance contract from the start.
    pub fn governed() -> Self {
        let mut coop = Self::new();
        coop.hand_over();
        coop
    }

    /// membership reports to capital, governance, merit and profiles; merit and capital report to
    /// governance; governance knows its sources and the harness's categories.
    fn wire(&mut self, params: CategoryParams, harness: core::ops::RangeInclusive<u32>) {
        let admin = self.admin.clone();
        let (capital, governance) = (self.capital.id(), self.governance.id());
        let out = self.chain.call::<Result<(), membership::Error>>(
            &self.membership,
            &admin,
            "set_listeners",
            vec![capital, governance, self.merit.id(), self.profiles.id()],
        );
        assert_eq!(out.value, Ok(()), "membership's listeners");
        let out = self.chain.call::<Result<(), merit::Error>>(
            &self.merit,
            &admin,
            "set_listener",
            Some(governance),
        );
        assert_eq!(out.value, Ok(()), "merit's listener");
        let out = self.chain.call::<Result<(), capital::Error>>(
            &self.capital,
            &admin,
            "set_listener",
            Some(governance),
        );
        assert_eq!(out.value, Ok(()), "capital's listener");
        let sources = Sources {
            membership: self.membership.id(),
            merit: self.merit.id(),
            capital,
        };
        let categories: Vec<_> = harness.clone().map(|c| (c, params)).collect();
        let rules: Vec<_> = harness
            .flat_map(|c| {
                [
                    self.membership.id(),
                    self.merit.id(),
                    capital,
                    self.missions.id(),
                    governance,
                    self.profiles.id(),
                ]
                .map(|callee| {
                    (
                        c,
                        ActionRule {
                            callee,
                            selector: None,
                        },
                    )
                })
            })
            .collect();
        let out = self.chain.call::<Result<(), governance::Error>>(
            &self.governance,
            &admin,
            "connect",
            (sources, categories, rules),
        );
        assert_eq!(out.value, Ok(()), "connecting governance");
    }

    /// Makes governance the admin of membership, merit, capital, missions and profiles.
    pub fn hand_over(&mut self) {
        let admin = self.admin.clone();
        let governance = self.governance.id();
        for contract in [
            self.membership.clone(),
            self.merit.clone(),
            self.capital.clone(),
            self.missions.clone(),
            self.profiles.clone(),
        ] {
            let out = self
                .chain
                .call::<Result<(), ()>>(&contract, &admin, "set_admin", governance);
            assert!(!out.reverted, "handing {} over", contract.bundle.name);
        }
    }

    /// A funded account that the admin admits as a member.
    pub fn member(&mut self, name: &str) -> AccountId32 {
        let account = self.chain.account(name);
        self.admit(&account);
        account
    }

    pub fn admit(&mut self, account: &AccountId32) {
        let admin = self.admin.clone();
        let out = self.chain.call::<Result<(), membership::Error>>(
            &self.membership,
            &admin,
            "admit",
            (id(account), StakeholderClass::User),
        );
        assert_eq!(out.value, Ok(()), "admitting a member");
    }

    /// `founder` founds a household and the `others` join it by invitation; returns its id.
    pub fn household(&mut self, founder: &AccountId32, others: &[AccountId32]) -> u32 {
        type M = Result<(), membership::Error>;
        let membership = self.membership.clone();
        let household = self
            .chain
            .call::<Result<u32, membership::Error>>(&membership, founder, "create_household", ())
            .value
            .expect("a household");
        for m in others {
            let out = self
                .chain
                .call::<M>(&membership, founder, "invite_to_household", id(m));
            assert_eq!(out.value, Ok(()), "invitation");
            let out = self
                .chain
                .call::<M>(&membership, m, "join_household", household);
            assert_eq!(out.value, Ok(()), "joining");
        }
        household
    }

    /// A proposal action: `contract.message(args)`.
    pub fn action(contract: &Contract, message: &str, args: impl Encode) -> Action {
        Action {
            callee: contract.id(),
            selector: contract.bundle.message(message),
            input: args.encode(),
            value: 0,
        }
    }
}
