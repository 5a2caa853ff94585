//! Bytes that are already SCALE-encoded: a proposal action's arguments and its callee's answer,
//! a history cell, a test's pre-encoded call. Encoded as they are; decoded as everything the
//! input holds.

use ink::prelude::vec::Vec;
use scale::{Decode, Encode, Input, Output};

// Described to metadata as its bytes (only governance's front takes it as an argument).
#[derive(Debug, Clone, Default, PartialEq, Eq, scale_info::TypeInfo)]
pub struct Verbatim(pub Vec<u8>);

/// A borrowed [`Verbatim`], to encode without copying.
#[derive(Debug, Clone, Copy)]
pub struct VerbatimRef<'a>(pub &'a [u8]);

impl Encode for VerbatimRef<'_> {
    fn size_hint(&self) -> usize {
        self.0.len()
    }
    fn encode_to<O: Output + ?Sized>(&self, dest: &mut O) {
        dest.write(self.0);
    }
}

impl Encode for Verbatim {
    fn size_hint(&self) -> usize {
        self.0.len()
    }
    fn encode_to<O: Output + ?Sized>(&self, dest: &mut O) {
        dest.write(&self.0);
    }
}

impl Decode for Verbatim {
    fn decode<I: Input>(input: &mut I) -> Result<Self, scale::Error> {
        let mut bytes = Vec::new();
        match input.remaining_len()? {
            Some(len) => {
                bytes.resize(len, 0);
                input.read(&mut bytes)?;
            }
            // An input that cannot tell its length: read it to the end.
            None => {
                while let Ok(byte) = input.read_byte() {
                    bytes.push(byte);
                }
            }
        }
        Ok(Verbatim(bytes))
    }
}
