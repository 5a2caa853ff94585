//! What a scenario needs from a chain, so one scenario runs on both backends: the in-process
//! sandbox ([`Chain`]) and a real substrate-contracts-node (`node::Node`, feature `node`, through
//! ink_e2e's node client). Calls go by message name, with the selectors from each `.contract`
//! bundle's metadata, as a wallet makes them.

use crate::{chain::ContractEvent, Bundle, Chain, Contract};
use ink::primitives::{AccountId, Hash};
use scale::{Decode, Encode};
use std::rc::Rc;
use usos_primitives::Verbatim;

pub type Balance = u128;

/// What a submitted call did. A reverted call changes nothing on either backend.
#[derive(Debug)]
pub struct Submitted {
    /// The message's SCALE-encoded return value.
    pub output: Vec<u8>,
    pub reverted: bool,
    pub events: Vec<ContractEvent>,
}

impl Submitted {
    /// The return value as `R`.
    pub fn value<R: Decode>(&self) -> R {
        R::decode(&mut &self.output[..]).expect("the output decodes as the message's type")
    }

    /// Every emitted event of type `E`, in order.
    pub fn events_of<E: ink::env::Event + Decode>(&self) -> Vec<E> {
        self.events
            .iter()
            .filter_map(ContractEvent::decode)
            .collect()
    }
}

pub trait Backend {
    /// Which backend this is, for progress lines.
    fn name(&self) -> &'static str;
    /// The account that signs as `signer` ("alice", "bob", ... as the dev keys), funded: a
    /// scenario asks for each signer's account before it signs.
    fn account(&mut self, signer: &str) -> AccountId;
    /// Uploads `bundle`'s code; returns its hash.
    fn upload(&mut self, bundle: &Bundle, signer: &str) -> Hash;
    /// Instantiates `bundle` with `constructor` and its encoded arguments.
    fn instantiate(
        &mut self,
        bundle: &Rc<Bundle>,
        signer: &str,
        constructor: &str,
        args: Vec<u8>,
    ) -> Contract;
    /// Signs and submits `message(args)` with `value` attached; commits it unless it reverts.
    fn submit(
        &mut self,
        contract: &Contract,
        signer: &str,
        message: &str,
        args: Vec<u8>,
        value: Balance,
    ) -> Submitted;
    /// Calls a message without committing anything: for reads.
    fn read(&mut self, contract: &Contract, message: &str, args: Vec<u8>) -> Vec<u8>;
    /// Lets `blocks` blocks pass.
    fn advance(&mut self, blocks: u32);
}

/// Typed helpers over any backend.
pub trait BackendExt: Backend {
    fn send<R: Decode>(
        &mut self,
        contract: &Contract,
        signer: &str,
        message: &str,
        args: impl Encode,
    ) -> R {
        self.submit(contract, signer, message, args.encode(), 0)
            .value()
    }

    fn query<R: Decode>(&mut self, contract: &Contract, message: &str, args: impl Encode) -> R {
        let output = self.read(contract, message, args.encode());
        R::decode(&mut &output[..]).expect("the output decodes as the message's type")
    }
}

impl<B: Backend + ?Sized> BackendExt for B {}

impl Backend for Chain {
    fn name(&self) -> &'static str {
        "sandbox"
    }

    fn account(&mut self, signer: &str) -> AccountId {
        crate::id(&Chain::account(self, signer))
    }

    fn upload(&mut self, bundle: &Bundle, signer: &str) -> Hash {
        Chain::upload(self, bundle, &Chain::named(signer))
    }

    fn instantiate(
        &mut self,
        bundle: &Rc<Bundle>,
        signer: &str,
        constructor: &str,
        args: Vec<u8>,
    ) -> Contract {
        self.deploy(bundle, &Chain::named(signer), constructor, Verbatim(args))
    }

    fn submit(
        &mut self,
        contract: &Contract,
        signer: &str,
        message: &str,
        args: Vec<u8>,
        value: Balance,
    ) -> Submitted {
        let origin = Chain::named(signer);
        let out =
            self.call_with_value::<Verbatim>(contract, &origin, message, Verbatim(args), value);
        Submitted {
            output: out.value.0,
            reverted: out.reverted,
            events: out.events,
        }
    }

    fn read(&mut self, contract: &Contract, message: &str, args: Vec<u8>) -> Vec<u8> {
        Chain::query::<Verbatim>(self, contract, message, Verbatim(args)).0
    }

    fn advance(&mut self, blocks: u32) {
        Chain::advance(self, blocks);
    }
}
