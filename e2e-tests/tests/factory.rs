//! The factory on the real Wasm: one transaction makes a whole, wired, self-governed cooperative.

use factory::{events::CooperativeCreated, Cooperative, Error};
use governance::PoolAmounts;
use ink::primitives::Hash;
use usos_e2e_tests::{
    factory::{coop_params, create_cooperative, deploy_factory, finance, ids, Bundles},
    id, Chain, Coop,
};
use usos_primitives::CategoryId;

#[test]
fn one_call_creates_a_wired_cooperative_that_governance_runs() {
    let mut chain = Chain::new();
    let bundles = Bundles::load();
    let owner = chain.account("factory-owner");
    let factory = deploy_factory(&mut chain, &bundles, &owner);
    let founders: Vec<_> = (0..3)
        .map(|i| chain.account(&format!("founder{i}")))
        .collect();
    let dao = chain.account("dao");
    let params = coop_params(ids(&founders), vec![finance(ids(&founders[..2]))]);
    let out = create_cooperative(&mut chain, &factory, &dao, "Riverside", params.clone());
    let addresses = out.value.expect("the cooperative is created");
    let codes: Option<factory::CodeHashes> = chain.query(&factory, "codes", ());
    let codes = codes.expect("the factory's codes");
    println!(
        "create_cooperative: ref_time {} proof_size {} storage deposit {}",
        out.ref_time, out.proof_size, out.storage_deposit
    );
    let events = out.events_of::<CooperativeCreated>();
    assert_eq!(events.len(), 1);
    assert_eq!(
        (
            events[0].membership,
            events[0].governance,
            events[0].missions
        ),
        (
            addresses.membership,
            addresses.governance,
            addresses.missions
        )
    );
    let mut c = Coop::at(chain, &bundles, dao.clone(), addresses);

    // Founders are members, the first two hold finance credentials (level 2: 3 points).
    let count: u32 = c.chain.query(&c.membership, "member_count", ());
    assert_eq!(count, 3);
    let now = c.chain.block();
    let finance_id: CategoryId = 1;
    let totals: PoolAmounts = c.chain.query(&c.governance, "totals_at", (finance_id, now));
    assert_eq!(
        (totals.equal, totals.merit),
        (3, 6),
        "governance heard membership and merit"
    );
    // Capital reports to governance too.
    let out = c.chain.call_with_value::<Result<(), capital::Error>>(
        &c.capital,
        &founders[2],
        "deposit",
        (),
        1_000,
    );
    assert_eq!(out.value, Ok(()));
    let now = c.chain.block();
    let power: Result<PoolAmounts, governance::Error> = c.chain.query(
        &c.governance,
        "power_at",
        (finance_id, id(&founders[2]), now),
    );
    assert!(power.unwrap().capital > 0);
    // Governance is the admin of everything; neither the creator nor the factory is.
    for contract in [&c.membership, &c.merit, &c.capital, &c.missions] {
        let admin: ink::primitives::AccountId = c.chain.query(contract, "admin", ());
        assert_eq!(admin, addresses.governance, "{}", contract.bundle.name);
    }
    let profiles = c.chain.at(addresses.profiles, &bundles.profiles);
    let admin: ink::primitives::AccountId = c.chain.query(&profiles, "admin", ());
    assert_eq!(admin, addresses.governance, "profiles");
    // Votes run in governance's front and token transfers in the token's, from the start.
    let running: Option<(Hash, Hash)> = c.chain.query(&c.governance, "front", ());
    assert_eq!(running, Some((codes.governance_front, codes.governance)));
    let running: Option<(Hash, Hash)> = c.chain.query(&c.missions, "front", ());
    assert_eq!(running, Some((codes.missions_front, codes.missions)));
    let stranger = c.chain.account("stranger");
    let out = c.chain.call::<Result<(), membership::Error>>(
        &c.membership,
        &dao,
        "admit",
        (id(&stranger), membership::StakeholderClass::User),
    );
    assert_eq!(out.value, Err(membership::Error::NotAdmin));

    // A second cooperative from the same factory gets its own contracts.
    let mut chain = c.chain;
    let again = create_cooperative(&mut chain, &factory, &dao, "Hillside", params);
    let second = again.value.expect("a second cooperative");
    assert_ne!(second.governance, addresses.governance);

    // A wallet or the members' app finds all six addresses from the factory: by number, or
    // from governance's address (no contract of the cooperative names missions).
    let at = |chain: &mut Chain, n: u64| -> Option<Cooperative> {
        chain.query(&factory, "cooperative_at", n)
    };
    assert_eq!(at(&mut chain, 0), Some(addresses));
    assert_eq!(at(&mut chain, 1), Some(second));
    assert_eq!(at(&mut chain, 2), None, "only two were made");
    let of = |chain: &mut Chain, governance| -> Option<Cooperative> {
        chain.query(&factory, "cooperative_of", governance)
    };
    assert_eq!(of(&mut chain, addresses.governance), Some(addresses));
    assert_eq!(of(&mut chain, second.governance), Some(second));
    assert_eq!(of(&mut chain, addresses.missions), None, "not a governance");
}

#[test]
fn only_the_owner_sets_codes_and_bad_requests_are_refused() {
    let mut chain = Chain::new();
    let bundles = Bundles::load();
    let owner = chain.account("factory-owner");
    let factory = deploy_factory(&mut chain, &bundles, &owner);
    let stranger = chain.account("stranger");
    let codes: Option<factory::CodeHashes> = chain.query(&factory, "codes", ());
    let out = chain.call::<Result<(), Error>>(&factory, &stranger, "set_codes", codes.unwrap());
    assert_eq!(out.value, Err(Error::NotOwner));
    let params = coop_params(vec![id(&stranger)], vec![finance(vec![id(&owner)])]);
    let out = create_cooperative(&mut chain, &factory, &stranger, "x", params.clone());
    assert_eq!(out.value, Err(Error::InvalidCategories));
    let mut bad = params;
    bad.categories = Vec::new();
    bad.defaults.max_depth = 0;
    let out = create_cooperative(&mut chain, &factory, &stranger, "x", bad);
    assert_eq!(
        out.value,
        Err(Error::OutOfBounds(governance::Param::MaxDepth))
    );
    let created: u64 = chain.query(&factory, "created", ());
    assert_eq!(created, 0, "nothing was created");
}

#[test]
fn the_owner_cannot_swap_a_code_under_a_creator() {
    let mut chain = Chain::new();
    let bundles = Bundles::load();
    let owner = chain.account("factory-owner");
    let factory = deploy_factory(&mut chain, &bundles, &owner);
    let creator = chain.account("creator");
    // The creator reads the codes; the owner swaps governance's just before the creation.
    let read: Option<factory::CodeHashes> = chain.query(&factory, "codes", ());
    let read = read.expect("codes");
    let swapped = factory::CodeHashes {
        governance: read.profiles,
        ..read
    };
    let out = chain.call::<Result<(), Error>>(&factory, &owner, "set_codes", swapped);
    assert_eq!(out.value, Ok(()));
    let params = coop_params(vec![id(&creator)], Vec::new());
    let out = chain.call::<Result<factory::Cooperative, Error>>(
        &factory,
        &creator,
        "create_cooperative",
        (String::from("Riverside"), params, read),
    );
    assert_eq!(out.value, Err(Error::UnexpectedCodes));
    let created: u64 = chain.query(&factory, "created", ());
    assert_eq!(created, 0, "nothing was created");
}

#[test]
fn ownership_is_handed_over_and_renounced_for_good() {
    let mut chain = Chain::new();
    let bundles = Bundles::load();
    let owner = chain.account("factory-owner");
    let heir = chain.account("heir");
    let factory = deploy_factory(&mut chain, &bundles, &owner);
    let codes: Option<factory::CodeHashes> = chain.query(&factory, "codes", ());
    let codes = codes.expect("codes");
    let out = chain.call::<Result<(), Error>>(&factory, &heir, "transfer_ownership", id(&heir));
    assert_eq!(out.value, Err(Error::NotOwner));
    let out = chain.call::<Result<(), Error>>(&factory, &owner, "transfer_ownership", id(&heir));
    assert_eq!(out.value, Ok(()));
    let moved = out.events_of::<factory::events::OwnershipTransferred>();
    assert_eq!(moved.len(), 1);
    assert_eq!((moved[0].from, moved[0].to), (id(&owner), Some(id(&heir))));
    let out = chain.call::<Result<(), Error>>(&factory, &owner, "set_codes", codes);
    assert_eq!(out.value, Err(Error::NotOwner), "the old owner has no say");
    let out = chain.call::<Result<(), Error>>(&factory, &heir, "set_codes", codes);
    assert_eq!(out.value, Ok(()));
    let out = chain.call::<Result<(), Error>>(&factory, &heir, "renounce_ownership", ());
    assert_eq!(out.value, Ok(()));
    let now: Option<ink::primitives::AccountId> = chain.query(&factory, "owner", ());
    assert_eq!(now, None);
    for who in [&owner, &heir] {
        let out = chain.call::<Result<(), Error>>(&factory, who, "set_codes", codes);
        assert_eq!(
            out.value,
            Err(Error::NotOwner),
            "the codes are fixed for good"
        );
    }
}

#[test]
fn the_largest_founding_fits_one_call() {
    // MAX_FOUNDERS founders, each holding a founding credential: the heaviest request the
    // factory accepts must fit one call's 5 MiB proof; one more founder is refused up front.
    let mut chain = Chain::new();
    let bundles = Bundles::load();
    let owner = chain.account("factory-owner");
    let factory = deploy_factory(&mut chain, &bundles, &owner);
    let founders: Vec<_> = (0..=factory::MAX_FOUNDERS)
        .map(|i| chain.account(&format!("founder{i}")))
        .collect();
    let creator = chain.account("creator");
    let too_many = coop_params(ids(&founders), Vec::new());
    let out = create_cooperative(&mut chain, &factory, &creator, "Big", too_many);
    assert_eq!(out.value.map(drop), Err(Error::InvalidFounders));
    let most = &founders[..factory::MAX_FOUNDERS];
    let params = coop_params(ids(most), vec![finance(ids(most))]);
    let out = create_cooperative(&mut chain, &factory, &creator, "Big", params);
    println!(
        "create_cooperative with {} founders holding credentials: ref_time {}, proof_size {}",
        factory::MAX_FOUNDERS,
        out.ref_time,
        out.proof_size
    );
    assert!(out.value.is_ok(), "{:?}", out.value.map(drop));
    // The founders join in one batch: the whole founding fits a block's normal class.
    assert!(
        out.proof_size <= 3_932_160,
        "proof {} over the normal class's share of a 5 MiB block",
        out.proof_size
    );
}
