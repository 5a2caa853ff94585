//! # usOS `governance_front`
//!
//! Governance's hot path in small code (see `governance::front`). A cooperative's governance
//! runs this code after `use_front`: `cast_vote`, `cast_votes`, `delegate` and `undelegate`,
//! and what capital and merit call on every deposit, withdrawal and credential
//! (`capital_changed`, `voted_until`, `merit_changed`), run here, on governance's storage with governance's own core and events, so a vote's (or a
//! deposit's) proof carries this code instead of the whole of governance's. Every other call (same selector,
//! same arguments) is handed as it came to the whole code by a delegate call, which runs it on
//! this contract's storage, balance and address and returns its answer as this contract's.
//! The front is never instantiated on its own.
//!
//! The front reads its calls itself (ink!'s wildcard message): one ink! message per handed-over
//! selector would cost more code than the hot path saves.
// cargo-contract denies this lint in release builds; deny it on the host too, outside tests.
#![cfg_attr(
    not(test),
    deny(
        clippy::arithmetic_side_effects,
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]
#![cfg_attr(not(feature = "std"), no_std, no_main)]

pub use self::governance_front::{Governance, GovernanceRef};

// ink!'s generated dispatch panics on undecodable input: the shell allows `clippy::panic`.
#[allow(clippy::panic)]
#[ink::contract]
mod governance_front {
    use governance::{
        data::GovernanceData,
        front,
        relay::SignedVote,
        shell,
        types::{Choice, ProposalId},
        Error,
    };
    use ink::prelude::vec::Vec;
    use usos_primitives::{
        front::{answer, decode_args, paid, reply, Call},
        CapitalInput, CategoryId, Rate,
    };

    /// Governance's storage, declared as the whole code declares it (same name, same field),
    /// so both codes read and write the same cells.
    #[ink(storage)]
    pub struct Governance {
        data: GovernanceData,
    }

    // The whole code's selectors of the hot messages (e2e `front` checks them against
    // governance's metadata).
    const CAST_VOTE: [u8; 4] = ink::selector_bytes!("cast_vote");
    const CAST_VOTES: [u8; 4] = ink::selector_bytes!("cast_votes");
    const DELEGATE: [u8; 4] = ink::selector_bytes!("delegate");
    const UNDELEGATE: [u8; 4] = ink::selector_bytes!("undelegate");
    const CAPITAL_CHANGED: [u8; 4] = ink::selector_bytes!("CapitalListener::capital_changed");
    const VOTED_UNTIL: [u8; 4] = ink::selector_bytes!("VoteLock::voted_until");
    const MERIT_CHANGED: [u8; 4] = ink::selector_bytes!("MeritListener::merit_changed");
    /// What the front runs itself: what members do often, votes and delegations, and what
    /// capital and merit call on every deposit, withdrawal and credential (their reports, the
    /// vote lock). Membership's reports come with admissions and exits, once or twice in a
    /// member's life and in batches (`admit_many`): they are handed over, and each vote is
    /// ≈ 1.9 KB lighter for it (bench/results.md, "Governance's front").
    const HOT: [[u8; 4]; 7] = [
        CAST_VOTE,
        CAST_VOTES,
        DELEGATE,
        UNDELEGATE,
        CAPITAL_CHANGED,
        VOTED_UNTIL,
        MERIT_CHANGED,
    ];

    impl Governance {
        /// Refused: a front runs only in a governance made with the whole code.
        #[ink(constructor)]
        pub fn new() -> Result<Self, Error> {
            Err(Error::FrontAlone)
        }

        /// The fingerprint of the governance build this front belongs to
        /// (`governance::front::FINGERPRINT`; `use_front` asks it). ink! gives the message
        /// beside a wildcard a reserved selector: `front::FRONT_FOR`.
        #[ink(message, selector = @)]
        pub fn front_for(&self) -> u64 {
            front::FINGERPRINT
        }

        /// Every call but `front_for`: a hot message is run here, anything else handed over.
        #[ink(message, payable, selector = _)]
        pub fn call(&mut self) {
            let call = Call::read();
            let selector = call.selector();
            // A paid call goes to the whole code too: its own dispatch decides as ink! does (the
            // arguments first, then the payment, which traps for an unpayable message), so a
            // paid vote ends exactly as it would without a front.
            if !HOT.contains(&selector) || paid() {
                call.hand_over(front::RULES_CODE)
            }
            let (caller, now) = (self.env().caller(), self.env().block_number());
            let args = &mut call.args();
            match selector {
                CAST_VOTE => {
                    let (proposal, choice) = decode_args::<(ProposalId, Choice)>(args);
                    let result = self.data.cast_vote(caller, now, proposal, choice);
                    answer(self, result.map(shell::emit_hot))
                }
                CAST_VOTES => {
                    let batch = decode_args::<Vec<SignedVote>>(args);
                    let result =
                        shell::cast_votes_with(&mut self.data, now, batch, shell::emit_hot);
                    answer(self, result)
                }
                DELEGATE => {
                    let (category, to) = decode_args::<(CategoryId, AccountId)>(args);
                    let result = self.data.delegate(caller, now, category, to);
                    answer(self, result.map(shell::emit_hot))
                }
                UNDELEGATE => {
                    let category = decode_args::<CategoryId>(args);
                    let result = self.data.undelegate(caller, now, category);
                    answer(self, result.map(shell::emit_hot))
                }
                MERIT_CHANGED => {
                    let (member, category, points) =
                        decode_args::<(AccountId, CategoryId, u32)>(args);
                    let result = self
                        .data
                        .merit_changed(caller, now, member, category, points);
                    answer(self, shell::told(result, shell::emit_hot))
                }
                CAPITAL_CHANGED => {
                    let (rate, changes) =
                        decode_args::<(Rate, Vec<(AccountId, CapitalInput)>)>(args);
                    let result = self.data.capital_changed(caller, now, rate, changes);
                    answer(self, shell::listener(result, shell::emit_hot))
                }
                _ => {
                    // VOTED_UNTIL: a read, so nothing is written back.
                    let account = decode_args::<AccountId>(args);
                    let until: BlockNumber = self.data.voted_until(account);
                    reply(&until)
                }
            }
        }
    }
}
