//! A PSP22 conformance suite, written once, run against any deployed token: balances,
//! transfers (including zero and self transfers), allowances, and the standard events.

use crate::{id, Chain, Contract};
use ink_sandbox::AccountId32;
use scale::{Decode, Encode};
use usos_primitives::psp22::PSP22Error;

// The standard's events, as the usOS token declares them (same names and fields as PSP22).
use missions::events::{Approval, Transfer};

type Done = Result<(), PSP22Error>;

fn balance(chain: &mut Chain, token: &Contract, who: &AccountId32) -> u128 {
    chain.query(token, "PSP22::balance_of", id(who))
}

fn allowance(
    chain: &mut Chain,
    token: &Contract,
    owner: &AccountId32,
    spender: &AccountId32,
) -> u128 {
    chain.query(token, "PSP22::allowance", (id(owner), id(spender)))
}

fn send<A: Encode>(
    chain: &mut Chain,
    token: &Contract,
    who: &AccountId32,
    message: &str,
    args: A,
) -> crate::Outcome<Done> {
    chain.call(token, who, message, args)
}

/// Runs the suite. `owner` holds at least 1,000 tokens; `alice` and `bob` hold none.
pub fn conformance(
    chain: &mut Chain,
    token: &Contract,
    owner: &AccountId32,
    alice: &AccountId32,
    bob: &AccountId32,
) {
    let supply: u128 = chain.query(token, "PSP22::total_supply", ());
    let start = balance(chain, token, owner);
    assert!(start >= 1_000 && supply >= start, "the owner holds tokens");
    let no_data: Vec<u8> = Vec::new();

    // transfer: balances move, one Transfer event.
    let out = send(
        chain,
        token,
        owner,
        "PSP22::transfer",
        (id(alice), 300u128, no_data.clone()),
    );
    assert_eq!(out.value, Ok(()));
    assert_eq!(
        out.events_of::<Transfer>(),
        vec![Transfer {
            from: Some(id(owner)),
            to: Some(id(alice)),
            value: 300
        }]
    );
    assert_eq!(balance(chain, token, owner), start - 300);
    assert_eq!(balance(chain, token, alice), 300);

    // Zero and self transfers succeed without effect or event.
    let out = send(
        chain,
        token,
        owner,
        "PSP22::transfer",
        (id(alice), 0u128, no_data.clone()),
    );
    assert_eq!((out.value, out.events.len()), (Ok(()), 0));
    let out = send(
        chain,
        token,
        alice,
        "PSP22::transfer",
        (id(alice), 100u128, no_data.clone()),
    );
    assert_eq!((out.value, out.events.len()), (Ok(()), 0));
    assert_eq!(balance(chain, token, alice), 300);

    // More than the balance: InsufficientBalance, nothing moves.
    let out = send(
        chain,
        token,
        alice,
        "PSP22::transfer",
        (id(bob), 301u128, no_data.clone()),
    );
    assert_eq!(out.value, Err(PSP22Error::InsufficientBalance));
    assert!(out.reverted);
    assert_eq!(balance(chain, token, bob), 0);

    // approve / allowance / Approval.
    let out = send(chain, token, alice, "PSP22::approve", (id(bob), 200u128));
    assert_eq!(
        out.events_of::<Approval>(),
        vec![Approval {
            owner: id(alice),
            spender: id(bob),
            amount: 200
        }]
    );
    assert_eq!(allowance(chain, token, alice, bob), 200);
    let out = send(
        chain,
        token,
        alice,
        "PSP22::increase_allowance",
        (id(bob), 50u128),
    );
    assert_eq!(
        out.events_of::<Approval>(),
        vec![Approval {
            owner: id(alice),
            spender: id(bob),
            amount: 250
        }]
    );
    let out = send(
        chain,
        token,
        alice,
        "PSP22::decrease_allowance",
        (id(bob), 300u128),
    );
    assert_eq!(out.value, Err(PSP22Error::InsufficientAllowance));
    let out = send(
        chain,
        token,
        alice,
        "PSP22::decrease_allowance",
        (id(bob), 100u128),
    );
    assert_eq!(out.value, Ok(()));
    assert_eq!(allowance(chain, token, alice, bob), 150);

    // transfer_from spends the allowance and reports it.
    let out = send(
        chain,
        token,
        bob,
        "PSP22::transfer_from",
        (id(alice), id(bob), 151u128, no_data.clone()),
    );
    assert_eq!(out.value, Err(PSP22Error::InsufficientAllowance));
    let out = send(
        chain,
        token,
        bob,
        "PSP22::transfer_from",
        (id(alice), id(bob), 100u128, no_data.clone()),
    );
    assert_eq!(out.value, Ok(()));
    assert_eq!(
        out.events_of::<Approval>(),
        vec![Approval {
            owner: id(alice),
            spender: id(bob),
            amount: 50
        }]
    );
    assert_eq!(
        out.events_of::<Transfer>(),
        vec![Transfer {
            from: Some(id(alice)),
            to: Some(id(bob)),
            value: 100
        }]
    );
    assert_eq!(
        (balance(chain, token, alice), balance(chain, token, bob)),
        (200, 100)
    );
    assert_eq!(allowance(chain, token, alice, bob), 50);

    // The supply never moved.
    let after: u128 = chain.query(token, "PSP22::total_supply", ());
    assert_eq!(after, supply);
}

/// Decodes a PSP22 `Option<String>` metadata answer.
pub fn metadata<T: Decode>(chain: &mut Chain, token: &Contract, message: &str) -> T {
    chain.query(token, message, ())
}
