//! Gas and storage deposit of the hot messages at several cooperative sizes, measured on the
//! built Wasm in the sandbox runtime. Prints a markdown table (scripts/bench.sh).

use ink::primitives::Hash;
use merit::{CategoryRules, NominationKind};
use usos_e2e_tests::{coop, fanout::Fanout, id, relay::Signer, Coop, Outcome};
use usos_primitives::{BasisPoints, CategoryId};

type MembershipDone = Result<(), membership::Error>;
type MeritDone = Result<(), merit::Error>;
type CapitalDone = Result<(), capital::Error>;

struct Row {
    message: &'static str,
    size: usize,
    ref_time: u64,
    proof_size: u64,
    deposit: i128,
}

fn row<R>(message: &'static str, size: usize, out: &Outcome<R>) -> Row {
    assert!(!out.reverted, "{message} reverted while benchmarking");
    Row {
        message,
        size,
        ref_time: out.ref_time,
        proof_size: out.proof_size,
        deposit: out.storage_deposit,
    }
}

/// A cooperative of `size` members, all holders of one merit category.
fn measure(size: usize) -> Vec<Row> {
    measure_in(Coop::with_params(bench_params()), size)
}

/// [`measure`] in `coop` (a cooperative whose governance runs its front, or its whole code).
fn measure_in(mut coop: Coop, size: usize) -> Vec<Row> {
    let governance = coop.admin.clone();
    let rules = CategoryRules {
        min_attestations: 3,
        min_holder_share: BasisPoints::ZERO,
        revoke_majority: merit::DEFAULT_REVOKE_MAJORITY,
        window: 10,
        level_points: vec![1, 2, 4],
        lifetime: Some(100_000),
    };
    let category: CategoryId = coop
        .chain
        .call::<Result<CategoryId, merit::Error>>(
            &coop.merit,
            &governance,
            "create_category",
            (String::from("bench"), rules),
        )
        .value
        .expect("category");
    let evidence = Hash::from([1; 32]);
    let mut members = Vec::with_capacity(size);
    for i in 0..size {
        let member = coop.member(&format!("member{i}"));
        let out = coop.chain.call::<MeritDone>(
            &coop.merit,
            &governance,
            "grant",
            (id(&member), category, 1u8, evidence),
        );
        assert_eq!(out.value, Ok(()));
        let out = coop.chain.call_with_value::<CapitalDone>(
            &coop.capital,
            &member,
            "deposit",
            (),
            100 + (i as u128 % 7),
        );
        assert_eq!(out.value, Ok(()));
        members.push(member);
    }
    coop.chain.advance(1);
    let mut rows = Vec::new();

    let newcomer = coop.chain.account("newcomer");
    let out = coop.chain.call::<MembershipDone>(
        &coop.membership,
        &governance,
        "admit",
        (id(&newcomer), membership::StakeholderClass::User),
    );
    rows.push(row("membership.admit", size, &out));
    let out = coop.chain.call::<Result<u32, membership::Error>>(
        &coop.membership,
        &newcomer,
        "create_household",
        (),
    );
    rows.push(row("membership.create_household", size, &out));

    let out = coop.chain.call::<MeritDone>(
        &coop.merit,
        &governance,
        "grant",
        (id(&members[0]), category, 2u8, evidence),
    );
    rows.push(row("merit.grant (supersede)", size, &out));
    let nominate = |coop: &mut Coop, nominee: &ink_sandbox::AccountId32| {
        coop.chain.call::<Result<u64, merit::Error>>(
            &coop.merit,
            &members[1],
            "nominate",
            (id(nominee), category, NominationKind::Issue(1), evidence),
        )
    };
    let out = nominate(&mut coop, &newcomer);
    rows.push(row("merit.nominate", size, &out));
    let nomination = out.value.expect("nomination");
    let out = coop
        .chain
        .call::<MeritDone>(&coop.merit, &members[2], "attest", (nomination, true));
    rows.push(row("merit.attest", size, &out));
    for attester in &members[3..5] {
        coop.chain
            .call::<MeritDone>(&coop.merit, attester, "attest", (nomination, true));
    }
    // Numbers decide, not speed: with holders still to come, the window's end decides.
    coop.chain.advance(10);
    let out = coop
        .chain
        .call::<MeritDone>(&coop.merit, &members[5], "finalise", nomination);
    assert_eq!(out.value, Ok(()));
    rows.push(row("merit.finalise (issues)", size, &out));

    let deposit = |coop: &mut Coop, who: &ink_sandbox::AccountId32, amount: u128| {
        let capital = coop.capital.clone();
        coop.chain
            .call_with_value::<CapitalDone>(&capital, who, "deposit", (), amount)
    };
    let out = deposit(&mut coop, &members[7], 50);
    rows.push(row("capital.deposit", size, &out));
    let out = deposit(&mut coop, &members[8], 1_000_000_000);
    rows.push(row("capital.deposit (whale, capped)", size, &out));
    let out = deposit(&mut coop, &members[9], 50);
    rows.push(row("capital.deposit (with a capped whale)", size, &out));
    // A withdrawal asks governance how long the member's votes lock its stake.
    let capital = coop.capital.clone();
    let out = coop
        .chain
        .call::<CapitalDone>(&capital, &members[7], "withdraw", 50u128);
    rows.push(row("capital.withdraw", size, &out));

    // missions: a PSP22 transfer, and a payout that records labour in capital. The roles are
    // extra members, so every size has them.
    let (missions, capital) = (coop.missions.clone(), coop.capital.clone());
    let [payer, payee, reviewer, contributor] =
        ["payer", "payee", "mission-reviewer", "contributor"].map(|n| coop.member(n));
    type MissionsDone = Result<(), missions::Error>;
    let out = coop.chain.call::<CapitalDone>(
        &capital,
        &governance,
        "set_recorder",
        (
            missions.id(),
            Some(capital::RecorderLimit {
                amount: u128::MAX,
                period: 1,
            }),
        ),
    );
    assert_eq!(out.value, Ok(()));
    let out = coop
        .chain
        .call::<MissionsDone>(&missions, &governance, "set_labour_recording", true);
    assert_eq!(out.value, Ok(()));
    let out =
        coop.chain
            .call::<MissionsDone>(&missions, &governance, "mint", (id(&payer), 10_000u128));
    assert_eq!(out.value, Ok(()));
    let out = coop
        .chain
        .call::<Result<(), usos_primitives::psp22::PSP22Error>>(
            &missions,
            &payer,
            "PSP22::transfer",
            (id(&payee), 100u128, Vec::<u8>::new()),
        );
    rows.push(row("missions PSP22::transfer", size, &out));
    let now = coop.chain.block();
    let spec = missions::MissionSpec {
        title: "bench".into(),
        description: evidence,
        bounty: 500,
        deadline: now + 50,
        reviewers: missions::Reviewers::Accounts(vec![id(&reviewer)]),
        approvals_needed: 1,
        max_claimants: None,
    };
    let out = coop.chain.call::<Result<u64, missions::Error>>(
        &missions,
        &payer,
        "create_mission",
        spec.clone(),
    );
    rows.push(row("missions.create_mission", size, &out));
    // Labour is recorded for missions the cooperative pays for: governance funds this one.
    let out = coop.chain.call::<Result<u64, missions::Error>>(
        &missions,
        &governance,
        "create_funded_mission",
        spec,
    );
    let mission = out.value.expect("mission");
    coop.chain
        .call::<MissionsDone>(&missions, &contributor, "claim", mission);
    coop.chain
        .call::<MissionsDone>(&missions, &contributor, "submit", (mission, evidence));
    let out = coop.chain.call::<MissionsDone>(
        &missions,
        &reviewer,
        "review",
        (mission, id(&contributor), true),
    );
    assert_eq!(out.value, Ok(()));
    rows.push(row("missions.review (payout + capital labour)", size, &out));

    let stale = nominate(&mut coop, &members[5]).value.expect("nomination");
    coop.chain.advance(10);
    let out = coop
        .chain
        .call::<MeritDone>(&coop.merit, &members[6], "finalise", stale);
    rows.push(row("merit.finalise (expires)", size, &out));

    rows.extend(measure_governance(&mut coop, &members, category, size));
    rows
}

/// The test cooperative's parameters without a quorum: one vote passes the measured proposal.
fn bench_params() -> governance::CategoryParams {
    governance::CategoryParams {
        quorum: BasisPoints::ZERO,
        ..coop::test_params()
    }
}

/// governance: delegation at depth 1 and 8, propose, votes (plain and overriding up a chain
/// of 8), finalise, and execute (an admission). Governance takes over the other contracts.
fn measure_governance(
    coop: &mut Coop,
    members: &[ink_sandbox::AccountId32],
    category: CategoryId,
    size: usize,
) -> Vec<Row> {
    type Done = Result<(), governance::Error>;
    let mut rows = Vec::new();
    let params = bench_params();
    // Three chains, of 1, 4 and 8 links: chain d is accounts chains[d][0] → … → chains[d][d].
    let depths = [1usize, 4, 8];
    let chains: Vec<Vec<_>> = depths
        .iter()
        .map(|d| {
            (0..=*d)
                .map(|i| coop.member(&format!("chain{d}-{i}")))
                .collect()
        })
        .collect();
    coop.hand_over();
    let governance = coop.governance.clone();
    let delegate =
        |coop: &mut Coop, from: &ink_sandbox::AccountId32, to: &ink_sandbox::AccountId32| {
            let out = coop
                .chain
                .call::<Done>(&governance, from, "delegate", (category, id(to)));
            assert_eq!(out.value, Ok(()));
            out
        };
    const DELEGATE: [&str; 3] = [
        "governance.delegate (depth 1)",
        "governance.delegate (depth 4)",
        "governance.delegate (depth 8)",
    ];
    for (k, chain) in chains.iter().enumerate() {
        // The links above first; the bottom link, measured, completes a chain of d.
        for i in (1..chain.len() - 1).rev() {
            delegate(coop, &chain[i], &chain[i + 1]);
        }
        let out = delegate(coop, &chain[0], &chain[1]);
        rows.push(row(DELEGATE[k], size, &out));
    }
    let spare = coop.chain.account("spare");
    let out = coop
        .chain
        .call::<Done>(&governance, &members[3], "delegate", (category, id(&spare)));
    assert_eq!(out.value, Ok(()));
    let out = coop
        .chain
        .call::<Done>(&governance, &members[3], "undelegate", category);
    rows.push(row("governance.undelegate", size, &out));

    let newcomer = coop.chain.account("governed-newcomer");
    let admit = Coop::action(
        &coop.membership,
        "admit",
        (id(&newcomer), membership::StakeholderClass::User),
    );
    let out = coop
        .chain
        .call::<Result<governance::ProposalId, governance::Error>>(
            &governance,
            &members[0],
            "propose",
            (
                category,
                String::from("admit"),
                String::from("ipfs://bench"),
                vec![admit],
            ),
        );
    rows.push(row("governance.propose (1 action)", size, &out));
    let proposal = out.value.expect("proposal");
    coop.chain.advance(2);
    let vote = |coop: &mut Coop, who: &ink_sandbox::AccountId32, choice: governance::Choice| {
        let out = coop
            .chain
            .call::<Done>(&governance, who, "cast_vote", (proposal, choice));
        assert_eq!(out.value, Ok(()));
        out
    };
    let out = vote(coop, &members[1], governance::Choice::For);
    rows.push(row("governance.cast_vote", size, &out));
    const OVERRIDE: [&str; 3] = [
        "governance.cast_vote (override, 1 up)",
        "governance.cast_vote (override, 4 up)",
        "governance.cast_vote (override, 8 up)",
    ];
    for (k, chain) in chains.iter().enumerate() {
        let top = chain.last().expect("a chain");
        let out = vote(coop, top, governance::Choice::For);
        if k == 2 {
            rows.push(row(
                "governance.cast_vote (top of a chain of 8)",
                size,
                &out,
            ));
        }
        let out = vote(coop, &chain[0], governance::Choice::Against);
        rows.push(row(OVERRIDE[k], size, &out));
    }
    coop.chain.advance(params.voting_period);
    let out = coop
        .chain
        .call::<Done>(&governance, &members[2], "finalise", proposal);
    rows.push(row("governance.finalise", size, &out));
    coop.chain.advance(params.timelock);
    let out = coop
        .chain
        .call::<Done>(&governance, &members[2], "execute", proposal);
    assert_eq!(out.value, Ok(()));
    rows.push(row(
        "governance.execute (admit: membership, capital, governance)",
        size,
        &out,
    ));
    rows
}

/// capital's worst report (#17): `leaves` members delegating in 16 categories through a
/// chain of 8 reach the cap at once when a whale withdraws; the whale's call tells at most
/// 16 of them, a flush the rest.
fn measure_fanout() {
    println!();
    println!("### capital's bounded report: members who delegate everywhere reach the cap at once");
    println!();
    println!("| call | members reaching the cap | told in the call | ref_time | proof_size |");
    println!("|---|---:|---:|---:|---:|");
    for leaves in [1usize, 16, 32] {
        let mut f = Fanout::new(leaves);
        let out = f.whale_leaves();
        assert_eq!(out.value, Ok(()), "the whale's withdrawal");
        let told = |out: &Outcome<_>| out.events_of::<governance::events::PowerChanged>().len();
        println!(
            "| capital.withdraw (the whale) | {leaves} | {} | {:.2} G | {} |",
            told(&out),
            out.ref_time as f64 / 1e9,
            out.proof_size
        );
        let pending: u32 = f.coop.chain.query(&f.coop.capital, "pending_reports", ());
        if pending > 0 {
            let out = f.flush();
            assert!(out.value.is_ok(), "the flush");
            println!(
                "| capital.flush_reports (anyone) | {pending} waiting | {} | {:.2} G | {} |",
                out.events_of::<governance::events::PowerChanged>().len(),
                out.ref_time as f64 / 1e9,
                out.proof_size
            );
        }
    }
}

/// Relayed batches of signed votes (#18): 1, 10 and 100 votes in one `cast_votes`, by
/// members whose accounts are their ecdsa keys, in a cooperative of 111.
fn measure_relay() {
    type Batch = Result<Vec<Result<(), governance::Error>>, governance::Error>;
    let mut coop = Coop::new();
    let signers: Vec<Signer> = (1..=111u8).map(Signer::new).collect();
    for s in &signers {
        coop.admit(&s.account());
    }
    let proposer = coop.member("proposer");
    let out = coop
        .chain
        .call::<Result<governance::ProposalId, governance::Error>>(
            &coop.governance,
            &proposer,
            "propose",
            (
                0u32,
                "relayed",
                "ipfs://bench",
                Vec::<governance::Action>::new(),
            ),
        );
    let proposal = out.value.expect("a proposal");
    coop.chain.advance(2);
    let relayer = coop.chain.account("relayer");
    let mut measured = Vec::new();
    let mut next = signers.iter();
    for n in [1usize, 10, 100] {
        let batch: Vec<_> = next
            .by_ref()
            .take(n)
            .map(|s| s.sign(&mut coop, &s.account(), proposal, governance::Choice::For))
            .collect();
        let governance = coop.governance.clone();
        let out = coop
            .chain
            .call::<Batch>(&governance, &relayer, "cast_votes", batch);
        let counted = out
            .value
            .as_ref()
            .map(|r| r.iter().filter(|v| v.is_ok()).count());
        assert_eq!(counted, Ok(n), "every vote of the batch counted");
        measured.push((n, out.ref_time, out.proof_size));
    }
    println!();
    println!("### Relayed votes: one `cast_votes` carrying a batch of signed votes");
    println!();
    println!("| votes in the batch | ref_time | proof_size | per vote ref_time | per vote proof |");
    println!("|---:|---:|---:|---:|---:|");
    for (n, rt, proof) in &measured {
        println!(
            "| {n} | {:.2} G | {proof} | {:.3} G | {} |",
            *rt as f64 / 1e9,
            *rt as f64 / 1e9 / *n as f64,
            proof / *n as u64
        );
    }
    let (_, rt1, p1) = measured[0];
    let (_, rt100, p100) = measured[2];
    let marginal_rt = rt100.saturating_sub(rt1) as f64 / 99.0;
    let marginal_proof = p100.saturating_sub(p1) as f64 / 99.0;
    println!();
    println!(
        "Marginal cost of a relayed vote (batch of 100 against 1): {:.3} G ref_time, {:.0} bytes of proof.",
        marginal_rt / 1e9,
        marginal_proof
    );
    println!();
    println!("| block (normal class: 75%) | whole batches of 100 | relayed votes per block (the rest filled by a smaller batch) | limited by |");
    println!("|---|---:|---:|---|");
    for (name, proof_budget) in [
        ("5 MiB proof, 2 s", 5_242_880f64),
        ("10 MB proof, 2 s", 10_000_000f64),
    ] {
        let by_time = 1_500e9 / rt100 as f64;
        let by_proof = proof_budget * 0.75 / p100 as f64;
        let batches = by_time.min(by_proof);
        let limit = if by_time < by_proof {
            "ref_time"
        } else {
            "proof"
        };
        println!(
            "| {name} | {} | {} | {limit} |",
            batches.floor(),
            (batches * 100.0).floor()
        );
    }
}

/// Admissions by proposal (#18, item 3): one `admit`; `admit_many` of 1, 16 and
/// `MAX_ADMIT_BATCH` newcomers; three full batches; each by a proposal governance executes.
fn measure_admissions() {
    type Executed = Result<(), governance::Error>;
    let user = membership::StakeholderClass::User;
    let max = membership::data::MAX_ADMIT_BATCH;
    // Each proposal in a fresh cooperative of three, whose votes always pass it; one action
    // per batch of `batches`, `admit` (of the first newcomer) when `single`.
    let run = |batches: &[usize], single: bool| {
        let (mut coop, voters) = Coop::governed_with(3);
        let actions: Vec<_> = batches
            .iter()
            .enumerate()
            .map(|(b, n)| {
                let entries: Vec<_> = (0..*n)
                    .map(|i| (id(&coop.chain.account(&format!("newcomer{b}-{i}"))), user))
                    .collect();
                if single {
                    Coop::action(&coop.membership, "admit", entries[0])
                } else {
                    Coop::action(&coop.membership, "admit_many", entries)
                }
            })
            .collect();
        let p = usos_e2e_tests::proposals::queue(&mut coop, &voters, 0, actions);
        let governance = coop.governance.clone();
        let out = coop
            .chain
            .call::<Executed>(&governance, &voters[0], "execute", p);
        assert_eq!(out.value, Ok(()), "the admission executed");
        (out.ref_time, out.proof_size)
    };
    let single = run(&[1], true);
    let measured: Vec<_> = [1usize, 16, max]
        .into_iter()
        .map(|n| {
            let (rt, proof) = run(&[n], false);
            (n, rt, proof)
        })
        .collect();
    // The largest admission proposal that fits a block: three full batches.
    let full_n = 3 * max;
    let full = run(&[max, max, max], false);
    println!();
    println!("### Admissions by proposal: `admit` and `admit_many`");
    println!();
    println!("| the proposal's action | ref_time | proof_size | per admission ref_time | per admission proof |");
    println!("|---|---:|---:|---:|---:|");
    println!(
        "| `admit` (one) | {:.2} G | {} | {:.2} G | {} |",
        single.0 as f64 / 1e9,
        single.1,
        single.0 as f64 / 1e9,
        single.1
    );
    for (n, rt, proof) in &measured {
        println!(
            "| `admit_many` of {n} | {:.2} G | {proof} | {:.3} G | {} |",
            *rt as f64 / 1e9,
            *rt as f64 / 1e9 / *n as f64,
            proof / *n as u64
        );
    }
    println!(
        "| 3 actions `admit_many` of {max} ({full_n}) | {:.2} G | {} | {:.3} G | {} |",
        full.0 as f64 / 1e9,
        full.1,
        full.0 as f64 / 1e9 / full_n as f64,
        full.1 / full_n as u64
    );
    let (n1, rt1, p1) = measured[0];
    let (nmax, rtmax, pmax) = measured[measured.len() - 1];
    let extra = (nmax - n1) as f64;
    println!();
    println!(
        "Marginal cost of an admission in a batch ({nmax} against {n1}): {:.3} G ref_time, {:.0} bytes of proof.",
        rtmax.saturating_sub(rt1) as f64 / 1e9 / extra,
        pmax.saturating_sub(p1) as f64 / extra
    );
    println!();
    println!(
        "| block (normal class: 75%) | admissions per block, one by one | in proposals of {full_n} | per day in such proposals (14,400 blocks) |"
    );
    println!("|---|---:|---:|---:|");
    for (name, proof_budget) in [
        ("5 MiB proof, 2 s", 5_242_880f64),
        ("10 MB proof, 2 s", 10_000_000f64),
    ] {
        let fits = |(rt, proof): (u64, u64)| {
            (1_500e9 / rt as f64)
                .min(proof_budget * 0.75 / proof as f64)
                .floor()
        };
        let singles = fits(single);
        let batched = fits(full) * full_n as f64;
        println!(
            "| {name} | {singles} | {batched} | {} |",
            batched * 14_400.0
        );
    }
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .map(|a| a.parse().expect("sizes are numbers"))
        .collect();
    let sizes = if sizes.is_empty() {
        vec![10, 1_000, 10_000]
    } else {
        sizes
    };
    let rows: Vec<Row> = sizes.iter().flat_map(|s| measure(*s)).collect();
    let (small, large) = (sizes[0], sizes[sizes.len() - 1]);
    let at =
        |message: &str, size: usize| rows.iter().find(|r| r.message == message && r.size == size);
    let header = |what: &str| {
        sizes
            .iter()
            .map(|s| format!("{what} @{s}"))
            .collect::<Vec<_>>()
            .join(" | ")
    };
    println!(
        "| message | {} | ratio {large}/{small} | {} | storage deposit @{large} |",
        header("ref_time"),
        header("proof_size")
    );
    println!(
        "|---|{}---:|{}---:|",
        "---:|".repeat(sizes.len()),
        "---:|".repeat(sizes.len())
    );
    for r in rows.iter().filter(|r| r.size == small) {
        let line = |f: &dyn Fn(&Row) -> String| {
            sizes
                .iter()
                .map(|s| at(r.message, *s).map_or("-".into(), f))
                .collect::<Vec<_>>()
                .join(" | ")
        };
        let ratio = at(r.message, large).map_or(0.0, |l| l.ref_time as f64 / r.ref_time as f64);
        println!(
            "| {} | {} | {ratio:.3} | {} | {} |",
            r.message,
            line(&|x| format!("{:.2} G", x.ref_time as f64 / 1e9)),
            line(&|x| x.proof_size.to_string()),
            at(r.message, large).map_or(0, |l| l.deposit),
        );
    }
    measure_front(&rows, small);
    measure_fanout();
    measure_relay();
    measure_admissions();
}

/// The same messages at `size` members in a twin cooperative whose governance and missions run
/// their whole code (no fronts), beside the rows above.
fn measure_front(rows: &[Row], size: usize) {
    let whole = measure_in(Coop::without_front_with_params(bench_params()), size);
    println!();
    println!(
        "### The fronts: the same messages where governance and missions run their whole code"
    );
    println!();
    println!("| message @{size} | ref_time, whole code | ref_time, front | proof_size, whole code | proof_size, front | proof saved |");
    println!("|---|---:|---:|---:|---:|---:|");
    for w in &whole {
        let Some(f) = rows
            .iter()
            .find(|r| r.message == w.message && r.size == size)
        else {
            continue;
        };
        println!(
            "| {} | {:.2} G | {:.2} G | {} | {} | {} |",
            w.message,
            w.ref_time as f64 / 1e9,
            f.ref_time as f64 / 1e9,
            w.proof_size,
            f.proof_size,
            w.proof_size as i64 - f.proof_size as i64,
        );
    }
}
