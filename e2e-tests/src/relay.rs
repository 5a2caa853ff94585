//! Relayed votes from the outside: a voter's secp256k1 key signs the hash the governance
//! contract itself answers (`vote_hash`), as a wallet or a bot would, and anyone submits the
//! batch (`cast_votes`).

use crate::{id, Coop};
use governance::{relay::SignedVote, Choice, ProposalId};
use ink_sandbox::AccountId32;
use secp256k1::{Message, PublicKey, Secp256k1, SecretKey};

/// A voting key.
pub struct Signer {
    secret: SecretKey,
}

impl Signer {
    /// A deterministic key per seed (any seed but 0).
    pub fn new(seed: u8) -> Self {
        let secret = SecretKey::from_slice(&[seed; 32]).expect("a valid secret key");
        Signer { secret }
    }

    /// The compressed public key: what `set_voting_key` registers.
    pub fn key(&self) -> [u8; 33] {
        PublicKey::from_secret_key(&Secp256k1::new(), &self.secret).serialize()
    }

    /// The account this key is (blake2-256 of the compressed key), which votes with no
    /// registration.
    pub fn account(&self) -> AccountId32 {
        let mut out = [0u8; 32];
        ink::env::hash_bytes::<ink::env::hash::Blake2x256>(&self.key(), &mut out);
        AccountId32::new(out)
    }

    /// `voter`'s vote on `proposal`, signed with this key over the hash `coop`'s governance
    /// answers for it.
    pub fn sign(
        &self,
        coop: &mut Coop,
        voter: &AccountId32,
        proposal: ProposalId,
        choice: Choice,
    ) -> SignedVote {
        let mut vote = SignedVote {
            voter: id(voter),
            proposal,
            choice,
            signature: [0; 65],
        };
        let hash: [u8; 32] = coop.chain.query(&coop.governance, "vote_hash", &vote);
        let message = Message::from_digest_slice(&hash).expect("32 bytes");
        let (recovery, rs) = Secp256k1::new()
            .sign_ecdsa_recoverable(&message, &self.secret)
            .serialize_compact();
        vote.signature[..64].copy_from_slice(&rs);
        vote.signature[64] = u8::try_from(recovery.to_i32()).expect("0 to 3");
        vote
    }

    /// `who` registers this key for its relayed votes.
    pub fn register(&self, coop: &mut Coop, who: &AccountId32) {
        let out = coop.chain.call::<Result<(), governance::Error>>(
            &coop.governance,
            who,
            "set_voting_key",
            Some(self.key()),
        );
        assert_eq!(out.value, Ok(()), "registering a voting key");
    }
}
