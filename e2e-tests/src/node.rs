//! The node backend (feature `node`): a real substrate-contracts-node through ink_e2e's node
//! client, signed by the dev keys. The node is the one at `CONTRACTS_NODE_URL`, else one that
//! ink_e2e spawns from `CONTRACTS_NODE` (or `substrate-contracts-node` on the PATH) with
//! `--dev --tmp`. The dev node seals a block per transaction.

use crate::{
    backend::{Backend, Balance, Submitted},
    bundle::artifacts_dir,
    chain::ContractEvent,
    Bundle, Contract,
};
use ink::{
    env::{
        call::{
            build_call, build_create,
            utils::{Argument, ArgumentList, EmptyArgumentList},
            ExecutionInput, FromAccountId, Selector,
        },
        ContractEnv, DefaultEnvironment,
    },
    primitives::{AccountId, Hash},
};
use ink_e2e::{
    events::ContractEmitted, subxt::dynamic::Value, ChainBackend, ContractsBackend, Keypair,
    PolkadotConfig, RpcClient, TestNodeProcess,
};
use ink_sandbox::AccountId32;
use std::rc::Rc;
use usos_primitives::Verbatim;

type Client = ink_e2e::Client<PolkadotConfig, DefaultEnvironment>;
type EventLog = <Client as ContractsBackend<DefaultEnvironment>>::EventLog;
/// A message call by selector with pre-encoded arguments and a raw output.
type Message = ink_e2e::CallBuilderFinal<
    DefaultEnvironment,
    ArgumentList<Argument<Verbatim>, EmptyArgumentList>,
    Verbatim,
>;

/// Every contract of the platform, by the name ink_e2e loads its code under.
const CODES: [&str; 9] = [
    "membership",
    "merit",
    "capital",
    "missions",
    "missions_front",
    "governance",
    "governance_front",
    "factory",
    "profiles",
];

pub struct Node {
    runtime: tokio::runtime::Runtime,
    client: Client,
    /// Kept alive for the test: dropping it stops the node ink_e2e spawned.
    _process: Option<TestNodeProcess<PolkadotConfig>>,
    pub url: String,
}

/// The instantiate builder's contract type: the factory's and every other code's constructor
/// are called by selector, so no generated contract reference is needed.
#[derive(Clone)]
pub struct AnyContract;

impl ContractEnv for AnyContract {
    type Env = DefaultEnvironment;
}

impl FromAccountId<DefaultEnvironment> for AnyContract {
    fn from_account_id(_: AccountId) -> Self {
        AnyContract
    }
}

fn signer(name: &str) -> Keypair {
    match name {
        "alice" => ink_e2e::alice(),
        "bob" => ink_e2e::bob(),
        "charlie" => ink_e2e::charlie(),
        "dave" => ink_e2e::dave(),
        "eve" => ink_e2e::eve(),
        "ferdie" => ink_e2e::ferdie(),
        other => panic!("no dev key named {other}: the node backend signs with the dev keys"),
    }
}

impl Node {
    pub fn start() -> Node {
        let runtime = tokio::runtime::Runtime::new().expect("a tokio runtime");
        let codes: Vec<_> = CODES
            .iter()
            .map(|name| artifacts_dir().join(format!("{name}.wasm")))
            .collect();
        let (client, process, url) = runtime.block_on(async {
            let (rpc, process, url) = match std::env::var("CONTRACTS_NODE_URL") {
                Ok(url) => {
                    let rpc = RpcClient::from_url(&url)
                        .await
                        .unwrap_or_else(|e| panic!("connecting to {url}: {e}"));
                    (rpc, None, url)
                }
                Err(_) => {
                    let process = TestNodeProcess::<PolkadotConfig>::build_with_env_or_default()
                        .spawn()
                        .await
                        .unwrap_or_else(|e| panic!("starting the contracts node: {e}"));
                    let url = process.url().to_owned();
                    (process.rpc(), Some(process), url)
                }
            };
            let client = Client::new(rpc, codes)
                .await
                .unwrap_or_else(|e| panic!("a client for {url}: {e}"));
            (client, process, url)
        });
        Node {
            runtime,
            client,
            _process: process,
            url,
        }
    }
}

/// `name(args)` of `contract`, by the selector in its metadata, returning the raw output.
fn message(contract: &Contract, name: &str, args: Vec<u8>) -> Message {
    build_call::<DefaultEnvironment>()
        .call(contract.id())
        .exec_input(
            ExecutionInput::new(Selector::new(contract.bundle.message(name)))
                .push_arg(Verbatim(args)),
        )
        .returns::<Verbatim>()
}

impl Node {
    /// Runs `call` as `key` without committing it: the message's output, and whether it
    /// reverted.
    fn dry_run(
        &mut self,
        key: &Keypair,
        call: &Message,
        value: Balance,
        what: &str,
    ) -> (Vec<u8>, bool) {
        let client = &mut self.client;
        let dry = self
            .runtime
            .block_on(async { client.call(key, call).value(value).dry_run().await })
            .unwrap_or_else(|e| panic!("{what} trapped: {e:?}"));
        let output = dry
            .message_result()
            .unwrap_or_else(|e| panic!("{what}: {e:?}"))
            .0;
        (output, dry.exec_return_value().did_revert())
    }
}

/// The contract events of one extrinsic.
fn events(log: &EventLog) -> Vec<ContractEvent> {
    let mut found = Vec::new();
    for event in log.iter() {
        let event = event.expect("the extrinsic's events decode");
        let emitted = event
            .as_event::<ContractEmitted<DefaultEnvironment>>()
            .expect("a ContractEmitted event decodes");
        if let Some(emitted) = emitted {
            found.push(ContractEvent {
                contract: AccountId32::new(*emitted.contract.as_ref()),
                topics: event.topics().iter().map(|t| t.0).collect(),
                data: emitted.data,
            });
        }
    }
    found
}

impl Backend for Node {
    fn name(&self) -> &'static str {
        "substrate-contracts-node"
    }

    fn account(&mut self, signer_name: &str) -> AccountId {
        AccountId::from(signer(signer_name).public_key().0)
    }

    fn upload(&mut self, bundle: &Bundle, signer_name: &str) -> Hash {
        let key = signer(signer_name);
        let (client, name) = (&mut self.client, bundle.name.as_str());
        let uploaded = self
            .runtime
            .block_on(async { client.upload(name, &key).submit().await })
            .unwrap_or_else(|e| panic!("uploading {name}: {e:?}"));
        uploaded.code_hash
    }

    fn instantiate(
        &mut self,
        bundle: &Rc<Bundle>,
        signer_name: &str,
        constructor: &str,
        args: Vec<u8>,
    ) -> Contract {
        let key = signer(signer_name);
        let mut create = build_create::<AnyContract>()
            .exec_input(
                ExecutionInput::new(Selector::new(bundle.constructor(constructor)))
                    .push_arg(Verbatim(args)),
            )
            .returns::<AnyContract>();
        let (client, name) = (&mut self.client, bundle.name.as_str());
        let made = self
            .runtime
            .block_on(async { client.instantiate(name, &key, &mut create).submit().await })
            .unwrap_or_else(|e| panic!("instantiating {name}: {e:?}"));
        Contract {
            address: AccountId32::new(*made.account_id.as_ref()),
            bundle: bundle.clone(),
        }
    }

    fn submit(
        &mut self,
        contract: &Contract,
        signer_name: &str,
        message_name: &str,
        args: Vec<u8>,
        value: Balance,
    ) -> Submitted {
        let key = signer(signer_name);
        let call = message(contract, message_name, args);
        let what = format!("{}::{message_name}", contract.bundle.name);
        // A reverted dry run would revert on chain too: report it without submitting.
        let (output, reverted) = self.dry_run(&key, &call, value, &what);
        if reverted {
            return Submitted {
                output,
                reverted,
                events: Vec::new(),
            };
        }
        let client = &mut self.client;
        let done = self.runtime.block_on(async {
            // The dry run's gas with a 20% margin.
            client
                .call(&key, &call)
                .value(value)
                .extra_gas_portion(20)
                .submit()
                .await
                .unwrap_or_else(|e| panic!("{what} failed on chain: {e:?}"))
        });
        Submitted {
            output,
            reverted,
            events: events(&done.events),
        }
    }

    fn read(&mut self, contract: &Contract, message_name: &str, args: Vec<u8>) -> Vec<u8> {
        let call = message(contract, message_name, args);
        let what = format!("{}::{message_name}", contract.bundle.name);
        self.dry_run(&ink_e2e::alice(), &call, 0, &what).0
    }

    fn advance(&mut self, blocks: u32) {
        let client = &mut self.client;
        self.runtime.block_on(async {
            for _ in 0..blocks {
                // The dev node seals one block per transaction: a remark makes one.
                client
                    .runtime_call(
                        &ink_e2e::alice(),
                        "System",
                        "remark",
                        vec![Value::from_bytes(b"usos")],
                    )
                    .await
                    .expect("a remark");
            }
        });
    }
}
