//! # usOS `missions_front`
//!
//! The usOS token's hot path in small code (see `missions::front`). A cooperative's missions
//! contract runs this code after `use_front`: PSP22's `transfer`, `transfer_from` and
//! `approve` run here, on missions' storage with missions' own token core and events, so a
//! transfer's proof carries this code instead of the whole of missions'. Every other call
//! (missions, reads, the other allowance messages, burns, the token's metadata; same selector,
//! same arguments) is handed as it came to the whole code by a delegate call, which runs it on
//! this contract's storage, balance and address. The front is never instantiated on its own.
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

pub use self::missions_front::{Missions, MissionsRef};

// ink!'s generated dispatch panics on undecodable input: the shell allows `clippy::panic`.
#[allow(clippy::panic)]
#[ink::contract]
mod missions_front {
    use missions::{data::MissionsData, front, token, Error};
    use scale::{Compact, Decode, Input};
    use usos_primitives::front::{answer_if_changed, decode_args, Call, Root};

    /// Missions' storage, declared as the whole code declares it (same name, same fields in
    /// the same order), so both codes read and write the same cells.
    #[ink(storage)]
    pub struct Missions {
        data: MissionsData,
        membership: AccountId,
        merit: AccountId,
        capital: Option<AccountId>,
    }

    // PSP22's selectors of what the front runs: what holders do every day (transfers, and a
    // spender's transfers) and the approval a spender needs first. The rest of the token is
    // handed over: reads (wallets make them off-chain, where proof costs nothing),
    // `increase_allowance` and `decrease_allowance` (approve's rarer variants), the burns and
    // the metadata. With the reads and the two variants here, the front measured 10,963 B
    // against 10,124 B, and a transfer's proof 20.3 KB against 19.5 KB (bench/results.md).
    const TRANSFER: [u8; 4] = ink::selector_bytes!("PSP22::transfer");
    const TRANSFER_FROM: [u8; 4] = ink::selector_bytes!("PSP22::transfer_from");
    const APPROVE: [u8; 4] = ink::selector_bytes!("PSP22::approve");

    /// PSP22's `data: Vec<u8>` argument, which the token ignores: checked to be there as ink!
    /// decodes it (a length, then that many bytes), without keeping it.
    struct Unread;

    impl Decode for Unread {
        fn decode<I: Input>(input: &mut I) -> Result<Self, scale::Error> {
            let Compact(mut left) = Compact::<u32>::decode(input)?;
            let mut chunk = [0u8; 32];
            while left > 0 {
                let take = left.min(32);
                input.read(chunk.get_mut(..take as usize).ok_or("chunk")?)?;
                left = left.saturating_sub(take);
            }
            Ok(Unread)
        }
    }

    impl Missions {
        /// Refused: a front runs only in a missions contract made with the whole code.
        #[ink(constructor)]
        pub fn new() -> Result<Self, Error> {
            Err(Error::FrontAlone)
        }

        /// The fingerprint of the missions build this front belongs to
        /// (`missions::front::FINGERPRINT`; `use_front` asks it). ink! gives the message beside
        /// a wildcard a reserved selector: `usos_primitives::front::FRONT_FOR`.
        #[ink(message, selector = @)]
        pub fn front_for(&self) -> u64 {
            front::FINGERPRINT
        }

        /// Every call but `front_for`: transfers and approvals run here, anything else is
        /// handed over.
        // Not payable, as no message of missions is: ink! then refuses a payment before reading
        // the input, exactly as the whole code does.
        #[ink(message, selector = _)]
        pub fn call(&mut self) {
            let call = Call::read();
            let selector = call.selector();
            if ![TRANSFER, TRANSFER_FROM, APPROVE].contains(&selector) {
                call.hand_over(front::RULES_CODE)
            }
            let before = Root::of(self);
            let caller = self.env().caller();
            let args = &mut call.args();
            let token = &mut self.data.token;
            let result = match selector {
                TRANSFER => {
                    let (to, value, _data) = decode_args::<(AccountId, u128, Unread)>(args);
                    token.transfer(caller, to, value)
                }
                TRANSFER_FROM => {
                    let (from, to, value, _data) =
                        decode_args::<(AccountId, AccountId, u128, Unread)>(args);
                    token.transfer_from(caller, from, to, value)
                }
                _ => {
                    // APPROVE
                    let (spender, value) = decode_args(args);
                    token.approve(caller, spender, value)
                }
            };
            answer_if_changed(self, &before, result.map(token::emit))
        }
    }
}
