//! Host tests of relayed votes: signed with real secp256k1 keys, recovered as the contract
//! does (`ecdsa_recover`), and counted exactly as the same voters' direct votes.

use crate::{
    data::GovernanceData,
    data_tests::{acc, fresh, join, propose, FINANCE, MEMBERSHIP},
    errors::Error,
    relay::{SignedVote, VotingKey},
    types::{Choice, ProposalId, Tally},
};
use secp256k1::{Message, PublicKey, Secp256k1, SecretKey};
use usos_primitives::{AccountId, BlockNumber};

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
    g.relayed_vote(now, vote, ok.ok().map(|()| recovered))
        .map(|_| ())
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
