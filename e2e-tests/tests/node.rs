//! The shared cooperative scenario on a real substrate-contracts-node, through ink_e2e's node
//! client (feature `node`; `scripts/node-test.sh` runs it). The sandbox runs the same scenario
//! in `tests/scenario.rs`.
#![cfg(feature = "node")]

use usos_e2e_tests::{
    node::Node,
    scenario::{check, cooperative_life},
};

#[test]
fn a_cooperatives_life_on_a_real_node() {
    let mut node = Node::start();
    println!("node at {}", node.url);
    let life = cooperative_life(&mut node);
    check(&life);
}
