//! capital on the real Wasm, wired to the real membership contract.

use capital::{
    events::{Deposited, Withdrawn},
    CapsBps, Error, Stake,
};
use ink::primitives::Hash;
use ink_sandbox::AccountId32;
use usos_e2e_tests::{id, Coop};
use usos_primitives::{BasisPoints, ListenerError, RecordError, Share};

type Done = Result<(), Error>;

fn percent(bps: u16) -> Share {
    BasisPoints::new(bps).unwrap().to_share()
}

trait CapitalCalls {
    fn deposit(&mut self, who: &AccountId32, amount: u128) -> Done;
    fn share(&mut self, who: &AccountId32, block: u32) -> Share;
    fn join_household_of(&mut self, founder: &AccountId32, others: &[AccountId32]);
}

impl CapitalCalls for Coop {
    fn deposit(&mut self, who: &AccountId32, amount: u128) -> Done {
        let capital = self.capital.clone();
        self.chain
            .call_with_value(&capital, who, "deposit", (), amount)
            .value
    }

    fn share(&mut self, who: &AccountId32, block: u32) -> Share {
        self.chain
            .query(&self.capital, "CapitalView::share_at", (id(who), block))
    }

    fn join_household_of(&mut self, founder: &AccountId32, others: &[AccountId32]) {
        type M = Result<(), membership::Error>;
        let h = self
            .chain
            .call::<Result<u32, membership::Error>>(
                &self.membership,
                founder,
                "create_household",
                (),
            )
            .value
            .expect("household");
        for other in others {
            assert_eq!(
                self.chain
                    .call::<M>(&self.membership, founder, "invite_to_household", id(other))
                    .value,
                Ok(())
            );
            assert_eq!(
                self.chain
                    .call::<M>(&self.membership, other, "join_household", h)
                    .value,
                Ok(())
            );
        }
    }
}

/// A cooperative of `n` members who each deposited 100.
fn coop_of(n: usize) -> (Coop, Vec<AccountId32>) {
    let mut coop = Coop::new();
    let members: Vec<AccountId32> = (0..n).map(|i| coop.member(&format!("member{i}"))).collect();
    for m in &members {
        assert_eq!(coop.deposit(m, 100), Ok(()));
    }
    (coop, members)
}

#[test]
fn deposits_and_withdrawals_move_real_balances_after_the_lock() {
    let mut coop = Coop::new();
    let alice = coop.member("alice");
    let governance = coop.admin.clone();
    let capital = coop.capital.clone();
    assert_eq!(
        coop.chain
            .call::<Done>(&capital, &governance, "set_lock", 5u32)
            .value,
        Ok(())
    );
    let held = coop.chain.balance(&capital.address);
    let out = coop
        .chain
        .call_with_value::<Done>(&capital, &alice, "deposit", (), 1_000);
    assert_eq!(out.value, Ok(()));
    let now = coop.chain.block();
    assert_eq!(
        out.events_of::<Deposited>(),
        vec![Deposited {
            member: id(&alice),
            amount: 1_000,
            locked_until: now + 5
        }]
    );
    assert_eq!(coop.chain.balance(&capital.address), held + 1_000);

    let out = coop
        .chain
        .call::<Done>(&capital, &alice, "withdraw", 400u128);
    assert_eq!(out.value, Err(Error::Locked));
    coop.chain.advance(5);
    let before = coop.chain.balance(&alice);
    let out = coop
        .chain
        .call::<Done>(&capital, &alice, "withdraw", 400u128);
    assert_eq!(out.value, Ok(()));
    assert_eq!(
        out.events_of::<Withdrawn>(),
        vec![Withdrawn {
            member: id(&alice),
            amount: 400
        }]
    );
    assert_eq!(coop.chain.balance(&capital.address), held + 600);
    assert!(
        coop.chain.balance(&alice) > before,
        "the currency came back to alice"
    );
    let stake: Stake = coop.chain.query(&capital, "stake", id(&alice));
    assert_eq!(stake.deposited, 600);
    let out = coop
        .chain
        .call::<Done>(&capital, &alice, "withdraw", 601u128);
    assert_eq!(out.value, Err(Error::InsufficientStake));
    let stranger = coop.chain.account("stranger");
    assert_eq!(coop.deposit(&stranger, 10), Err(Error::NotMember));
}

#[test]
fn a_whale_is_capped_at_three_percent() {
    let (mut coop, members) = coop_of(40);
    let whale = coop.member("whale");
    assert_eq!(coop.deposit(&whale, 10_000_000), Ok(()));
    let now = coop.chain.block();
    assert_eq!(coop.share(&whale, now), percent(300));
    // The 40 others share the remaining 97% equally: what the whale's cap cuts goes to them.
    assert_eq!(coop.share(&members[0], now).0, Share::ONE.0 * 97 / 100 / 40);
}

#[test]
fn a_whale_in_a_large_cooperative_leaves_plain_waterfilling_to_the_rest() {
    let (mut coop, members) = coop_of(40);
    // 4,000 staked by the 40; a whale of 1,000 holds a fifth of all stake: capped at 3%, and
    // the other 97% goes to the 40 (each 97%/40). A far larger whale changes nothing more.
    let whale = coop.member("whale");
    assert_eq!(coop.deposit(&whale, 1_000), Ok(()));
    let now = coop.chain.block();
    assert_eq!(coop.share(&whale, now), percent(300));
    assert_eq!(coop.share(&members[0], now).0, Share::ONE.0 * 97 / 100 / 40);
    coop.chain.advance(1);
    assert_eq!(coop.deposit(&whale, 4_000_000), Ok(()));
    let now = coop.chain.block();
    assert_eq!(coop.share(&members[0], now).0, Share::ONE.0 * 97 / 100 / 40);
}

#[test]
fn a_household_together_holds_at_most_five_percent() {
    let (mut coop, members) = coop_of(40);
    let family: Vec<AccountId32> = ["mother", "father", "child"]
        .iter()
        .map(|n| coop.member(n))
        .collect();
    for f in &family {
        assert_eq!(coop.deposit(f, 1_000_000), Ok(()));
    }
    let now = coop.chain.block();
    assert_eq!(
        coop.share(&family[0], now),
        percent(300),
        "alone, each is at the 3% cap"
    );
    coop.chain.advance(1);
    coop.join_household_of(&family[0], &family[1..]);
    let now = coop.chain.block();
    let household: u128 = family.iter().map(|f| coop.share(f, now).0).sum();
    // 5% split three ways, each share rounded down: at most one unit short per member.
    assert!(
        household <= percent(500).0 && household + 3 >= percent(500).0,
        "together they hold 5%: {household}"
    );
    let rest = coop.share(&members[0], now).0;
    assert_eq!(
        rest,
        Share::ONE.0 * 95 / 100 / 40,
        "the other 95% goes to the rest"
    );
}

#[test]
fn a_small_cooperative_leaves_the_pool_partly_unallocated() {
    let (mut coop, members) = coop_of(10);
    let now = coop.chain.block();
    let total: u128 = members.iter().map(|m| coop.share(m, now).0).sum();
    assert_eq!(
        total,
        percent(300).0 * 10,
        "ten members at 3% each: 30% of the pool"
    );
}

#[test]
fn a_late_deposit_changes_nothing_at_an_earlier_block() {
    let (mut coop, members) = coop_of(40);
    let snapshot = coop.chain.block();
    let before: Vec<Share> = members.iter().map(|m| coop.share(m, snapshot)).collect();
    coop.chain.advance(2);
    assert_eq!(coop.deposit(&members[0], 50_000), Ok(()));
    let after: Vec<Share> = members.iter().map(|m| coop.share(m, snapshot)).collect();
    assert_eq!(before, after);
    let now = coop.chain.block();
    assert_eq!(coop.share(&members[0], now), percent(300));
}

#[test]
fn a_member_who_leaves_stops_counting_and_can_still_withdraw() {
    let (mut coop, members) = coop_of(40);
    let leaver = members[0].clone();
    coop.chain.advance(1);
    let out =
        coop.chain
            .call::<Result<(), membership::Error>>(&coop.membership, &leaver, "leave", ());
    assert_eq!(out.value, Ok(()));
    let now = coop.chain.block();
    assert_eq!(coop.share(&leaver, now), Share::ZERO);
    assert_eq!(
        coop.share(&leaver, now - 1),
        percent(250),
        "40 members of equal stake: 2.5%"
    );
    assert_eq!(coop.share(&members[1], now).0, Share::ONE.0 / 39);
    let capital = coop.capital.clone();
    assert_eq!(
        coop.chain
            .call::<Done>(&capital, &leaver, "withdraw", 100u128)
            .value,
        Ok(())
    );
}

#[test]
fn strangers_cannot_change_caps_record_or_report_membership() {
    let (mut coop, members) = coop_of(3);
    let stranger = coop.chain.account("stranger");
    let capital = coop.capital.clone();
    let caps = CapsBps {
        individual: BasisPoints::new(1_000).unwrap(),
        household: BasisPoints::new(1_000).unwrap(),
    };
    assert_eq!(
        coop.chain
            .call::<Done>(&capital, &stranger, "set_caps", caps)
            .value,
        Err(Error::NotAdmin)
    );
    let out = coop.chain.call::<Result<(), RecordError>>(
        &capital,
        &stranger,
        "CapitalRecorder::record_contribution",
        (id(&members[0]), 5u128, Hash::from([1; 32])),
    );
    assert_eq!(out.value, Err(RecordError::NotRecorder));
    assert_eq!(
        coop.chain
            .call::<Done>(
                &capital,
                &stranger,
                "set_recorder",
                (
                    id(&stranger),
                    Some(capital::RecorderLimit {
                        amount: u128::MAX,
                        period: 1
                    })
                )
            )
            .value,
        Err(Error::NotAdmin)
    );
    let out = coop.chain.call::<Result<(), ListenerError>>(
        &capital,
        &stranger,
        "MembershipListener::membership_changed",
        (id(&stranger), true, None::<u32>),
    );
    assert_eq!(out.value, Err(ListenerError::UnknownCaller));
    let stake: Stake = coop.chain.query(&capital, "stake", id(&members[0]));
    assert_eq!(stake.contributed, 0);
    // Governance may: caps change for every later block.
    let governance = coop.admin.clone();
    assert_eq!(
        coop.chain
            .call::<Done>(&capital, &governance, "set_caps", caps)
            .value,
        Ok(())
    );
    let now = coop.chain.block();
    assert_eq!(coop.share(&members[0], now), percent(1_000));
}
