//! The membership core: all of membership's rules, in plain Rust over ink! storage cells.
//! No environment access here: the caller and the block number come in as arguments and the
//! events to emit go out as the return value, so the rules are tested on the host.

use crate::{
    errors::Error,
    events::*,
    types::{HouseholdInfo, Invitation, MemberInfo, StakeholderClass, INVITATION_LIFETIME},
};
use ink::{prelude::vec, prelude::vec::Vec, storage::Mapping};
use usos_primitives::{AccountId, Admin, BlockNumber, Checkpoints, HouseholdId};

pub type Events = Vec<MembershipEvent>;

/// A household is a family: capital iterates over one household's members, so it is bounded.
pub const MAX_HOUSEHOLD_SIZE: u32 = 16;
/// Contracts told of membership changes: capital and governance, with room to spare.
pub const MAX_LISTENERS: usize = 4;
/// Accounts one `admit_many` admits: what one proposal action's input holds with room to spare
/// (governance's `MAX_ACTION_INPUT`, 1,024 bytes; 33 bytes an entry and the length). One
/// proposal executes three such batches within a block, even behind capital's heaviest queued
/// reports (`admissions::three_batches_behind_the_heaviest_queued_reports_still_fit_one_block`).
pub const MAX_ADMIT_BATCH: usize = 30;

#[ink::storage_item]
#[derive(Debug)]
pub struct MembershipData {
    admin: Admin,
    /// Told of every membership and household change, in order (capital, governance).
    listeners: Vec<AccountId>,
    next_household: HouseholdId,
    members: Mapping<AccountId, MemberInfo>,
    households: Mapping<HouseholdId, HouseholdInfo>,
    /// `(household, invitee) -> the invitation`; consumed by `join_household`.
    invitations: Mapping<(HouseholdId, AccountId), Invitation>,
    membership: Checkpoints<AccountId, bool>,
    household_of: Checkpoints<AccountId, Option<HouseholdId>>,
    member_count: Checkpoints<(), u32>,
    /// Blocks between asking to leave a household and leaving it: the cooperative's longest
    /// voting window, so household status cannot be toggled around a snapshot.
    household_delay: BlockNumber,
    /// Members who asked to leave their household, and the block from which they may.
    leaving: Mapping<AccountId, BlockNumber>,
}

impl MembershipData {
    pub fn new(admin: AccountId) -> Self {
        Self {
            admin: Admin::new(admin),
            listeners: Vec::new(),
            next_household: 1,
            members: Mapping::default(),
            households: Mapping::default(),
            invitations: Mapping::default(),
            membership: Checkpoints::default(),
            household_of: Checkpoints::default(),
            member_count: Checkpoints::default(),
            household_delay: 0,
            leaving: Mapping::default(),
        }
    }

    /// Admin: the delay before a household exit takes effect (the longest voting window).
    pub fn set_household_delay(
        &mut self,
        caller: AccountId,
        delay: BlockNumber,
    ) -> Result<Events, Error> {
        self.ensure_admin(caller)?;
        self.household_delay = delay;
        Ok(vec![MembershipEvent::HouseholdDelayChanged(
            HouseholdDelayChanged { delay },
        )])
    }

    /// Admin (by proposal): puts `member` in `household`, or in a new household of its own
    /// (`None`), moving it out of any other at once. How the cooperative places a family that
    /// would rather not declare itself.
    pub fn place_in_household(
        &mut self,
        caller: AccountId,
        now: BlockNumber,
        member: AccountId,
        household: Option<HouseholdId>,
    ) -> Result<(HouseholdId, Events), Error> {
        self.ensure_admin(caller)?;
        if !self.members.contains(member) {
            return Err(Error::NotMember);
        }
        let current = self.household_of(member);
        if current.is_some() && current == household {
            return Err(Error::AlreadyInHousehold);
        }
        if let Some(h) = household {
            let info = self.households.get(h).ok_or(Error::UnknownHousehold)?;
            if info.members >= MAX_HOUSEHOLD_SIZE {
                return Err(Error::HouseholdFull);
            }
        }
        let mut events = Vec::new();
        if current.is_some() {
            events.push(self.exit_household(now, member)?);
        }
        let placed = match household {
            Some(h) => {
                let mut info = self.households.get(h).ok_or(Error::UnknownHousehold)?;
                info.members = info.members.checked_add(1).ok_or(Error::Overflow)?;
                self.households.insert(h, &info);
                self.household_of.push(&member, now, Some(h))?;
                events.push(MembershipEvent::HouseholdJoined(HouseholdJoined {
                    household: h,
                    member,
                }));
                h
            }
            None => {
                let (h, created) = self.found_household(now, member)?;
                events.extend(created);
                h
            }
        };
        Ok((placed, events))
    }

    // ----- admin -----

    pub fn ensure_admin(&self, caller: AccountId) -> Result<(), Error> {
        Ok(self.admin.ensure(caller)?)
    }

    pub fn set_admin(&mut self, caller: AccountId, new: AccountId) -> Result<Events, Error> {
        Ok(vec![MembershipEvent::AdminChanged(
            self.admin.hand_over(caller, new)?,
        )])
    }

    /// Admin: the contracts told of every membership and household change (capital,
    /// governance), at most `MAX_LISTENERS`.
    pub fn set_listeners(
        &mut self,
        caller: AccountId,
        listeners: Vec<AccountId>,
    ) -> Result<Events, Error> {
        self.ensure_admin(caller)?;
        if listeners.len() > MAX_LISTENERS {
            return Err(Error::TooManyListeners);
        }
        self.listeners = listeners.clone();
        Ok(vec![MembershipEvent::ListenersChanged(ListenersChanged {
            listeners,
        })])
    }

    pub fn admit(
        &mut self,
        caller: AccountId,
        now: BlockNumber,
        account: AccountId,
        class: StakeholderClass,
    ) -> Result<Events, Error> {
        self.ensure_admin(caller)?;
        if self.members.contains(account) {
            return Err(Error::AlreadyMember);
        }
        let count = self.member_count().checked_add(1).ok_or(Error::Overflow)?;
        self.members
            .insert(account, &MemberInfo { class, since: now });
        self.membership.push(&account, now, true)?;
        self.member_count.push(&(), now, count)?;
        Ok(vec![MembershipEvent::Admitted(Admitted {
            member: account,
            class,
            by: caller,
        })])
    }

    /// Admits each account of `entries` that is not a member yet, in order; a member (or an
    /// account listed twice) is skipped, so a proposal written before one of them joined still
    /// executes. One `Admitted` per account admitted.
    pub fn admit_many(
        &mut self,
        caller: AccountId,
        now: BlockNumber,
        entries: Vec<(AccountId, StakeholderClass)>,
    ) -> Result<Events, Error> {
        self.ensure_admin(caller)?;
        if entries.is_empty() {
            return Err(Error::EmptyBatch);
        }
        if entries.len() > MAX_ADMIT_BATCH {
            return Err(Error::BatchTooLarge);
        }
        let mut events = Vec::new();
        for (account, class) in entries {
            if !self.members.contains(account) {
                events.extend(self.admit(caller, now, account, class)?);
            }
        }
        Ok(events)
    }

    pub fn remove(
        &mut self,
        caller: AccountId,
        now: BlockNumber,
        account: AccountId,
    ) -> Result<Events, Error> {
        self.ensure_admin(caller)?;
        if !self.members.contains(account) {
            return Err(Error::NotMember);
        }
        let mut events = self.end_membership(now, account)?;
        events.push(MembershipEvent::Removed(Removed {
            member: account,
            by: caller,
        }));
        Ok(events)
    }

    pub fn set_class(
        &mut self,
        caller: AccountId,
        account: AccountId,
        class: StakeholderClass,
    ) -> Result<Events, Error> {
        self.ensure_admin(caller)?;
        let mut info = self.members.get(account).ok_or(Error::NotMember)?;
        info.class = class;
        self.members.insert(account, &info);
        Ok(vec![MembershipEvent::ClassChanged(ClassChanged {
            member: account,
            class,
        })])
    }

    // ----- members -----

    /// Self-exit: the caller's membership ends now (and with it its household membership).
    pub fn leave(&mut self, caller: AccountId, now: BlockNumber) -> Result<Events, Error> {
        self.ensure_caller_member(caller)?;
        let mut events = self.end_membership(now, caller)?;
        events.push(MembershipEvent::Left(Left { member: caller }));
        Ok(events)
    }

    pub fn create_household(
        &mut self,
        caller: AccountId,
        now: BlockNumber,
    ) -> Result<(HouseholdId, Events), Error> {
        self.ensure_caller_member(caller)?;
        if self.household_of(caller).is_some() {
            return Err(Error::AlreadyInHousehold);
        }
        self.found_household(now, caller)
    }

    fn found_household(
        &mut self,
        now: BlockNumber,
        founder: AccountId,
    ) -> Result<(HouseholdId, Events), Error> {
        let household = self.next_household;
        self.next_household = household.checked_add(1).ok_or(Error::Overflow)?;
        self.households.insert(
            household,
            &HouseholdInfo {
                founder,
                members: 1,
                created_at: now,
            },
        );
        self.household_of.push(&founder, now, Some(household))?;
        let event = MembershipEvent::HouseholdCreated(HouseholdCreated { household, founder });
        Ok((household, vec![event]))
    }

    /// A household member invites another member: the household's consent to a join.
    pub fn invite_to_household(
        &mut self,
        caller: AccountId,
        now: BlockNumber,
        invitee: AccountId,
    ) -> Result<Events, Error> {
        self.ensure_caller_member(caller)?;
        let household = self.household_of(caller).ok_or(Error::NotInHousehold)?;
        if !self.members.contains(invitee) {
            return Err(Error::NotMember);
        }
        if self.household_of(invitee) == Some(household) {
            return Err(Error::AlreadyInHousehold);
        }
        // A lapsed invitation (too old, or its inviter left) may be renewed.
        if let Some(old) = self.invitations.get((household, invitee)) {
            if self.invitation_valid(household, &old, now).is_ok() {
                return Err(Error::AlreadyInvited);
            }
        }
        let invitation = Invitation {
            at: now,
            by: caller,
        };
        self.invitations.insert((household, invitee), &invitation);
        Ok(vec![MembershipEvent::HouseholdInvited(HouseholdInvited {
            household,
            invitee,
            by: caller,
        })])
    }

    /// The invitee accepts: it joins the household and the invitation is used up.
    pub fn join_household(
        &mut self,
        caller: AccountId,
        now: BlockNumber,
        household: HouseholdId,
    ) -> Result<Events, Error> {
        self.ensure_caller_member(caller)?;
        if self.household_of(caller).is_some() {
            return Err(Error::AlreadyInHousehold);
        }
        let mut info = self
            .households
            .get(household)
            .ok_or(Error::UnknownHousehold)?;
        let invitation = self
            .invitations
            .get((household, caller))
            .ok_or(Error::NotInvited)?;
        self.invitation_valid(household, &invitation, now)?;
        if info.members >= MAX_HOUSEHOLD_SIZE {
            return Err(Error::HouseholdFull);
        }
        self.invitations.remove((household, caller));
        info.members = info.members.checked_add(1).ok_or(Error::Overflow)?;
        self.households.insert(household, &info);
        self.household_of.push(&caller, now, Some(household))?;
        Ok(vec![MembershipEvent::HouseholdJoined(HouseholdJoined {
            household,
            member: caller,
        })])
    }

    /// A member asks to leave its household: it leaves `household_delay` blocks later (at once
    /// when the delay is 0), when anyone completes the exit.
    pub fn leave_household(
        &mut self,
        caller: AccountId,
        now: BlockNumber,
    ) -> Result<Events, Error> {
        self.ensure_caller_member(caller)?;
        let household = self.household_of(caller).ok_or(Error::NotInHousehold)?;
        if self.leaving.contains(caller) {
            return Err(Error::AlreadyLeaving);
        }
        if self.household_delay == 0 {
            return Ok(vec![self.exit_household(now, caller)?]);
        }
        let effective_at = now
            .checked_add(self.household_delay)
            .ok_or(Error::Overflow)?;
        self.leaving.insert(caller, &effective_at);
        Ok(vec![MembershipEvent::HouseholdLeaving(HouseholdLeaving {
            household,
            member: caller,
            effective_at,
        })])
    }

    /// A household member asks that another member of its household leave it: the same
    /// delayed exit as `leave_household`, so nobody is kept in (or out of) a household by
    /// its other members around a snapshot.
    pub fn remove_from_household(
        &mut self,
        caller: AccountId,
        now: BlockNumber,
        member: AccountId,
    ) -> Result<Events, Error> {
        self.ensure_caller_member(caller)?;
        let household = self.household_of(caller).ok_or(Error::NotInHousehold)?;
        if self.household_of(member) != Some(household) {
            return Err(Error::NotInYourHousehold);
        }
        self.leave_household(member, now)
    }

    /// Anyone, once a requested household exit is due: `member` leaves its household.
    pub fn complete_household_exit(
        &mut self,
        now: BlockNumber,
        member: AccountId,
    ) -> Result<Events, Error> {
        let due = self.leaving.get(member).ok_or(Error::NotLeaving)?;
        if now < due {
            return Err(Error::ExitNotDue);
        }
        Ok(vec![self.exit_household(now, member)?])
    }

    /// When `member`'s requested household exit takes effect, if it asked.
    pub fn leaving_at(&self, member: AccountId) -> Option<BlockNumber> {
        self.leaving.get(member)
    }

    pub fn household_delay(&self) -> BlockNumber {
        self.household_delay
    }

    // ----- queries -----

    pub fn admin(&self) -> AccountId {
        self.admin.account()
    }

    pub fn listeners(&self) -> Vec<AccountId> {
        self.listeners.clone()
    }

    pub fn member(&self, account: AccountId) -> Option<MemberInfo> {
        self.members.get(account)
    }

    pub fn is_member(&self, account: AccountId) -> bool {
        self.members.contains(account)
    }

    pub fn member_count(&self) -> u32 {
        self.member_count.latest(&()).unwrap_or(0)
    }

    pub fn household_of(&self, account: AccountId) -> Option<HouseholdId> {
        self.household_of.latest(&account).flatten()
    }

    pub fn household(&self, household: HouseholdId) -> Option<HouseholdInfo> {
        self.households.get(household)
    }

    /// Whether `account` may join `household` at `now` on an invitation: one that has not
    /// lapsed and whose inviter is still in the household.
    pub fn has_invitation(
        &self,
        household: HouseholdId,
        account: AccountId,
        now: BlockNumber,
    ) -> bool {
        self.invitations
            .get((household, account))
            .is_some_and(|i| self.invitation_valid(household, &i, now).is_ok())
    }

    pub fn is_member_at(&self, account: AccountId, block: BlockNumber) -> bool {
        self.membership.value_at(&account, block).unwrap_or(false)
    }

    pub fn member_count_at(&self, block: BlockNumber) -> u32 {
        self.member_count.value_at(&(), block).unwrap_or(0)
    }

    pub fn household_of_at(&self, account: AccountId, block: BlockNumber) -> Option<HouseholdId> {
        self.household_of.value_at(&account, block).flatten()
    }

    // ----- internals -----

    fn ensure_caller_member(&self, caller: AccountId) -> Result<(), Error> {
        if self.members.contains(caller) {
            Ok(())
        } else {
            Err(Error::CallerNotMember)
        }
    }

    /// An invitation holds while it is younger than `INVITATION_LIFETIME` and its inviter is
    /// still in the household.
    fn invitation_valid(
        &self,
        household: HouseholdId,
        invitation: &Invitation,
        now: BlockNumber,
    ) -> Result<(), Error> {
        if now >= invitation.at.saturating_add(INVITATION_LIFETIME) {
            return Err(Error::InvitationExpired);
        }
        if self.household_of(invitation.by) != Some(household) {
            return Err(Error::InviterLeft);
        }
        Ok(())
    }

    fn exit_household(
        &mut self,
        now: BlockNumber,
        member: AccountId,
    ) -> Result<MembershipEvent, Error> {
        let household = self.household_of(member).ok_or(Error::NotInHousehold)?;
        let mut info = self
            .households
            .get(household)
            .ok_or(Error::UnknownHousehold)?;
        info.members = info.members.checked_sub(1).ok_or(Error::Overflow)?;
        self.households.insert(household, &info);
        self.household_of.push(&member, now, None)?;
        self.leaving.remove(member);
        Ok(MembershipEvent::HouseholdLeft(HouseholdLeft {
            household,
            member,
        }))
    }

    fn end_membership(&mut self, now: BlockNumber, account: AccountId) -> Result<Events, Error> {
        let mut events = Vec::new();
        if self.household_of(account).is_some() {
            events.push(self.exit_household(now, account)?);
        }
        let count = self.member_count().checked_sub(1).ok_or(Error::Overflow)?;
        self.members.remove(account);
        self.membership.push(&account, now, false)?;
        self.member_count.push(&(), now, count)?;
        Ok(events)
    }
}
