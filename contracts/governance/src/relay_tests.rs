//! Host tests of relayed votes: signed with real secp256k1 keys, recovered as the contract
//! does (`ecdsa_recover`), and counted exactly as the same voters' direct votes.

use crate::{
    data::{Events, GovernanceData},
    data_tests::{acc, fresh, join, propose, CAPITAL, FINANCE, MEMBERSHIP},
    errors::Error,
    events::GovernanceEvent,
    relay::{SignedVote, VotingKey},
    types::{Choice, ProposalId, Tally, VoterRecord},
};
use secp256k1::{Message, PublicKey, Secp256k1, SecretKey};
use usos_primitives::{AccountId, BlockNumber, Rate};

fn secret(n: u8) -> SecretKey {
    SecretKey::from_slice(&[n; 32]).unwrap()
}

fn key(n: u8) -> VotingKey {
    PublicKey::from_secret_key(&Secp256k1::new(), &secret(n)).serialize()
}

/// The account an ecdsa key is (the blake2-256 of its compressed public key).
fn ecdsa_account(n: u8) -> AccountId {
    let mut out = [0u8; 32];
    ink::env::hash_bytes::<ink::env::hash::Blake2x256>(&key(n), &mut out);
    AccountId::from(out)
}

/// `voter`'s vote signed with the key of secret `signer`, for `signed_for` (the proposal and
/// choice the signer meant), sent as `proposal` and `choice`.
fn signed(
    g: &GovernanceData,
    voter: AccountId,
    signer: u8,
    (proposal, choice): (ProposalId, Choice),
    signed_for: (ProposalId, Choice),
) -> SignedVote {
    let mut vote = SignedVote {
        voter,
        proposal: signed_for.0,
        choice: signed_for.1,
        signature: [0; 65],
    };
    let hash = Message::from_digest_slice(&g.vote_hash(&vote)).unwrap();
    let (id, rs) = Secp256k1::new()
        .sign_ecdsa_recoverable(&hash, &secret(signer))
        .serialize_compact();
    vote.signature[..64].copy_from_slice(&rs);
    vote.signature[64] = id.to_i32() as u8;
    vote.proposal = proposal;
    vote.choice = choice;
    vote
}

/// What the contract does with one entry of a batch.
fn relay(g: &mut GovernanceData, now: BlockNumber, vote: &SignedVote) -> Result<(), Error> {
    let mut recovered = [0u8; 33];
    let ok = ink::env::ecdsa_recover(&vote.signature, &g.vote_hash(vote), &mut recovered);
    let mut results = g.relayed_votes(now, &[(vote.clone(), ok.ok().map(|()| recovered))]);
    assert_eq!(results.len(), 1);
    results.pop().unwrap().map(|_| ())
}

/// Members 1, 2, 3 and the ecdsa account of key 5; 3 delegates to 1 in finance. Two
/// proposals in finance.
fn cooperative(g: &mut GovernanceData) -> (ProposalId, ProposalId) {
    for n in 1..=3 {
        join(g, 0, n);
    }
    g.membership_changed(acc(MEMBERSHIP), 0, ecdsa_account(5), true, None)
        .unwrap();
    g.delegate(acc(3), 0, FINANCE, acc(1)).unwrap();
    (propose(g, 2, FINANCE), propose(g, 2, FINANCE))
}

#[test]
fn relayed_votes_count_as_direct_votes_and_a_bad_entry_changes_nothing() {
    let mut direct: Option<Tally> = None;
    fresh(8, |mut g| {
        let (id, _) = cooperative(&mut g);
        g.cast_vote(acc(1), 1, id, Choice::For).unwrap();
        g.cast_vote(ecdsa_account(5), 1, id, Choice::Against)
            .unwrap();
        g.cast_vote(acc(3), 2, id, Choice::Abstain).unwrap();
        direct = Some(g.tally(id));
    });
    fresh(8, |mut g| {
        let (id, other) = cooperative(&mut g);
        g.set_voting_key(acc(1), Some(key(1))).unwrap();
        g.set_voting_key(acc(3), Some(key(3))).unwrap();
        g.set_voting_key(acc(2), Some(key(2))).unwrap();
        g.set_voting_key(acc(2), None).unwrap();
        assert_eq!(g.voting_key(acc(2)), None, "revoked");
        let for_ = (id, Choice::For);
        // A forgery: 1's vote signed by 3's key.
        let forged = signed(&g, acc(1), 3, for_, for_);
        assert_eq!(relay(&mut g, 1, &forged), Err(Error::BadSignature));
        // 1's signature for the other proposal, replayed on this one.
        let replayed = signed(&g, acc(1), 1, for_, (other, Choice::For));
        assert_eq!(relay(&mut g, 1, &replayed), Err(Error::BadSignature));
        // 1's signature for For, sent as Against.
        let turned = signed(&g, acc(1), 1, (id, Choice::Against), for_);
        assert_eq!(relay(&mut g, 1, &turned), Err(Error::BadSignature));
        // 2 revoked its key: its old key no longer votes for it.
        let revoked = signed(&g, acc(2), 2, for_, for_);
        assert_eq!(relay(&mut g, 1, &revoked), Err(Error::NoVotingKey));
        assert_eq!(g.tally(id), Tally::default(), "refusals changed nothing");
        // The real votes: 1 by its registered key, 5 by the key its account is.
        let one = signed(&g, acc(1), 1, for_, for_);
        assert_eq!(relay(&mut g, 1, &one), Ok(()));
        let against = (id, Choice::Against);
        let five = signed(&g, ecdsa_account(5), 5, against, against);
        assert_eq!(relay(&mut g, 1, &five), Ok(()));
        assert_eq!(relay(&mut g, 1, &one), Err(Error::AlreadyVoted), "once");
        let abstain = (id, Choice::Abstain);
        let three = signed(&g, acc(3), 3, abstain, abstain);
        assert_eq!(relay(&mut g, 2, &three), Ok(()), "an override, relayed");
        assert_eq!(Some(g.tally(id)), direct, "as if each had voted itself");
    });
}

#[test]
fn only_a_compressed_public_key_is_a_voting_key() {
    fresh(8, |mut g| {
        let mut not_a_key = key(1);
        not_a_key[0] = 4;
        assert_eq!(
            g.set_voting_key(acc(1), Some(not_a_key)),
            Err(Error::InvalidVotingKey)
        );
        assert_eq!(g.voting_key(acc(1)), None);
        let (id, _) = cooperative(&mut g);
        g.set_voting_key(acc(1), Some(key(1))).unwrap();
        g.set_voting_key(acc(1), Some(key(7))).unwrap();
        assert_eq!(g.voting_key(acc(1)), Some(key(7)), "rotated");
        let for_ = (id, Choice::For);
        let old = signed(&g, acc(1), 1, for_, for_);
        assert_eq!(
            relay(&mut g, 1, &old),
            Err(Error::BadSignature),
            "the old key"
        );
        let new = signed(&g, acc(1), 7, for_, for_);
        assert_eq!(relay(&mut g, 1, &new), Ok(()));
    });
}

#[test]
fn a_key_registered_by_someone_else_never_votes_for_its_owner() {
    fresh(8, |mut g| {
        let (id, _) = cooperative(&mut g);
        g.set_voting_key(acc(3), Some(key(3))).unwrap();
        // 1 registers 3's public key as its own: 3's signed vote, re-addressed to 1, is not
        // 1's vote, and still votes for 3 alone.
        g.set_voting_key(acc(1), Some(key(3))).unwrap();
        let for_ = (id, Choice::For);
        let threes = signed(&g, acc(3), 3, for_, for_);
        let readdressed = SignedVote {
            voter: acc(1),
            ..threes.clone()
        };
        assert_eq!(relay(&mut g, 1, &readdressed), Err(Error::BadSignature));
        assert_eq!(relay(&mut g, 1, &threes), Ok(()));
        assert_eq!(
            g.tally(id).for_.equal,
            1,
            "3 alone (it delegates to 1, who did not vote)"
        );
    });
}

/// Six ecdsa members with the given delegations in finance and stakes (so capital's rate at
/// the snapshot counts), and two proposals in finance by a seventh member.
fn delegating_cooperative(
    g: &mut GovernanceData,
    delegations: &[(u8, u8)],
    stakes: &[u128],
) -> [ProposalId; 2] {
    for n in 1..=6 {
        g.membership_changed(acc(MEMBERSHIP), 0, ecdsa_account(n), true, None)
            .unwrap();
    }
    let changes = (1..=6)
        .zip(stakes)
        .map(|(n, raw)| (ecdsa_account(n), crate::data_tests::plain(*raw)))
        .collect();
    g.capital_changed(acc(CAPITAL), 0, Rate { num: 3, den: 7 }, changes)
        .unwrap();
    for (from, to) in delegations {
        // Cycles and self-delegations are refused, alike in both worlds.
        let _ = g.delegate(ecdsa_account(*from), 0, FINANCE, ecdsa_account(*to));
    }
    join(g, 0, 7);
    [propose(g, 7, FINANCE), propose(g, 7, FINANCE)]
}

fn choice(n: u8) -> Choice {
    [Choice::For, Choice::Against, Choice::Abstain][usize::from(n % 3)]
}

/// What a cooperative shows after the votes: each entry's result, both tallies and end blocks,
/// every member's record on each proposal (its vote and what it withholds) and vote lock.
type Seen = (
    Vec<Result<Events, Error>>,
    Vec<(Tally, BlockNumber)>,
    Vec<Option<VoterRecord>>,
    Vec<BlockNumber>,
);

fn seen(g: &GovernanceData, ids: [ProposalId; 2], results: Vec<Result<Events, Error>>) -> Seen {
    let proposals = ids
        .iter()
        .map(|id| (g.tally(*id), g.proposal(*id).unwrap().vote_end))
        .collect();
    let records = ids
        .iter()
        .flat_map(|id| (1..=6).map(move |n| (*id, n)))
        .map(|(id, n)| g.records.get((id, ecdsa_account(n))))
        .collect();
    let locks = (1..=6).map(|n| g.voted_until(ecdsa_account(n))).collect();
    (results, proposals, records, locks)
}

/// An entry of the generated batch: a voter, a proposal (2 is unknown), a choice, and whether
/// the signature is forged (made by the next member's key).
type Entry = (u8, usize, u8, bool);

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

    /// One batch, which reads and writes each proposal once, shows exactly what the same votes
    /// cast one by one show (a forged entry being one its voter never cast): results, events,
    /// tallies, extensions, overrides, withheld points and vote locks.
    #[test]
    fn a_batch_counts_exactly_as_the_same_votes_cast_one_by_one(
        delegations in proptest::collection::vec((1u8..=6, 1u8..=6), 0..8),
        stakes in proptest::collection::vec(0u128..1_000, 6),
        votes in proptest::collection::vec((1u8..=6, 0usize..3, 0u8..3, proptest::bool::weighted(0.15)), 1..16),
        now in 1 as BlockNumber..=6,
    ) {
        let id_of = |ids: &[ProposalId; 2], p: usize| ids.get(p).copied().unwrap_or(99);
        let mut one_by_one = None;
        fresh(8, |mut g| {
            let ids = delegating_cooperative(&mut g, &delegations, &stakes);
            let results = votes
                .iter()
                .map(|(n, p, c, forged): &Entry| {
                    if *forged {
                        // Signed by another member's key, with no key registered.
                        return Err(Error::NoVotingKey);
                    }
                    g.cast_vote(ecdsa_account(*n), now, id_of(&ids, *p), choice(*c))
                })
                .collect();
            one_by_one = Some(seen(&g, ids, results));
        });
        let mut batched = None;
        fresh(8, |mut g| {
            let ids = delegating_cooperative(&mut g, &delegations, &stakes);
            let batch: Vec<_> = votes
                .iter()
                .map(|(n, p, c, forged): &Entry| {
                    let what = (id_of(&ids, *p), choice(*c));
                    let signer = if *forged { n % 6 + 1 } else { *n };
                    let vote = signed(&g, ecdsa_account(*n), signer, what, what);
                    let mut key = [0u8; 33];
                    let ok = ink::env::ecdsa_recover(&vote.signature, &g.vote_hash(&vote), &mut key);
                    (vote, ok.ok().map(|()| key))
                })
                .collect();
            let results = g.relayed_votes(now, &batch);
            batched = Some(seen(&g, ids, results));
        });
        proptest::prop_assert_eq!(batched, one_by_one);
    }
}

#[test]
fn a_vote_signed_by_the_key_its_account_is_counts_whatever_key_it_registered() {
    fresh(8, |mut g| {
        let (id, _) = cooperative(&mut g);
        // 5 is an ecdsa account; it registers a bot's key, and still signs with its own.
        g.set_voting_key(ecdsa_account(5), Some(key(9))).unwrap();
        let for_ = (id, Choice::For);
        let own = signed(&g, ecdsa_account(5), 5, for_, for_);
        assert_eq!(relay(&mut g, 1, &own), Ok(()));
        assert_eq!(g.tally(id).for_.equal, 1);
    });
}

#[test]
fn a_late_batch_extends_once_and_its_override_sees_the_extension() {
    fresh(8, |mut g| {
        let ids = delegating_cooperative(&mut g, &[(1, 2)], &[]);
        let sign = |g: &GovernanceData, n: u8, c: Choice| {
            let what = (ids[0], c);
            let vote = signed(g, ecdsa_account(n), n, what, what);
            let mut key = [0u8; 33];
            let ok = ink::env::ecdsa_recover(&vote.signature, &g.vote_hash(&vote), &mut key);
            (vote, ok.ok().map(|()| key))
        };
        // At block 4, within the override window of the end (5): 2 carries 1's point.
        let batch = [sign(&g, 2, Choice::For), sign(&g, 1, Choice::Against)];
        let results = g.relayed_votes(4, &batch);
        let extended = results
            .iter()
            .flatten()
            .flatten()
            .filter(|e| matches!(e, GovernanceEvent::VotingExtended(_)))
            .count();
        assert_eq!(extended, 1, "{results:?}");
        assert_eq!(g.proposal(ids[0]).unwrap().vote_end, 4 + 2, "written back");
        let t = g.tally(ids[0]);
        assert_eq!((t.for_.equal, t.against.equal), (1, 1), "1 overrode 2");
    });
}

/// A governance contract upgraded in place from the earlier build finds the votes of a
/// proposal still open in that build's two cells (`votes`, `withheld`): a voter cannot vote
/// twice, a delegator's override takes the points back, and proposals made after the upgrade
/// keep their records in one cell.
#[test]
fn votes_cast_before_an_in_place_upgrade_still_count_once() {
    fresh(8, |mut g| {
        for n in 1..=3 {
            join(&mut g, 0, n);
        }
        g.delegate(acc(3), 0, FINANCE, acc(1)).unwrap();
        let id = propose(&mut g, 2, FINANCE);
        g.cast_vote(acc(1), 1, id, Choice::For).unwrap();
        // As the earlier build wrote it: the vote in `votes`, nothing in `records`.
        let record = g.records.take((id, acc(1))).unwrap();
        g.votes.insert((id, acc(1)), &record.vote.unwrap());
        g.forget_records_from();
        assert_eq!(g.vote_of(id, acc(1)), record.vote, "still read");
        assert_eq!(
            g.cast_vote(acc(1), 2, id, Choice::Against),
            Err(Error::AlreadyVoted)
        );
        assert_eq!(g.tally(id).for_.equal, 2, "1 counts for 3 and itself");
        g.cast_vote(acc(3), 2, id, Choice::Against).unwrap();
        let t = g.tally(id);
        assert_eq!(
            (t.for_.equal, t.against.equal),
            (1, 1),
            "3 took its point back"
        );
        assert_eq!(g.vote_of(id, acc(1)).unwrap().counted.equal, 1);
        // The first proposal after the upgrade is recorded in one cell only.
        let next = propose(&mut g, 2, FINANCE);
        g.cast_vote(acc(2), 2, next, Choice::For).unwrap();
        assert!(g.records.get((next, acc(2))).is_some());
        assert!(!g.has_earlier_records(next));
        assert!(g.has_earlier_records(id));
    });
}
