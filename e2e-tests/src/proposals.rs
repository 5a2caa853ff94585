//! "Riverside", a cooperative the factory made with its real constitution and founding
//! categories, and the moves every suite makes on any cooperative: propose, vote, finalise,
//! execute, pass.

use crate::{
    coop::test_params,
    factory::{coop_params, create_cooperative, deploy_factory, finance, ids, Bundles},
    Chain, Coop,
};
use factory::FoundingCategory;
use governance::{Action, Choice, Error, ProposalId, ProposalState};
use ink_sandbox::AccountId32;
use usos_primitives::CategoryId;

type Done = Result<(), Error>;

/// A cooperative the factory made, and its founders (`f0`, `f1`, ...), of whom `holders` hold
/// finance credentials (3 points each).
pub fn riverside(founders: usize, holders: usize) -> (Coop, Vec<AccountId32>) {
    riverside_with(founders, |f| vec![finance(ids(&f[..holders]))])
}

pub fn riverside_with(
    founders: usize,
    categories: impl FnOnce(&[AccountId32]) -> Vec<FoundingCategory>,
) -> (Coop, Vec<AccountId32>) {
    let mut chain = Chain::new();
    let bundles = Bundles::load();
    let owner = chain.account("factory-owner");
    let factory = deploy_factory(&mut chain, &bundles, &owner);
    let f: Vec<_> = (0..founders)
        .map(|i| chain.account(&format!("f{i}")))
        .collect();
    let creator = chain.account("creator");
    let params = coop_params(ids(&f), categories(&f));
    let out = create_cooperative(&mut chain, &factory, &creator, "Riverside", params);
    let addresses = out.value.unwrap_or_else(|e| {
        panic!(
            "create_cooperative: {e:?} (ref_time {}, proof_size {})",
            out.ref_time, out.proof_size
        )
    });
    (Coop::at(chain, &bundles, creator, addresses), f)
}

pub fn try_propose(
    c: &mut Coop,
    by: &AccountId32,
    category: CategoryId,
    actions: Vec<Action>,
) -> Result<ProposalId, Error> {
    let text = (String::from("A proposal"), String::from("ipfs://d"));
    c.chain
        .call::<Result<ProposalId, Error>>(
            &c.governance,
            by,
            "propose",
            (category, text.0, text.1, actions),
        )
        .value
}

pub fn vote(c: &mut Coop, who: &AccountId32, p: ProposalId, choice: Choice) -> Done {
    c.chain
        .call(&c.governance, who, "cast_vote", (p, choice))
        .value
}

pub fn state(c: &mut Coop, p: ProposalId) -> ProposalState {
    c.chain
        .query::<Result<ProposalState, Error>>(&c.governance, "state", p)
        .expect("a known proposal")
}

/// `who` finalises `p` (anyone may).
pub fn finalise(c: &mut Coop, who: &AccountId32, p: ProposalId) -> Done {
    c.chain.call(&c.governance, who, "finalise", p).value
}

/// `who` executes `p` (anyone may).
pub fn execute(c: &mut Coop, who: &AccountId32, p: ProposalId) -> Done {
    c.chain.call(&c.governance, who, "execute", p).value
}

/// Every voter votes For; the proposal is finalised and its timelock waited out (the test
/// periods of `coop::test_params`).
pub fn queue(
    c: &mut Coop,
    voters: &[AccountId32],
    category: CategoryId,
    actions: Vec<Action>,
) -> ProposalId {
    let p = try_propose(c, &voters[0], category, actions).expect("proposed");
    c.chain.advance(2);
    for v in voters {
        assert_eq!(vote(c, v, p, Choice::For), Ok(()));
    }
    c.chain.advance(test_params().voting_period);
    assert_eq!(finalise(c, &voters[0], p), Ok(()));
    c.chain.advance(test_params().timelock);
    p
}

/// Every voter votes For; the proposal is finalised, waited out and executed.
pub fn pass(c: &mut Coop, voters: &[AccountId32], category: CategoryId, actions: Vec<Action>) {
    let p = queue(c, voters, category, actions);
    assert_eq!(execute(c, &voters[0], p), Ok(()), "executed");
}
