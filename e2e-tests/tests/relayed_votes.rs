//! Relayed batches of signed votes (#18, item 2) on the real Wasm: each vote counts exactly as
//! its voter's own `cast_vote` would (checked against a twin cooperative voting directly), a
//! bad entry is refused alone and changes nothing, and a member with no native balance votes.

use governance::{
    events::{VoteCast, VoteRefused},
    relay::{SignedVote, MAX_BATCH},
    Choice, Error, ProposalId, Tally,
};
use ink_sandbox::AccountId32;
use usos_e2e_tests::{chain::Outcome, coop::test_params, id, relay::Signer, Coop};

type Batch = Result<Vec<Result<(), Error>>, Error>;

/// Members m0..m3 and an ecdsa account (`free`, never funded); m3 delegates to m0; m0 and m1
/// hold capital. Two open proposals.
struct Twin {
    coop: Coop,
    m: Vec<AccountId32>,
    free: AccountId32,
    p: ProposalId,
    other: ProposalId,
}

fn twin() -> Twin {
    let mut coop = Coop::new();
    let m: Vec<AccountId32> = (0..4).map(|i| coop.member(&format!("m{i}"))).collect();
    let free = Signer::new(9).account();
    coop.admit(&free);
    let out = coop.chain.call::<Result<(), Error>>(
        &coop.governance,
        &m[3],
        "delegate",
        (0u32, id(&m[0])),
    );
    assert_eq!(out.value, Ok(()));
    let capital = coop.capital.clone();
    for (who, amount) in [(&m[0], 50u128), (&m[1], 100)] {
        let out = coop.chain.call_with_value::<Result<(), capital::Error>>(
            &capital,
            who,
            "deposit",
            (),
            amount,
        );
        assert_eq!(out.value, Ok(()));
    }
    let propose = |coop: &mut Coop| {
        let out = coop.chain.call::<Result<ProposalId, Error>>(
            &coop.governance,
            &m[2],
            "propose",
            (
                0u32,
                "A proposal",
                "ipfs://d",
                Vec::<governance::Action>::new(),
            ),
        );
        out.value.expect("a proposal")
    };
    let (p, other) = (propose(&mut coop), propose(&mut coop));
    coop.chain.advance(test_params().voting_delay + 1);
    Twin {
        coop,
        m,
        free,
        p,
        other,
    }
}

fn tally(coop: &mut Coop, p: ProposalId) -> Tally {
    coop.chain.query(&coop.governance, "tally", p)
}

fn relay(coop: &mut Coop, batch: Vec<SignedVote>) -> Outcome<Batch> {
    let relayer = coop.chain.account("relayer");
    let governance = coop.governance.clone();
    coop.chain.call(&governance, &relayer, "cast_votes", batch)
}

#[test]
fn a_batch_counts_each_valid_vote_as_its_voter_would_and_refuses_the_rest_alone() {
    // The twin votes directly (`free` is funded there, to pay its own call).
    let mut direct = twin();
    direct.coop.chain.fund(&direct.free);
    let p = direct.p;
    for (who, choice) in [
        (direct.m[0].clone(), Choice::For),
        (direct.free.clone(), Choice::Against),
        (direct.m[3].clone(), Choice::Abstain),
        (direct.m[1].clone(), Choice::For),
    ] {
        let out = direct.coop.chain.call::<Result<(), Error>>(
            &direct.coop.governance,
            &who,
            "cast_vote",
            (p, choice),
        );
        assert_eq!(out.value, Ok(()));
    }
    let expected = tally(&mut direct.coop, p);

    let mut t = twin();
    let (m, free, p) = (t.m.clone(), t.free.clone(), t.p);
    let keys: Vec<Signer> = (1..=4).map(Signer::new).collect();
    for (key, who) in keys.iter().zip(&m) {
        key.register(&mut t.coop, who);
    }
    // m2 revokes its key.
    let out = t.coop.chain.call::<Result<(), Error>>(
        &t.coop.governance,
        &m[2],
        "set_voting_key",
        None::<[u8; 33]>,
    );
    assert_eq!(out.value, Ok(()));
    let c = &mut t.coop;
    let batch = vec![
        keys[0].sign(c, &m[0], p, Choice::For),
        // A forgery: m1's vote signed with m2's old key.
        keys[2].sign(c, &m[1], p, Choice::Against),
        // m1's signature for the other proposal, replayed on this one.
        SignedVote {
            proposal: p,
            ..keys[1].sign(c, &m[1], t.other, Choice::Against)
        },
        // A second vote by m0.
        keys[0].sign(c, &m[0], p, Choice::Against),
        // The revoked key.
        keys[2].sign(c, &m[2], p, Choice::Against),
        // `free` has no key and no balance: its account is its key.
        Signer::new(9).sign(c, &free, p, Choice::Against),
        keys[3].sign(c, &m[3], p, Choice::Abstain),
        keys[1].sign(c, &m[1], p, Choice::For),
    ];
    let out = relay(c, batch);
    assert_eq!(
        out.value,
        Ok(vec![
            Ok(()),
            Err(Error::BadSignature),
            Err(Error::BadSignature),
            Err(Error::AlreadyVoted),
            Err(Error::NoVotingKey),
            Ok(()),
            Ok(()),
            Ok(()),
        ])
    );
    let refused = out.events_of::<VoteRefused>();
    assert_eq!(refused.len(), 4, "one event per refused entry");
    assert_eq!(refused[0].voter, id(&m[1]));
    let cast = out.events_of::<VoteCast>();
    assert_eq!(cast.len(), 4);
    assert_eq!(
        cast[2].overrode,
        Some(id(&m[0])),
        "m3 overrides its delegate"
    );
    assert_eq!(
        tally(c, p),
        expected,
        "the same tally as the twin's direct votes"
    );
    assert_eq!(c.chain.balance(&free), 0, "free voted without paying");
    assert_eq!(
        tally(c, t.other),
        Tally::default(),
        "the other proposal is untouched"
    );
}

#[test]
fn an_empty_or_oversized_batch_is_refused_whole() {
    let mut t = twin();
    let out = relay(&mut t.coop, Vec::new());
    assert_eq!(out.value, Err(Error::EmptyBatch));
    let key = Signer::new(1);
    key.register(&mut t.coop, &t.m[0]);
    let vote = key.sign(&mut t.coop, &t.m[0], t.p, Choice::For);
    let out = relay(&mut t.coop, vec![vote; MAX_BATCH + 1]);
    assert_eq!(out.value, Err(Error::BatchTooLarge));
    assert_eq!(tally(&mut t.coop, t.p), Tally::default());
}

/// A hex string of the vectors file as bytes.
fn hex(v: &serde_json::Value) -> Vec<u8> {
    let s = v.as_str().expect("a hex string").trim_start_matches("0x");
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex"))
        .collect()
}

fn account(v: &serde_json::Value) -> ink::primitives::AccountId {
    let bytes: [u8; 32] = hex(v).try_into().expect("32 bytes");
    bytes.into()
}

#[test]
fn votes_signed_by_the_typescript_helper_are_the_contracts_votes() {
    // frontend-abi/test/relay-vectors.json: hashes and signatures made by lib/relay.mjs with
    // @polkadot/util-crypto (frontend-abi/test/relay.test.mjs checks it reproduces them).
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../frontend-abi/test/relay-vectors.json"
    ))
    .expect("the vectors");
    let vectors: Vec<serde_json::Value> = serde_json::from_str(&text).expect("JSON");
    assert!(vectors.len() >= 3);
    let mut kinds = std::collections::BTreeSet::new();
    for v in &vectors {
        let choice = match v["choice"].as_str() {
            Some("For") => Choice::For,
            Some("Against") => Choice::Against,
            _ => Choice::Abstain,
        };
        let proposal = v["proposal"].as_u64().expect("a proposal") as ProposalId;
        let (governance, voter) = (account(&v["governance"]), account(&v["voter"]));
        // The contract's code hashes the vote as the helper does...
        let hash = governance::relay::vote_hash(governance, proposal, choice, voter);
        assert_eq!(hash.to_vec(), hex(&v["hash"]));
        // ...and recovers the helper's signature to the helper's key.
        let signature: [u8; 65] = hex(&v["signature"]).try_into().expect("65 bytes");
        let mut key = [0u8; 33];
        ink::env::ecdsa_recover(&signature, &hash, &mut key).expect("recoverable");
        assert_eq!(key.to_vec(), hex(&v["key"]));
        // With no registered key, only a voter whose account is that key is its signer; any
        // other voter must have registered it.
        let seed = v["seed"].as_u64().expect("a seed") as u8;
        let own = Signer::new(seed).account() == AccountId32::new(*voter.as_ref());
        let unregistered = governance::relay::check_signer(voter, || None, Some(key));
        if own {
            assert_eq!(unregistered, Ok(()));
        } else {
            assert_eq!(unregistered, Err(Error::NoVotingKey));
            assert_eq!(
                governance::relay::check_signer(voter, || Some(key), Some(key)),
                Ok(())
            );
        }
        kinds.insert(own);
    }
    assert_eq!(
        kinds.len(),
        2,
        "vectors for ecdsa accounts and for registered keys"
    );
    // The Wasm answers the same hash as that code, at its own address.
    let mut t = twin();
    let vote = Signer::new(9).sign(&mut t.coop, &t.free, t.p, Choice::For);
    let expected =
        governance::relay::vote_hash(t.coop.governance.id(), t.p, Choice::For, id(&t.free));
    let answered: [u8; 32] = t.coop.chain.query(&t.coop.governance, "vote_hash", &vote);
    assert_eq!(answered, expected);
}
