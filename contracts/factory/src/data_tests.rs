//! Host tests of the factory's checks on a cooperative's parameters.

use crate::{
    data::{action_rules, capital_lock, check, CONSTITUTION_TABLE},
    errors::Error,
    types::*,
};
use governance::{CategoryParams, Config};
use merit::CategoryRules;
use usos_primitives::{AccountId, BasisPoints};

fn acc(n: u8) -> AccountId {
    AccountId::from([n; 32])
}

fn params(founders: Vec<AccountId>, holders: Vec<AccountId>) -> CoopParams {
    CoopParams {
        defaults: CategoryParams::standard(),
        constitution: CategoryParams {
            approval: BasisPoints::new(6_667).unwrap(),
            ..CategoryParams::standard()
        },
        config: Config {
            budget: 1_000_000_000_000,
            grace: 14_400,
            open_per_member: 3,
        },
        founders,
        categories: vec![FoundingCategory {
            name: "finance".into(),
            rules: CategoryRules {
                min_attestations: 1,
                min_holder_share: BasisPoints::ZERO,
                revoke_majority: merit::DEFAULT_REVOKE_MAJORITY,
                window: 10,
                level_points: vec![1],
                lifetime: None,
            },
            holders: holders.into_iter().map(|h| (h, 1)).collect(),
            carries: vec![Carry {
                part: Part::Membership,
                selector: Some(ink::selector_bytes!("admit")),
            }],
        }],
    }
}

#[test]
fn founders_must_be_named_once_and_hold_the_founding_credentials() {
    assert_eq!(
        check("coop", &params(vec![acc(1), acc(2)], vec![acc(2)])),
        Ok(())
    );
    assert_eq!(
        check("", &params(vec![acc(1)], vec![])),
        Err(Error::InvalidName)
    );
    assert_eq!(
        check(&"x".repeat(MAX_NAME_LEN + 1), &params(vec![acc(1)], vec![])),
        Err(Error::InvalidName)
    );
    assert_eq!(
        check("coop", &params(vec![], vec![])),
        Err(Error::InvalidFounders)
    );
    assert_eq!(
        check("coop", &params(vec![acc(1), acc(1)], vec![])),
        Err(Error::InvalidFounders)
    );
    assert_eq!(
        check("coop", &params(vec![acc(1)], vec![acc(3)])),
        Err(Error::InvalidCategories)
    );
    let many = (0..=MAX_FOUNDERS as u8).map(acc).collect();
    assert_eq!(
        check("coop", &params(many, vec![])),
        Err(Error::InvalidFounders)
    );
}

#[test]
fn founding_categories_cannot_carry_what_belongs_to_the_constitution() {
    let founders = vec![acc(1)];
    let with = |carry: Carry| {
        let mut p = params(founders.clone(), vec![]);
        p.categories[0].carries.push(carry);
        check("coop", &p)
    };
    let upgrade = Carry {
        part: Part::Membership,
        selector: Some(ink::selector_bytes!("set_code")),
    };
    let anything = Carry {
        part: Part::Missions,
        selector: None,
    };
    let governance = Carry {
        part: Part::Governance,
        selector: Some(ink::selector_bytes!("set_params")),
    };
    let lock = Carry {
        part: Part::Capital,
        selector: Some(ink::selector_bytes!("set_lock")),
    };
    for carry in [upgrade, anything, governance, lock] {
        assert_eq!(
            with(carry),
            Err(Error::ReservedForConstitution),
            "{carry:?}"
        );
    }
    let mint = Carry {
        part: Part::Missions,
        selector: Some(ink::selector_bytes!("mint")),
    };
    assert_eq!(with(mint), Ok(()));
    let mut many = params(founders.clone(), vec![]);
    many.categories[0].carries = vec![mint; MAX_CARRIES + 1];
    assert_eq!(check("coop", &many), Err(Error::InvalidCategories));
}

#[test]
fn the_constitution_is_at_least_as_strict_as_the_defaults() {
    let mut p = params(vec![acc(1)], vec![]);
    p.constitution.quorum = BasisPoints::new(1_000).unwrap();
    assert_eq!(check("coop", &p), Err(Error::LaxConstitution));
    let mut p = params(vec![acc(1)], vec![]);
    p.constitution.timelock = 0;
    assert_eq!(check("coop", &p), Err(Error::LaxConstitution));
}

#[test]
fn the_default_table_gives_governance_and_upgrades_to_the_constitution_only() {
    let address = |part: Part| acc(10 + part as u8);
    let founding = vec![(
        1,
        vec![Carry {
            part: Part::Membership,
            selector: Some(ink::selector_bytes!("admit")),
        }],
    )];
    let rules = action_rules(address, &founding);
    assert_eq!(rules.len(), 1 + CONSTITUTION_TABLE.len() + 1);
    let of = |category| {
        rules
            .iter()
            .filter(move |(c, _)| *c == category)
            .map(|(_, r)| r)
    };
    assert!(of(CONSTITUTION).any(|r| r.callee == address(Part::Governance) && r.selector.is_none()));
    for part in [
        Part::Membership,
        Part::Merit,
        Part::Capital,
        Part::Missions,
        Part::Profiles,
    ] {
        assert!(
            of(CONSTITUTION).any(|r| r.callee == address(part)
                && r.selector == Some(ink::selector_bytes!("set_code"))),
            "{part:?} upgrades belong to the constitution"
        );
    }
    assert!(of(1).all(|r| r.callee == address(Part::Membership)));
}

#[test]
fn capital_locks_stakes_for_the_longest_voting_window() {
    let mut p = params(vec![acc(1)], vec![]);
    p.constitution.voting_period = p.defaults.voting_period * 2;
    assert_eq!(
        capital_lock(&p),
        Ok(p.constitution.voting_delay + p.constitution.voting_period)
    );
    p.constitution.voting_period = u32::MAX;
    assert_eq!(
        check("coop", &p),
        Err(Error::OutOfBounds(governance::Param::VotingPeriod))
    );
}
