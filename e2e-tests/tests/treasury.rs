//! The treasury (#17 item 2) on the real Wasm: governance receives native currency, a passed
//! proposal pays it to any account and pays usOS tokens through the token's own messages, and
//! an action succeeds exactly when its callee did not revert, whatever its output looks like.

use governance::{
    events::{TreasuryFunded, TreasuryPaid},
    Action, Error, ProposalId,
};
use ink_sandbox::AccountId32;
use membership::StakeholderClass;
use usos_e2e_tests::{id, proposals::queue, Coop};
use usos_primitives::CategoryId;

type Done = Result<(), Error>;
const GENERAL: CategoryId = 0;

/// Every member votes For `actions`; finalised and waited out, ready to execute.
fn passed(c: &mut Coop, voters: &[AccountId32], actions: Vec<Action>) -> ProposalId {
    queue(c, voters, GENERAL, actions)
}

fn execute(c: &mut Coop, who: &AccountId32, p: ProposalId) -> usos_e2e_tests::Outcome<Done> {
    c.chain.call(&c.governance, who, "execute", p)
}

#[test]
fn the_treasury_is_funded_and_a_proposal_pays_a_plain_account() {
    let (mut c, m) = Coop::governed_with(3);
    let donor = c.chain.account("donor");
    let governance = c.governance.clone();
    let out = c
        .chain
        .call_with_value::<Done>(&governance, &donor, "fund", (), 50_000);
    assert_eq!(out.value, Ok(()));
    let funded = out.events_of::<TreasuryFunded>();
    assert_eq!((funded[0].from, funded[0].value), (id(&donor), 50_000));
    let out = c
        .chain
        .call_with_value::<Done>(&governance, &donor, "fund", (), 0);
    assert_eq!(out.value, Err(Error::NothingSent));
    // Nobody but governance itself pays.
    let payee = c.chain.account("roofer");
    let out = c
        .chain
        .call::<Done>(&governance, &m[0], "pay", (id(&payee), 1_000u128));
    assert_eq!(out.value, Err(Error::NotGovernance));
    let before = c.chain.balance(&payee);
    let pay = Coop::action(&c.governance, "pay", (id(&payee), 20_000u128));
    let p = passed(&mut c, &m, vec![pay]);
    let out = execute(&mut c, &m[0], p);
    assert_eq!(out.value, Ok(()));
    let paid = out.events_of::<TreasuryPaid>();
    assert_eq!((paid[0].to, paid[0].value), (id(&payee), 20_000));
    assert_eq!(c.chain.balance(&payee), before + 20_000);
    let left: u128 = c.chain.query(&governance, "treasury", ());
    assert!(left >= 30_000, "the treasury keeps the rest: {left}");
}

#[test]
fn the_treasury_pays_usos_tokens_through_the_tokens_own_messages() {
    let (mut c, m) = Coop::governed_with(3);
    let payee = c.chain.account("designer");
    let treasury = c.governance.id();
    let mint = Coop::action(&c.missions, "mint", (treasury, 800u128));
    let transfer = Coop::action(
        &c.missions,
        "PSP22::transfer",
        (id(&payee), 300u128, Vec::<u8>::new()),
    );
    let p = passed(&mut c, &m, vec![mint, transfer]);
    assert_eq!(execute(&mut c, &m[0], p).value, Ok(()));
    let held: u128 = c.chain.query(&c.missions, "PSP22::balance_of", id(&payee));
    let kept: u128 = c.chain.query(&c.missions, "PSP22::balance_of", treasury);
    assert_eq!((held, kept), (300, 500));
}

#[test]
fn an_action_succeeds_by_the_callees_revert_flag_not_its_first_byte() {
    let (mut c, m) = Coop::governed_with(3);
    // `is_member` answers `true` (first byte 1): a success, not a failure.
    let ask = Coop::action(&c.membership, "is_member", id(&m[0]));
    let p = passed(&mut c, &m, vec![ask]);
    assert_eq!(execute(&mut c, &m[0], p).value, Ok(()));
    // Admitting a member twice returns `Err` and reverts: the execution fails, and nothing of
    // it (the first admission included) remains.
    let newcomer = c.chain.account("newcomer");
    let admit = Coop::action(
        &c.membership,
        "admit",
        (id(&newcomer), StakeholderClass::User),
    );
    let p = passed(&mut c, &m, vec![admit.clone(), admit]);
    assert_eq!(execute(&mut c, &m[0], p).value, Err(Error::ActionFailed));
    let member: bool = c.chain.query(&c.membership, "is_member", id(&newcomer));
    assert!(!member);
}
