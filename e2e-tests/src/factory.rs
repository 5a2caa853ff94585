//! A factory on the sandbox chain: the eight codes (six contracts, two fronts) uploaded, the factory instantiated, and
//! cooperatives created through it as a DAO would, in one transaction each.

use crate::{chain::id, coop::test_params, Bundle, Chain, Contract, Coop, Outcome, BUDGET};
use factory::{Carry, CodeHashes, CoopParams, Cooperative, FoundingCategory, Part};
use governance::{CategoryParams, Config};
use ink_sandbox::AccountId32;
use merit::CategoryRules;
use std::rc::Rc;
use usos_primitives::BasisPoints;

pub struct Bundles {
    pub membership: Rc<Bundle>,
    pub merit: Rc<Bundle>,
    pub capital: Rc<Bundle>,
    pub governance: Rc<Bundle>,
    pub governance_front: Rc<Bundle>,
    pub missions: Rc<Bundle>,
    pub missions_front: Rc<Bundle>,
    pub profiles: Rc<Bundle>,
    pub factory: Rc<Bundle>,
}

impl Bundles {
    pub fn load() -> Self {
        let load = |name| Rc::new(Bundle::load(name));
        Bundles {
            membership: load("membership"),
            merit: load("merit"),
            capital: load("capital"),
            governance: load("governance"),
            governance_front: load("governance_front"),
            missions: load("missions"),
            missions_front: load("missions_front"),
            profiles: load("profiles"),
            factory: load("factory"),
        }
    }
}

/// Uploads the six contracts' code and the two fronts' and instantiates a factory owned by `owner`.
pub fn deploy_factory(chain: &mut Chain, bundles: &Bundles, owner: &AccountId32) -> Contract {
    let codes = CodeHashes {
        membership: chain.upload(&bundles.membership, owner),
        merit: chain.upload(&bundles.merit, owner),
        capital: chain.upload(&bundles.capital, owner),
        governance: chain.upload(&bundles.governance, owner),
        governance_front: chain.upload(&bundles.governance_front, owner),
        missions: chain.upload(&bundles.missions, owner),
        missions_front: chain.upload(&bundles.missions_front, owner),
        profiles: chain.upload(&bundles.profiles, owner),
    };
    chain.deploy(&bundles.factory, owner, "new", codes)
}

pub fn create_cooperative(
    chain: &mut Chain,
    factory: &Contract,
    creator: &AccountId32,
    name: &str,
    params: CoopParams,
) -> Outcome<Result<Cooperative, factory::Error>> {
    // As a wallet would: read the codes, check them, create with them.
    let codes: Option<CodeHashes> = chain.query(factory, "codes", ());
    let codes = codes.expect("the factory has codes");
    chain.call(
        factory,
        creator,
        "create_cooperative",
        (String::from(name), params, codes),
    )
}

impl Coop {
    /// The cooperative at `addresses`, created by `creator` through a factory.
    pub fn at(
        chain: Chain,
        bundles: &Bundles,
        creator: AccountId32,
        addresses: Cooperative,
    ) -> Coop {
        Coop {
            membership: chain.at(addresses.membership, &bundles.membership),
            merit: chain.at(addresses.merit, &bundles.merit),
            capital: chain.at(addresses.capital, &bundles.capital),
            governance: chain.at(addresses.governance, &bundles.governance),
            missions: chain.at(addresses.missions, &bundles.missions),
            profiles: chain.at(addresses.profiles, &bundles.profiles),
            chain,
            admin: creator,
        }
    }
}

/// `id` of each account, for founder lists.
pub fn ids(accounts: &[AccountId32]) -> Vec<ink::primitives::AccountId> {
    accounts.iter().map(id).collect()
}

/// The test cooperative's constitution: the test defaults, with two thirds to approve.
pub fn constitution_params() -> CategoryParams {
    CategoryParams {
        approval: BasisPoints::new(6_667).expect("valid basis points"),
        ..test_params()
    }
}

/// A cooperative of `founders` with the test parameters and `categories`.
pub fn coop_params(
    founders: Vec<ink::primitives::AccountId>,
    categories: Vec<FoundingCategory>,
) -> CoopParams {
    CoopParams {
        defaults: test_params(),
        constitution: constitution_params(),
        config: Config {
            budget: BUDGET,
            grace: 14_400,
            open_per_member: 20,
        },
        founders,
        categories,
    }
}

/// `part`'s message `label` (its selector computed as ink! does).
pub fn carry(part: Part, label: &str) -> Carry {
    let hash = blake2_256(label.as_bytes());
    Carry {
        part,
        selector: Some([hash[0], hash[1], hash[2], hash[3]]),
    }
}

fn blake2_256(input: &[u8]) -> [u8; 32] {
    let mut output = [0u8; 32];
    ink::env::hash_bytes::<ink::env::hash::Blake2x256>(input, &mut output);
    output
}

/// What the "finance" category carries: admissions (one or a batch), classes and households, and the token's
/// monetary calls (removals belong to the constitution).
pub fn finance_carries() -> Vec<Carry> {
    vec![
        carry(Part::Membership, "admit"),
        carry(Part::Membership, "admit_many"),
        carry(Part::Membership, "set_class"),
        carry(Part::Membership, "place_in_household"),
        carry(Part::Missions, "mint"),
        carry(Part::Missions, "create_funded_mission"),
        carry(Part::Missions, "cancel"),
    ]
}

/// A founding "finance" category (2 attestations, levels worth 1 and 3 points) whose `holders`
/// start at level 2.
pub fn finance(holders: Vec<ink::primitives::AccountId>) -> FoundingCategory {
    FoundingCategory {
        name: "finance".into(),
        rules: CategoryRules {
            min_attestations: 2,
            min_holder_share: BasisPoints::ZERO,
            revoke_majority: merit::DEFAULT_REVOKE_MAJORITY,
            window: 10,
            level_points: vec![1, 3],
            lifetime: None,
        },
        holders: holders.into_iter().map(|h| (h, 2)).collect(),
        carries: finance_carries(),
    }
}
