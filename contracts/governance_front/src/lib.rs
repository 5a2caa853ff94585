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

// ink!'s generated dispatch panics on undecodable input, and so does the front where the whole
// code would have (an unpayable message paid, a hand-over that traps): the shell allows
// `clippy::panic`.
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
    use ink::{
        env::ReturnFlags, prelude::vec::Vec, storage::traits::StorageKey, LangError, MessageResult,
    };
    use scale::{Decode, Encode};
    use usos_primitives::{CapitalInput, CategoryId, Rate, Verbatim};

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
            let Ok(Verbatim(input)) = ink::env::decode_input::<Verbatim>() else {
                could_not_read_input()
            };
            let (selector, mut args) = match input.split_first_chunk::<4>() {
                Some((selector, args)) => (*selector, args),
                None => could_not_read_input(),
            };
            if !HOT.contains(&selector) {
                hand_over(&input)
            }
            let (caller, now) = (self.env().caller(), self.env().block_number());
            let args = &mut args;
            match selector {
                CAST_VOTE => {
                    let (proposal, choice) = decode::<(ProposalId, Choice)>(args);
                    let result = self.data.cast_vote(caller, now, proposal, choice);
                    self.answer(result.map(shell::emit_hot))
                }
                CAST_VOTES => {
                    let batch = decode::<Vec<SignedVote>>(args);
                    let result =
                        shell::cast_votes_with(&mut self.data, now, batch, shell::emit_hot);
                    self.answer(result)
                }
                DELEGATE => {
                    let (category, to) = decode::<(CategoryId, AccountId)>(args);
                    let result = self.data.delegate(caller, now, category, to);
                    self.answer(result.map(shell::emit_hot))
                }
                UNDELEGATE => {
                    let category = decode::<CategoryId>(args);
                    let result = self.data.undelegate(caller, now, category);
                    self.answer(result.map(shell::emit_hot))
                }
                MERIT_CHANGED => {
                    let (member, category, points) = decode::<(AccountId, CategoryId, u32)>(args);
                    let result = self
                        .data
                        .merit_changed(caller, now, member, category, points);
                    self.answer(shell::told(result, shell::emit_hot))
                }
                CAPITAL_CHANGED => {
                    let (rate, changes) = decode::<(Rate, Vec<(AccountId, CapitalInput)>)>(args);
                    let result = self.data.capital_changed(caller, now, rate, changes);
                    self.answer(shell::listener(result, shell::emit_hot))
                }
                _ => {
                    // VOTED_UNTIL: a read, so nothing is written back.
                    let account = decode::<AccountId>(args);
                    let until: BlockNumber = self.data.voted_until(account);
                    ink::env::return_value::<MessageResult<BlockNumber>>(
                        ReturnFlags::empty(),
                        &Ok(until),
                    )
                }
            }
        }

        /// Ends the call as ink! ends the whole code's message: `Ok` keeps the storage (the
        /// root cell written back) and `Err` reverts it, the answer wrapped in `MessageResult`.
        fn answer<T: Encode, E: Encode>(&self, result: Result<T, E>) -> ! {
            let flags = if result.is_ok() {
                ink::env::set_contract_storage(&<Governance as StorageKey>::KEY, self);
                ReturnFlags::empty()
            } else {
                ReturnFlags::REVERT
            };
            ink::env::return_value::<MessageResult<Result<T, E>>>(flags, &Ok(result))
        }
    }

    /// The arguments of a hot message, as ink! reads them (what follows them is ignored), or
    /// the call fails as ink! fails it; then, as ink! does for an unpayable message, a payment
    /// traps.
    fn decode<T: Decode>(args: &mut &[u8]) -> T {
        let Ok(value) = T::decode(args) else {
            could_not_read_input()
        };
        // ink!'s own refusal of a paid unpayable message is a trap (the whole code's dispatch
        // traps on the same call: `front::the_front_counts_exactly_…` sends one to both).
        if ink::env::transferred_value::<ink::env::DefaultEnvironment>() != 0 {
            panic!("paid an unpayable message")
        }
        value
    }

    fn could_not_read_input() -> ! {
        ink::env::return_value::<MessageResult<()>>(
            ReturnFlags::REVERT,
            &Err(LangError::CouldNotReadInput),
        )
    }

    /// Hands the call (selector and arguments, as they came) to the rules, the whole code, by a
    /// tail delegate call: its answer and revert flag become this call's.
    #[cfg(target_arch = "wasm32")]
    fn hand_over(input: &[u8]) -> ! {
        use pallet_contracts_uapi::{CallFlags, HostFn, HostFnImpl};
        // Never empty while a front runs (`use_front` sets it, and only code changes clear it);
        // if it were, the call is refused and changes nothing.
        let Some(rules) = front::rules_code() else {
            could_not_read_input()
        };
        // Returns only if the rules trapped on this input (their code cannot be missing: it is a
        // delegate dependency), so the call traps as it would without a front.
        let _ = HostFnImpl::delegate_call(CallFlags::TAIL_CALL, rules.as_ref(), input, None);
        panic!("the rules trapped")
    }

    /// Off-chain (host builds, metadata): nothing to hand over to.
    #[cfg(not(target_arch = "wasm32"))]
    fn hand_over(_input: &[u8]) -> ! {
        could_not_read_input()
    }
}
