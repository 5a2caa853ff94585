use crate::types::Part;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum Error {
    /// Only the factory's owner sets the code hashes or hands the factory over (and, once it
    /// is renounced, nobody).
    NotOwner,
    /// An empty (or blank) name, or one longer than `MAX_NAME_LEN` bytes.
    InvalidName,
    /// No founder, or more than `MAX_FOUNDERS`, or one named twice.
    InvalidFounders,
    /// More than `MAX_FOUNDING_CATEGORIES`, a holder who is not a founder, or more than
    /// `MAX_CARRIES` calls for one category.
    InvalidCategories,
    /// A founding category would carry a call that belongs to the constitution (upgrades,
    /// admins, wiring, caps, locks, recorders, categories, governance itself).
    ReservedForConstitution,
    /// The constitution's approval, quorum or timelock is laxer than the defaults'.
    LaxConstitution,
    /// A governance parameter governance would refuse: out of the bounds that keep every
    /// category able to decide (see `governance::Param`).
    OutOfBounds(governance::Param),
    /// A contract could not be instantiated (unknown code hash, refused parameters).
    InstantiationFailed(Part),
    /// A set-up call on a new contract was refused (e.g. invalid category rules).
    SetupFailed(Part),
    Overflow,
    /// The factory's codes are not the ones the creator expected (`create_cooperative`'s
    /// `codes`): the owner changed them since the creator read them.
    UnexpectedCodes,
}
