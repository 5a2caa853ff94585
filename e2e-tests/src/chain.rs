//! An in-process chain with pallet-contracts (ink_sandbox's default runtime) and typed calls.

use crate::Bundle;
use ink_sandbox::{
    api::prelude::*,
    pallet_contracts::{self, Determinism, StorageDeposit},
    AccountId32, DefaultSandbox, Sandbox,
};
use scale::{Decode, Encode};
use std::rc::Rc;

pub type Balance = u128;

/// What one transaction may spend: a whole 2-second block of ref_time (substrate-contracts-node's
/// block) and a parachain's 5 MiB proof. ink_sandbox's default (100 G, 3 MiB) is too small for
/// `create_cooperative`, which loads every contract's code several times.
pub const GAS_LIMIT: ink_sandbox::Weight =
    ink_sandbox::Weight::from_parts(2_000_000_000_000, 5 * 1024 * 1024);
type RuntimeEvent = ink_sandbox::RuntimeEventOf<DefaultSandbox>;

pub struct Chain {
    sandbox: DefaultSandbox,
    salt: u64,
}

/// A deployed contract: its address and the bundle it was built from.
#[derive(Debug, Clone)]
pub struct Contract {
    pub address: AccountId32,
    pub bundle: Rc<Bundle>,
}

impl Contract {
    /// The address as the contracts see it.
    pub fn id(&self) -> ink::primitives::AccountId {
        id(&self.address)
    }
}

/// What one call did: the decoded return value, whether the contract reverted its changes,
/// its cost, and the events it emitted.
#[derive(Debug)]
pub struct Outcome<R> {
    pub value: R,
    pub reverted: bool,
    pub ref_time: u64,
    pub proof_size: u64,
    /// Storage deposit charged (positive) or refunded (negative).
    pub storage_deposit: i128,
    pub events: Vec<ContractEvent>,
}

/// An event a contract emitted: its topics and SCALE-encoded body.
#[derive(Debug, Clone)]
pub struct ContractEvent {
    pub contract: AccountId32,
    pub topics: Vec<[u8; 32]>,
    pub data: Vec<u8>,
}

impl ContractEvent {
    /// The event as `E`, if its signature topic is `E`'s. An anonymous `E` (no signature topic)
    /// matches an event with no topics whose data decodes as `E` exactly, as polkadot.js
    /// recognises a contract's only anonymous event without topics.
    pub fn decode<E: ink::env::Event + Decode>(&self) -> Option<E> {
        match E::SIGNATURE_TOPIC {
            Some(signature) if self.topics.first() == Some(&signature) => {}
            None if self.topics.is_empty() => {}
            _ => return None,
        }
        scale::DecodeAll::decode_all(&mut &self.data[..]).ok()
    }
}

impl<R> Outcome<R> {
    /// Every emitted event of type `E`, in order.
    pub fn events_of<E: ink::env::Event + Decode>(&self) -> Vec<E> {
        self.events
            .iter()
            .filter_map(ContractEvent::decode)
            .collect()
    }
}

/// The ink! view of a runtime account.
pub fn id(account: &AccountId32) -> ink::primitives::AccountId {
    let bytes: &[u8; 32] = account.as_ref();
    ink::primitives::AccountId::from(*bytes)
}

impl Default for Chain {
    fn default() -> Self {
        Self::new()
    }
}

impl Chain {
    pub fn new() -> Self {
        Chain {
            sandbox: DefaultSandbox::default(),
            salt: 0,
        }
    }

    /// The deterministic account named `name` (its bytes, zero-padded), without funding it.
    pub fn named(name: &str) -> AccountId32 {
        let mut bytes = [0u8; 32];
        let name = name.as_bytes();
        let len = name.len().min(32);
        bytes[..len].copy_from_slice(&name[..len]);
        AccountId32::new(bytes)
    }

    /// The account named `name`, funded so it can pay fees and deposits.
    pub fn account(&mut self, name: &str) -> AccountId32 {
        let account = Self::named(name);
        self.sandbox
            .mint_into(&account, 1_000_000_000_000_000)
            .expect("mint test funds");
        account
    }

    /// Gives `account` test funds (an account that is a key, to sign its own calls).
    pub fn fund(&mut self, account: &AccountId32) {
        self.sandbox
            .mint_into(account, 1_000_000_000_000_000)
            .expect("mint test funds");
    }

    pub fn balance(&mut self, account: &AccountId32) -> Balance {
        self.sandbox.free_balance(account)
    }

    pub fn block(&mut self) -> u32 {
        self.sandbox.block_number()
    }

    /// Builds `n` blocks; returns the new block number.
    pub fn advance(&mut self, n: u32) -> u32 {
        self.sandbox.build_blocks(n)
    }

    /// Uploads `bundle`'s code; returns its code hash (for a factory to instantiate).
    pub fn upload(&mut self, bundle: &Bundle, origin: &AccountId32) -> ink::primitives::Hash {
        let result = self
            .sandbox
            .upload_contract(
                bundle.wasm.clone(),
                origin.clone(),
                None,
                Determinism::Enforced,
            )
            .unwrap_or_else(|e| panic!("uploading {} failed: {e:?}", bundle.name));
        ink::primitives::Hash::from(result.code_hash.0)
    }

    /// A contract someone else instantiated (a factory), seen through `bundle`.
    pub fn at(&self, address: ink::primitives::AccountId, bundle: &Rc<Bundle>) -> Contract {
        Contract {
            address: AccountId32::new(*address.as_ref()),
            bundle: bundle.clone(),
        }
    }

    /// `origin` removes the code `hash` it uploaded: the chain allows it only while no contract
    /// runs the code or depends on it (`lock_delegate_dependency`).
    pub fn remove_code(
        &mut self,
        origin: &AccountId32,
        hash: ink::primitives::Hash,
    ) -> Result<(), ink_sandbox::DispatchError> {
        type Runtime = ink_sandbox::RuntimeOf<DefaultSandbox>;
        let hash = ink_sandbox::H256::from(<[u8; 32]>::from(hash));
        self.sandbox.execute_with(|| {
            pallet_contracts::Pallet::<Runtime>::remove_code(
                ink_sandbox::frame_system::RawOrigin::Signed(origin.clone()).into(),
                hash,
            )
            .map(|_| ())
            .map_err(|e| e.error)
        })
    }

    /// Instantiates `bundle` with `constructor(args)`, uploading its code if needed.
    pub fn deploy(
        &mut self,
        bundle: &Rc<Bundle>,
        origin: &AccountId32,
        constructor: &str,
        args: impl Encode,
    ) -> Contract {
        self.try_deploy(bundle, origin, constructor, args)
            .unwrap_or_else(|output| panic!("{}::{constructor} reverted: {output:?}", bundle.name))
    }

    /// [`Chain::deploy`], or the output of a constructor that reverted (a refusal).
    pub fn try_deploy(
        &mut self,
        bundle: &Rc<Bundle>,
        origin: &AccountId32,
        constructor: &str,
        args: impl Encode,
    ) -> Result<Contract, Vec<u8>> {
        let mut input = bundle.constructor(constructor).to_vec();
        args.encode_to(&mut input);
        self.salt += 1;
        let result = self.sandbox.deploy_contract(
            bundle.wasm.clone(),
            0,
            input,
            self.salt.encode(),
            origin.clone(),
            GAS_LIMIT,
            None,
        );
        let debug = String::from_utf8_lossy(&result.debug_message).into_owned();
        let instantiated = result
            .result
            .unwrap_or_else(|e| panic!("deploying {} failed: {e:?} {debug}", bundle.name));
        if instantiated.result.did_revert() {
            return Err(instantiated.result.data);
        }
        Ok(Contract {
            address: instantiated.account_id,
            bundle: bundle.clone(),
        })
    }

    /// Calls `message(args)` as `origin` and commits its effects (unless it reverts).
    pub fn call<R: Decode>(
        &mut self,
        contract: &Contract,
        origin: &AccountId32,
        message: &str,
        args: impl Encode,
    ) -> Outcome<R> {
        self.call_with_value(contract, origin, message, args, 0)
    }

    /// Like [`Chain::call`], transferring `value` to a payable message.
    pub fn call_with_value<R: Decode>(
        &mut self,
        contract: &Contract,
        origin: &AccountId32,
        message: &str,
        args: impl Encode,
        value: Balance,
    ) -> Outcome<R> {
        let mut input = contract.bundle.message(message).to_vec();
        args.encode_to(&mut input);
        let result = self.bare_call(contract, origin, input, value);
        let debug = String::from_utf8_lossy(&result.debug_message).into_owned();
        let returned = result.result.unwrap_or_else(|e| {
            panic!("{}::{message} trapped: {e:?} {debug}", contract.bundle.name)
        });
        let decoded =
            <Result<R, ink::LangError>>::decode(&mut &returned.data[..]).unwrap_or_else(|e| {
                panic!(
                    "{}::{message}: undecodable output: {e}",
                    contract.bundle.name
                )
            });
        let value =
            decoded.unwrap_or_else(|e| panic!("{}::{message}: {e:?}", contract.bundle.name));
        Outcome {
            value,
            reverted: returned.did_revert(),
            ref_time: result.gas_consumed.ref_time(),
            proof_size: result.gas_consumed.proof_size(),
            storage_deposit: match result.storage_deposit {
                StorageDeposit::Charge(c) => c as i128,
                StorageDeposit::Refund(r) => -(r as i128),
            },
            events: contract_events(result.events.unwrap_or_default()),
        }
    }

    /// Calls `contract` with the raw `input` (selector and arguments) as `origin`, paying
    /// `value`, and commits its effects: the answer and whether it reverted, or `None` if the
    /// contract trapped.
    pub fn call_raw(
        &mut self,
        contract: &Contract,
        origin: &AccountId32,
        input: Vec<u8>,
        value: Balance,
    ) -> Option<(bool, Vec<u8>)> {
        let returned = self.bare_call(contract, origin, input, value).result.ok()?;
        Some((returned.did_revert(), returned.data))
    }

    /// The runtime's call of `contract` with `input`, committed.
    fn bare_call(
        &mut self,
        contract: &Contract,
        origin: &AccountId32,
        input: Vec<u8>,
        value: Balance,
    ) -> ink_sandbox::ContractExecResultFor<ink_sandbox::RuntimeOf<DefaultSandbox>> {
        // bare_call reports every event of the block: start from none.
        self.sandbox.reset_events();
        self.sandbox.call_contract(
            contract.address.clone(),
            value,
            input,
            origin.clone(),
            GAS_LIMIT,
            None,
            Determinism::Enforced,
        )
    }

    /// Calls a message without committing anything: for reads.
    pub fn query<R: Decode>(&mut self, contract: &Contract, message: &str, args: impl Encode) -> R {
        let origin = DefaultSandbox::default_actor();
        let input = {
            let mut input = contract.bundle.message(message).to_vec();
            args.encode_to(&mut input);
            input
        };
        let address = contract.address.clone();
        let result = self.sandbox.dry_run(|sandbox| {
            sandbox.call_contract(
                address,
                0,
                input,
                origin,
                GAS_LIMIT,
                None,
                Determinism::Enforced,
            )
        });
        let returned = result
            .result
            .unwrap_or_else(|e| panic!("{}::{message} trapped: {e:?}", contract.bundle.name));
        <Result<R, ink::LangError>>::decode(&mut &returned.data[..])
            .unwrap_or_else(|e| {
                panic!(
                    "{}::{message}: undecodable output: {e}",
                    contract.bundle.name
                )
            })
            .unwrap_or_else(|e| panic!("{}::{message}: {e:?}", contract.bundle.name))
    }
}

fn contract_events(
    records: Vec<ink_sandbox::EventRecordOf<ink_sandbox::RuntimeOf<DefaultSandbox>>>,
) -> Vec<ContractEvent> {
    records
        .into_iter()
        .filter_map(|record| match record.event {
            RuntimeEvent::Contracts(pallet_contracts::Event::ContractEmitted {
                contract,
                data,
            }) => Some(ContractEvent {
                contract,
                topics: record.topics.iter().map(|t| t.0).collect(),
                data,
            }),
            _ => None,
        })
        .collect()
}
