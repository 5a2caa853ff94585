//! The shared cooperative scenario (`usos_e2e_tests::scenario`) on the sandbox runtime; the
//! node test (`tests/node.rs`) runs the same scenario on substrate-contracts-node.

use usos_e2e_tests::{
    scenario::{check, cooperative_life},
    Chain,
};

#[test]
fn a_cooperatives_life_on_the_sandbox() {
    let mut chain = Chain::new();
    let life = cooperative_life(&mut chain);
    check(&life);
}
