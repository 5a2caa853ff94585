//! A cooperative's whole life on the built Wasm, in an in-process pallet-contracts runtime (no
//! node): factory, creation in one call, admissions by proposal, households, stakes with a
//! capped whale, credentials by swarm attestation, delegations with a chain, a proposal whose
//! action admits a member, votes with an override, finalise, execute, and the tally per pool.
//! `scripts/demo.sh` runs it.

use factory::FoundingCategory;
use governance::{Action, Choice, Outcome, ProposalId, Tally};
use ink::primitives::Hash;
use ink_sandbox::AccountId32;
use membership::StakeholderClass;
use merit::{CategoryRules, NominationKind};
use usos_e2e_tests::{
    coop::test_params,
    factory::{coop_params, create_cooperative, deploy_factory, finance_carries, ids, Bundles},
    id, Chain, Coop, BUDGET,
};
use usos_primitives::{BasisPoints, CategoryId, Share};

const FINANCE: CategoryId = 1;
const MEMBERS: usize = 100;
const FOUNDERS: usize = 5;

fn step(n: u32, text: &str) {
    println!("[{n}/9] {text}");
}

fn main() {
    println!("usOS demo: one cooperative's life on the real Wasm, in the sandbox runtime\n");
    let mut chain = Chain::new();
    let bundles = Bundles::load();
    let owner = chain.account("platform");
    let factory = deploy_factory(&mut chain, &bundles, &owner);
    step(
        1,
        "factory deployed with the six contracts' and two fronts' code uploaded",
    );

    let people: Vec<AccountId32> = (0..MEMBERS)
        .map(|i| chain.account(&format!("m{i:03}")))
        .collect();
    let dao = chain.account("riverside-dao");
    let params = coop_params(
        ids(&people[..FOUNDERS]),
        vec![FoundingCategory {
            name: "finance".into(),
            rules: CategoryRules {
                min_attestations: 3,
                min_holder_share: BasisPoints::new(3_000).expect("bps"),
                revoke_majority: merit::DEFAULT_REVOKE_MAJORITY,
                window: 20,
                level_points: vec![1, 2, 4],
                lifetime: None,
            },
            // Level 2: a nomination to a level counts only attesters holding it.
            holders: ids(&people[..FOUNDERS])
                .into_iter()
                .map(|h| (h, 2))
                .collect(),
            // Admissions and the token's monetary calls; the constitution carries the rest.
            carries: finance_carries(),
        }],
    );
    let out = create_cooperative(&mut chain, &factory, &dao, "Riverside Co-op", params);
    let addresses = out.value.expect("create_cooperative");
    step(
        2,
        &format!(
            "create_cooperative(\"Riverside Co-op\"): 6 contracts, {FOUNDERS} founders holding \"finance\"; \
             one call, ref_time {:.1} G, proof_size {} B",
            out.ref_time as f64 / 1e9,
            out.proof_size
        ),
    );
    let mut c = Coop::at(chain, &bundles, dao, addresses);

    // Admissions go through governance: each proposal admits a batch (`admit_many`), whose
    // listeners are told once.
    let newcomers = &people[FOUNDERS..];
    let batches: Vec<Vec<Action>> = newcomers
        .chunks(membership::data::MAX_ADMIT_BATCH)
        .map(|chunk| {
            let entries: Vec<_> = chunk
                .iter()
                .map(|p| (id(p), StakeholderClass::User))
                .collect();
            vec![Coop::action(&c.membership, "admit_many", entries)]
        })
        .collect();
    let proposals: Vec<ProposalId> = batches
        .into_iter()
        .map(|actions| propose(&mut c, &people[0], FINANCE, "Admit members", actions))
        .collect();
    c.chain.advance(2);
    for p in &proposals {
        for founder in &people[..FOUNDERS] {
            vote(&mut c, founder, *p, Choice::For);
        }
    }
    pass(&mut c, &proposals, &people[0]);
    let count: u32 = c.chain.query(&c.membership, "member_count", ());
    step(
        3,
        &format!(
            "{} proposals admitted {} members (founders voting): {count} members",
            proposals.len(),
            newcomers.len()
        ),
    );

    let mut households = 0;
    for group in people[10..40].chunks(3) {
        let h: u32 = c
            .chain
            .call::<Result<u32, membership::Error>>(
                &c.membership,
                &group[0],
                "create_household",
                (),
            )
            .value
            .expect("household");
        for other in &group[1..] {
            ok(c.chain
                .call::<Result<(), membership::Error>>(
                    &c.membership,
                    &group[0],
                    "invite_to_household",
                    id(other),
                )
                .value);
            ok(c.chain
                .call::<Result<(), membership::Error>>(&c.membership, other, "join_household", h)
                .value);
        }
        households += 1;
    }
    step(
        4,
        &format!("{households} households of 3 formed by invitation"),
    );

    let whale = people[50].clone();
    for (i, p) in people.iter().enumerate() {
        let amount = if *p == whale {
            5_000_000_000
        } else {
            1_000 + (i as u128 % 10) * 100
        };
        ok(c.chain
            .call_with_value::<Result<(), capital::Error>>(&c.capital, p, "deposit", (), amount)
            .value);
    }
    let now = c.chain.block();
    let whale_share: Share = c
        .chain
        .query(&c.capital, "CapitalView::share_at", (id(&whale), now));
    step(
        5,
        &format!(
            "{MEMBERS} deposits; the whale staked 5e9 (~98% of the pool) and holds {:.2}%",
            whale_share.0 as f64 / 1e16
        ),
    );

    let mut issued = 0;
    for nominee in &people[60..65] {
        let nomination: u64 = c
            .chain
            .call::<Result<u64, merit::Error>>(
                &c.merit,
                &people[0],
                "nominate",
                (
                    id(nominee),
                    FINANCE,
                    NominationKind::Issue(2),
                    Hash::from([7; 32]),
                ),
            )
            .value
            .expect("nomination");
        for holder in &people[1..4] {
            ok(c.chain
                .call::<Result<(), merit::Error>>(&c.merit, holder, "attest", (nomination, true))
                .value);
        }
        issued += 1;
    }
    step(
        6,
        &format!("{issued} \"finance\" credentials issued by swarm attestation (3 holders each)"),
    );

    // Representatives: founders 0-2. Members 40-99 delegate to them; a chain 10 → 11 → 12 → m001.
    let reps = &people[..3];
    for (i, p) in people[40..].iter().enumerate() {
        delegate(&mut c, p, FINANCE, &reps[i % 3]);
    }
    delegate(&mut c, &people[10], FINANCE, &people[11]);
    delegate(&mut c, &people[11], FINANCE, &people[12]);
    delegate(&mut c, &people[12], FINANCE, &people[1]);
    step(
        7,
        "60 members delegate \"finance\" to 3 representatives; a chain m010 → m011 → m012 → m001",
    );

    let dana = c.chain.account("dana");
    let admit = Coop::action(
        &c.membership,
        "admit",
        (id(&dana), StakeholderClass::Worker),
    );
    let p = propose(
        &mut c,
        &people[2],
        FINANCE,
        "Admit Dana, our new accountant",
        vec![admit],
    );
    c.chain.advance(2);
    vote(&mut c, &people[0], p, Choice::For);
    vote(&mut c, &people[1], p, Choice::For);
    vote(&mut c, &people[2], p, Choice::Against);
    vote(&mut c, &people[3], p, Choice::Abstain);
    let out = vote(&mut c, &people[11], p, Choice::Against);
    let overrode = out
        .events_of::<governance::events::VoteCast>()
        .first()
        .and_then(|e| e.overrode)
        .is_some();
    vote(&mut c, &whale, p, Choice::For);
    step(
        8,
        &format!(
            "proposal #{p} \"Admit Dana\" in finance: 3 representatives and a founder vote; m011 overrides m001 \
             for itself and m010 ({}); the whale votes For",
            if overrode { "points moved" } else { "no override?" }
        ),
    );

    pass(&mut c, &[p], &people[4]);
    let is_member: bool = c.chain.query(&c.membership, "is_member", id(&dana));
    step(
        9,
        &format!("finalised and executed after the timelock: Dana is a member: {is_member}"),
    );

    let tally: Tally = c.chain.query(&c.governance, "tally", p);
    let outcome: Outcome = c
        .chain
        .query::<Result<Outcome, governance::Error>>(&c.governance, "outcome", p)
        .expect("outcome");
    print_tally(&tally, &outcome);
    let count: u32 = c.chain.query(&c.membership, "member_count", ());
    println!("\nfinal state: {count} members, {households} households, proposal #{p} executed, {} proposals in all",
        c.chain.query::<u32>(&c.governance, "proposal_count", ()));
}

fn print_tally(t: &Tally, o: &Outcome) {
    let pct = |x: u128| x as f64 * 100.0 / BUDGET as f64;
    println!(
        "\ntally of proposal \"Admit Dana\" (pool units: members | merit points | capital share)"
    );
    println!("| choice  | equal (members) | merit (points) | capital (% of pool) | decision points | % of budget |");
    println!("|---------|----------------:|---------------:|--------------------:|----------------:|------------:|");
    for (name, amounts, points) in [
        ("For", t.for_, o.for_),
        ("Against", t.against, o.against),
        ("Abstain", t.abstain, o.abstain),
    ] {
        let total = points.total().unwrap_or(0);
        println!(
            "| {name:<7} | {:>15} | {:>14} | {:>19.2} | {:>15} | {:>10.2}% |",
            amounts.equal,
            amounts.merit,
            amounts.capital as f64 * 100.0 / Share::SCALE as f64,
            total,
            pct(total)
        );
    }
    println!("\npoints per pool and choice (budget {BUDGET}):");
    println!("| choice  | equal | merit | capital |");
    println!("|---------|------:|------:|--------:|");
    for (name, p) in [
        ("For", o.for_),
        ("Against", o.against),
        ("Abstain", o.abstain),
    ] {
        println!("| {name:<7} | {} | {} | {} |", p.equal, p.merit, p.capital);
    }
    println!(
        "\nquorum met: {}, approved (For / (For + Against) > 50%): {}",
        o.quorum_met, o.approved
    );
}

fn ok<E: std::fmt::Debug>(r: Result<(), E>) {
    r.unwrap_or_else(|e| panic!("demo step refused: {e:?}"));
}

fn propose(
    c: &mut Coop,
    by: &AccountId32,
    category: CategoryId,
    title: &str,
    actions: Vec<Action>,
) -> ProposalId {
    c.chain
        .call::<Result<ProposalId, governance::Error>>(
            &c.governance,
            by,
            "propose",
            (
                category,
                String::from(title),
                String::from("ipfs://riverside/proposal"),
                actions,
            ),
        )
        .value
        .expect("propose")
}

fn vote(
    c: &mut Coop,
    who: &AccountId32,
    p: ProposalId,
    choice: Choice,
) -> usos_e2e_tests::Outcome<Result<(), governance::Error>> {
    let out =
        c.chain
            .call::<Result<(), governance::Error>>(&c.governance, who, "cast_vote", (p, choice));
    ok(out.value);
    out
}

fn delegate(c: &mut Coop, who: &AccountId32, category: CategoryId, to: &AccountId32) {
    ok(c.chain
        .call::<Result<(), governance::Error>>(&c.governance, who, "delegate", (category, id(to)))
        .value);
}

/// Past the voting period: finalise each, wait out the timelock, execute each.
fn pass(c: &mut Coop, proposals: &[ProposalId], anyone: &AccountId32) {
    let params = test_params();
    c.chain.advance(params.voting_period);
    for p in proposals {
        ok(c.chain
            .call::<Result<(), governance::Error>>(&c.governance, anyone, "finalise", *p)
            .value);
    }
    c.chain.advance(params.timelock);
    for p in proposals {
        ok(c.chain
            .call::<Result<(), governance::Error>>(&c.governance, anyone, "execute", *p)
            .value);
    }
}
