//! Host tests of the factory's checks on a cooperative's parameters.

use crate::{data::check, errors::Error, types::*};
use governance::{CategoryParams, Config};
use merit::CategoryRules;
use usos_primitives::{AccountId, BasisPoints};

fn acc(n: u8) -> AccountId {
    AccountId::from([n; 32])
}

fn params(founders: Vec<AccountId>, holders: Vec<AccountId>) -> CoopParams {
    CoopParams {
        defaults: CategoryParams::standard(),
        config: Config {
            budget: 1_000_000_000_000,
            grace: 100,
        },
        founders,
        categories: vec![FoundingCategory {
            name: "finance".into(),
            rules: CategoryRules {
                min_attestations: 1,
                min_holder_share: BasisPoints::ZERO,
                window: 10,
                level_points: vec![1],
                lifetime: None,
            },
            holders: holders.into_iter().map(|h| (h, 1)).collect(),
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
