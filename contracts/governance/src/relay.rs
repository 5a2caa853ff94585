//! Relayed votes: a vote signed off-chain by its voter and submitted by anyone (a relayer, the
//! cooperative's service, a member's bot) in a batch, so that one call pays governance's code
//! once for many votes, and a member without native balance can vote.
//!
//! The voter signs [`vote_payload`] with an ecdsa (secp256k1) key, hashed with blake2-256 (as
//! `@polkadot/util-crypto`'s ecdsa signing does), and the contract recovers the key with the
//! stable `ecdsa_recover` host function. The payload binds the governance contract, the
//! proposal, the choice and the voter, so a signature is one vote in one cooperative. The key
//! is the one the voter's account is made of (an ecdsa account is the blake2-256 of its
//! compressed public key), or the voting key it registered.
//!
//! A batch pays once what all its votes on one proposal share: the proposal, its tally and
//! capital's rate are read once and written once (`vote.rs`'s ballots), and a vote signed by
//! the key its account is made of reads no registered key.

use crate::{
    data::{Events, GovernanceData},
    errors::Error,
    events::{GovernanceEvent, VotingKeyChanged},
    types::{Choice, ProposalId},
    vote::Ballot,
};
use ink::{
    env::hash::{Blake2x256, HashOutput},
    prelude::{vec, vec::Vec},
    scale::Encode,
};
use usos_primitives::{AccountId, BlockNumber};

/// Votes one `cast_votes` call carries at most (≈ 10 KB of input, inside ink!'s 16 KiB).
pub const MAX_BATCH: usize = 100;
/// Separates a vote's signature from any other use of the same key.
pub const VOTE_DOMAIN: [u8; 10] = *b"usos-vote1";

/// A compressed secp256k1 public key.
pub type VotingKey = [u8; 33];

/// One vote of a batch: what `voter` would have passed to `cast_vote`, and its signature of
/// [`vote_payload`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct SignedVote {
    pub voter: AccountId,
    pub proposal: ProposalId,
    pub choice: Choice,
    pub signature: [u8; 65],
}

/// The bytes a voter signs: the domain, the governance contract, the proposal, the choice and
/// the voter, SCALE-encoded.
pub fn vote_payload(
    governance: AccountId,
    proposal: ProposalId,
    choice: Choice,
    voter: AccountId,
) -> Vec<u8> {
    (VOTE_DOMAIN, governance, proposal, choice, voter).encode()
}

/// The blake2-256 hash of [`vote_payload`]: what the signature signs.
pub fn vote_hash(
    governance: AccountId,
    proposal: ProposalId,
    choice: Choice,
    voter: AccountId,
) -> [u8; 32] {
    blake2(&vote_payload(governance, proposal, choice, voter))
}

fn blake2(bytes: &[u8]) -> [u8; 32] {
    let mut out = <Blake2x256 as HashOutput>::Type::default();
    ink::env::hash_bytes::<Blake2x256>(bytes, &mut out);
    out
}

/// A compressed public key starts with 2 or 3.
pub fn is_key(key: &VotingKey) -> bool {
    matches!(key.first(), Some(2 | 3))
}

/// Whether `recovered` (the key that made the signature, if any) may vote for `voter`: the key
/// its account is made of (no storage read: that key can sign the account's own calls anyway),
/// or the key it registered, read by `registered` only when needed.
pub fn check_signer(
    voter: AccountId,
    registered: impl FnOnce() -> Option<VotingKey>,
    recovered: Option<VotingKey>,
) -> Result<(), Error> {
    let recovered = recovered.ok_or(Error::BadSignature)?;
    if AccountId::from(blake2(&recovered)) == voter {
        return Ok(());
    }
    match registered() {
        Some(key) if key == recovered => Ok(()),
        Some(_) => Err(Error::BadSignature),
        None => Err(Error::NoVotingKey),
    }
}

impl GovernanceData {
    /// The caller's key for relayed votes: set, rotated (a new key) or revoked (`None`).
    pub fn set_voting_key(
        &mut self,
        caller: AccountId,
        key: Option<VotingKey>,
    ) -> Result<Events, Error> {
        match key {
            Some(k) if !is_key(&k) => return Err(Error::InvalidVotingKey),
            Some(k) => self.voting_keys.insert(caller, &k),
            None => {
                self.voting_keys.remove(caller);
                None
            }
        };
        Ok(vec![GovernanceEvent::VotingKeyChanged(VotingKeyChanged {
            account: caller,
            key,
        })])
    }

    pub fn voting_key(&self, account: AccountId) -> Option<VotingKey> {
        self.voting_keys.get(account)
    }

    /// What `vote.voter` signs for this vote.
    pub fn vote_hash(&self, vote: &SignedVote) -> [u8; 32] {
        vote_hash(self.this, vote.proposal, vote.choice, vote.voter)
    }

    /// A batch: each vote with the key that signed it (recovered by the caller), each
    /// counted exactly as `cast_vote` by its voter or refused with nothing changed, in order.
    pub fn relayed_votes(
        &mut self,
        now: BlockNumber,
        batch: &[(SignedVote, Option<VotingKey>)],
    ) -> Vec<Result<Events, Error>> {
        let mut ballots: Vec<Ballot> = Vec::new();
        let results = batch
            .iter()
            .map(|(vote, recovered)| self.relayed_vote(&mut ballots, now, vote, *recovered))
            .collect();
        for ballot in &ballots {
            self.close_ballot(ballot);
        }
        results
    }

    /// One vote of a batch, on the batch's ballot for its proposal (opened at its first vote).
    fn relayed_vote(
        &mut self,
        ballots: &mut Vec<Ballot>,
        now: BlockNumber,
        vote: &SignedVote,
        recovered: Option<VotingKey>,
    ) -> Result<Events, Error> {
        check_signer(vote.voter, || self.voting_key(vote.voter), recovered)?;
        let at = match ballots.iter().position(|b| b.id == vote.proposal) {
            Some(at) => at,
            None => {
                ballots.push(self.open_ballot(vote.proposal)?);
                ballots.len().saturating_sub(1)
            }
        };
        let ballot = ballots.get_mut(at).ok_or(Error::UnknownProposal)?;
        self.vote_in(ballot, vote.voter, now, vote.choice)
    }
}
