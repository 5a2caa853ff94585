//! A cooperative deployed from the built bundles and wired as its governance would have it.
//! Until the governance contract exists, a plain account plays governance (the admin).

use crate::{chain::id, Bundle, Chain, Contract};
use ink_sandbox::AccountId32;
use membership::StakeholderClass;
use std::rc::Rc;

pub struct Coop {
    pub chain: Chain,
    /// The admin of every contract.
    pub governance: AccountId32,
    pub membership: Contract,
    pub merit: Contract,
    pub capital: Contract,
    pub missions: Contract,
}

impl Default for Coop {
    fn default() -> Self {
        Self::new()
    }
}

impl Coop {
    pub fn new() -> Self {
        let mut chain = Chain::new();
        let governance = chain.account("governance");
        let membership = chain.deploy(
            &Rc::new(Bundle::load("membership")),
            &governance,
            "new",
            id(&governance),
        );
        let merit = chain.deploy(
            &Rc::new(Bundle::load("merit")),
            &governance,
            "new",
            (id(&governance), membership.id()),
        );
        let capital = chain.deploy(
            &Rc::new(Bundle::load("capital")),
            &governance,
            "new",
            (id(&governance), membership.id()),
        );
        // membership reports every membership and household change to capital.
        let out = chain.call::<Result<(), membership::Error>>(
            &membership,
            &governance,
            "set_listener",
            Some(capital.id()),
        );
        assert_eq!(out.value, Ok(()), "wiring capital as membership's listener");
        let missions = chain.deploy(
            &Rc::new(Bundle::load("missions")),
            &governance,
            "new",
            (
                id(&governance),
                membership.id(),
                merit.id(),
                Some(capital.id()),
            ),
        );
        Coop {
            chain,
            governance,
            membership,
            merit,
            capital,
            missions,
        }
    }

    /// A funded account that governance admits as a member.
    pub fn member(&mut self, name: &str) -> AccountId32 {
        let account = self.chain.account(name);
        self.admit(&account);
        account
    }

    pub fn admit(&mut self, account: &AccountId32) {
        let governance = self.governance.clone();
        let out = self.chain.call::<Result<(), membership::Error>>(
            &self.membership,
            &governance,
            "admit",
            (id(account), StakeholderClass::User),
        );
        assert_eq!(out.value, Ok(()), "admitting a member");
    }
}
