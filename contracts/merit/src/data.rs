//! The merit core: categories, swarm nominations and attestations, credentials and their
//! history. Plain Rust over ink! storage cells: the caller, the block and the caller's and
//! nominee's membership (asked of `membership` by the shell) come in as arguments, events go
//! out. When a nomination is decided is [`decision`]'s pure rule.

use crate::{
    decision::{self, Count, Rule, Verdict},
    errors::Error,
    events::*,
    tally::{ExpiringTally, Tally, NEVER},
    types::*,
};
use ink::{
    prelude::{string::String, vec, vec::Vec},
    storage::Mapping,
};
use usos_primitives::{AccountId, Admin, BlockNumber, CategoryId, Checkpoints, Hash};

pub type Events = Vec<MeritEvent>;

/// A member's merit in a category from a block on: `points` until `ends_at` (exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct MeritPoint {
    pub points: Points,
    pub ends_at: u64,
}

#[ink::storage_item]
#[derive(Debug)]
pub struct MeritData {
    admin: Admin,
    next_category: CategoryId,
    next_nomination: NominationId,
    categories: Mapping<CategoryId, Category>,
    /// The member's latest credential per category (it may have expired since).
    live: Mapping<(AccountId, CategoryId), Credential>,
    history: Checkpoints<(AccountId, CategoryId), MeritPoint>,
    tally: ExpiringTally,
    nominations: Mapping<NominationId, Nomination>,
    /// `(nomination, attester) -> approve`.
    attestations: Mapping<(NominationId, AccountId), bool>,
    /// The categories in which a member has a credential in `live` (at most `MAX_HELD`): what
    /// its exit ends.
    held: Mapping<AccountId, Vec<CategoryId>>,
    /// Whose credential each tally entry is, so a sweep can note it.
    owners: Mapping<(CategoryId, u32), AccountId>,
    /// Per category, the first tally entry a sweep has not passed yet.
    swept: Mapping<CategoryId, u32>,
}

impl MeritData {
    pub fn new(admin: AccountId) -> Self {
        Self {
            admin: Admin::new(admin),
            next_category: 1,
            next_nomination: 1,
            categories: Mapping::default(),
            live: Mapping::default(),
            history: Checkpoints::default(),
            tally: ExpiringTally::default(),
            nominations: Mapping::default(),
            attestations: Mapping::default(),
            held: Mapping::default(),
            owners: Mapping::default(),
            swept: Mapping::default(),
        }
    }

    // ----- admin -----

    pub fn ensure_admin(&self, caller: AccountId) -> Result<(), Error> {
        Ok(self.admin.ensure(caller)?)
    }

    pub fn set_admin(&mut self, caller: AccountId, new: AccountId) -> Result<Events, Error> {
        Ok(vec![MeritEvent::AdminChanged(
            self.admin.hand_over(caller, new)?,
        )])
    }

    pub fn create_category(
        &mut self,
        caller: AccountId,
        name: String,
        rules: CategoryRules,
    ) -> Result<(CategoryId, Events), Error> {
        self.ensure_admin(caller)?;
        if name.trim_ascii().is_empty() {
            return Err(Error::EmptyName);
        }
        if name.len() > MAX_NAME_LEN {
            return Err(Error::NameTooLong);
        }
        validate(&rules)?;
        let category = self.next_category;
        self.next_category = category.checked_add(1).ok_or(Error::Overflow)?;
        self.categories.insert(
            category,
            &Category {
                name: name.clone(),
                rules,
            },
        );
        let event = MeritEvent::CategoryCreated(CategoryCreated { category, name });
        Ok((category, vec![event]))
    }

    pub fn set_rules(
        &mut self,
        caller: AccountId,
        category: CategoryId,
        rules: CategoryRules,
    ) -> Result<Events, Error> {
        self.ensure_admin(caller)?;
        let mut current = self
            .categories
            .get(category)
            .ok_or(Error::UnknownCategory)?;
        validate(&rules)?;
        let shortened = match (current.rules.lifetime, rules.lifetime) {
            (None, Some(_)) => true,
            (Some(old), Some(new)) => new < old,
            _ => false,
        };
        if shortened {
            return Err(Error::LifetimeShortened);
        }
        current.rules = rules;
        self.categories.insert(category, &current);
        Ok(vec![MeritEvent::RulesChanged(RulesChanged { category })])
    }

    /// Admin grant: how a category gets its first holders, or a governance decision.
    #[allow(clippy::too_many_arguments)]
    pub fn grant(
        &mut self,
        caller: AccountId,
        now: BlockNumber,
        member_is_member: bool,
        member: AccountId,
        category: CategoryId,
        level: Level,
        evidence: Hash,
    ) -> Result<Events, Error> {
        self.ensure_admin(caller)?;
        let rules = self.category(category).ok_or(Error::UnknownCategory)?.rules;
        if !member_is_member {
            return Err(Error::NomineeNotMember);
        }
        let points = level_points(&rules, level)?;
        self.issue(now, member, category, level, points, evidence, None)
    }

    /// Admin revocation (a governance decision).
    pub fn revoke(
        &mut self,
        caller: AccountId,
        now: BlockNumber,
        member: AccountId,
        category: CategoryId,
    ) -> Result<Events, Error> {
        self.ensure_admin(caller)?;
        let credential = self
            .credential_at_now(member, category, now)
            .ok_or(Error::NoCredential)?;
        self.end(now, member, category, credential, None)
    }

    // ----- the swarm -----

    /// A member nominates a member (itself included) for a credential, or for revocation.
    #[allow(clippy::too_many_arguments)]
    pub fn nominate(
        &mut self,
        caller: AccountId,
        now: BlockNumber,
        caller_is_member: bool,
        nominee_is_member: bool,
        nominee: AccountId,
        category: CategoryId,
        kind: NominationKind,
        evidence: Hash,
    ) -> Result<(NominationId, Events), Error> {
        if !caller_is_member {
            return Err(Error::CallerNotMember);
        }
        let rules = self.category(category).ok_or(Error::UnknownCategory)?.rules;
        match kind {
            NominationKind::Issue(level) => {
                if !nominee_is_member {
                    return Err(Error::NomineeNotMember);
                }
                level_points(&rules, level)?;
            }
            NominationKind::Revoke => {
                self.credential_at_now(nominee, category, now)
                    .ok_or(Error::NoCredential)?;
            }
        }
        let holders = self.tally.at(category, now).holders;
        if holders == 0 {
            return Err(Error::NoHolders);
        }
        let required = required_approvals(&rules, holders)?;
        // The nominee holds at most one of the live credentials, and may not attest.
        let nominee_holds = self.credential_at_now(nominee, category, now).is_some();
        let electorate = holders.saturating_sub(u32::from(nominee_holds));
        if electorate < required {
            return Err(Error::TooFewHolders);
        }
        let issued_before = self.tally.len(category);
        let closes_at = now.checked_add(rules.window).ok_or(Error::Overflow)?;
        let nomination = self.next_nomination;
        self.next_nomination = nomination.checked_add(1).ok_or(Error::Overflow)?;
        self.nominations.insert(
            nomination,
            &Nomination {
                kind,
                nominee,
                category,
                evidence,
                nominated_by: caller,
                nominated_at: now,
                closes_at,
                electorate,
                issued_before,
                required,
                revoke_majority: rules.revoke_majority,
                approvals: 0,
                rejections: 0,
                status: NominationStatus::Open,
            },
        );
        let event = MeritEvent::Nominated(Nominated {
            nomination,
            nominee,
            category,
            kind,
            by: caller,
            evidence,
            required,
            electorate,
            closes_at,
        });
        Ok((nomination, vec![event]))
    }

    /// A holder approves or rejects: a member other than the nominee, once, whose live
    /// credential in the category was issued before the nomination and, for `Issue(level)`,
    /// is of that level or higher. The nomination is decided by this attestation only if no
    /// way the rest of the electorate could attest would change the outcome ([`decision::early`]):
    /// approval issues (or revokes) at once, rejection closes it. A nominee who left the
    /// cooperative in the meantime gets nothing (`NomineeLeft`).
    #[allow(clippy::too_many_arguments)]
    pub fn attest(
        &mut self,
        caller: AccountId,
        now: BlockNumber,
        caller_is_member: bool,
        nominee_is_member: bool,
        nomination: NominationId,
        approve: bool,
    ) -> Result<Events, Error> {
        let mut n = self
            .nominations
            .get(nomination)
            .ok_or(Error::UnknownNomination)?;
        if n.status != NominationStatus::Open {
            return Err(Error::NominationClosed);
        }
        if now >= n.closes_at {
            return Err(Error::WindowClosed);
        }
        if !caller_is_member {
            return Err(Error::CallerNotMember);
        }
        if caller == n.nominee {
            return Err(Error::SelfAttestation);
        }
        let credential = self
            .credential_at_now(caller, n.category, now)
            .ok_or(Error::NotHolder)?;
        // Entries are appended in issue order: a lower index was issued before the nomination.
        if credential.tally_index >= n.issued_before {
            return Err(Error::NotHeldAtNomination);
        }
        if let NominationKind::Issue(level) = n.kind {
            if credential.level < level {
                return Err(Error::LevelTooLow);
            }
        }
        if self.attestations.contains((nomination, caller)) {
            return Err(Error::AlreadyAttested);
        }
        self.attestations.insert((nomination, caller), &approve);
        let mut events = vec![MeritEvent::Attested(Attested {
            nomination,
            attester: caller,
            approve,
        })];
        if approve {
            n.approvals = n.approvals.checked_add(1).ok_or(Error::Overflow)?;
        } else {
            n.rejections = n.rejections.checked_add(1).ok_or(Error::Overflow)?;
        }
        if let Some(verdict) = decision::early(rule(&n), count(&n)) {
            events.extend(self.decide(now, nominee_is_member, nomination, &mut n, verdict)?);
        }
        self.nominations.insert(nomination, &n);
        Ok(events)
    }

    /// After the window, anyone decides a nomination still open, on its counts
    /// ([`decision::at_close`]): it passes (issued or revoked; `NomineeLeft` if an `Issue`'s
    /// nominee is no longer a member), is `Rejected`, or `Expired` for want of attestations.
    pub fn finalise(
        &mut self,
        now: BlockNumber,
        nominee_is_member: bool,
        nomination: NominationId,
    ) -> Result<Events, Error> {
        let mut n = self
            .nominations
            .get(nomination)
            .ok_or(Error::UnknownNomination)?;
        if n.status != NominationStatus::Open {
            return Err(Error::NominationClosed);
        }
        if now < n.closes_at {
            return Err(Error::WindowOpen);
        }
        let verdict = decision::at_close(rule(&n), count(&n));
        let events = self.decide(now, nominee_is_member, nomination, &mut n, verdict)?;
        self.nominations.insert(nomination, &n);
        Ok(events)
    }

    /// Carries out a verdict: sets the status and issues or revokes on approval.
    fn decide(
        &mut self,
        now: BlockNumber,
        nominee_is_member: bool,
        id: NominationId,
        n: &mut Nomination,
        verdict: Verdict,
    ) -> Result<Events, Error> {
        let issues = matches!(n.kind, NominationKind::Issue(_));
        let (status, rejected) = match verdict {
            Verdict::Approved if issues && !nominee_is_member => {
                (NominationStatus::NomineeLeft, false)
            }
            Verdict::Approved => {
                n.status = NominationStatus::Approved;
                match self.execute(now, id, n) {
                    // Permanent: closing beats a nomination nobody can ever finish.
                    Err(Error::InvalidLevel | Error::TooManyCredentials) => {
                        (NominationStatus::Expired, false)
                    }
                    done => return done,
                }
            }
            Verdict::Rejected => (NominationStatus::Rejected, true),
            Verdict::Expired => (NominationStatus::Expired, false),
        };
        n.status = status;
        Ok(vec![MeritEvent::NominationFailed(NominationFailed {
            nomination: id,
            rejected,
        })])
    }

    /// Anyone notes an expired credential: frees its slot and emits `CredentialExpired`.
    /// Totals and history already stopped counting it at its expiry block.
    pub fn note_expiry(
        &mut self,
        now: BlockNumber,
        member: AccountId,
        category: CategoryId,
    ) -> Result<Events, Error> {
        let credential = self
            .live
            .get((member, category))
            .ok_or(Error::NoCredential)?;
        let expired_at = credential
            .expires_at
            .filter(|at| now >= *at)
            .ok_or(Error::NotExpired)?;
        Ok(vec![self.forget(member, category, expired_at)])
    }

    /// Notes, in expiry order, the credentials of `category` that have expired by `now`,
    /// examining at most `limit` (capped at `MAX_SWEEP`) of them; each is noted once, as by
    /// `note_expiry`. Returns whether none that has expired is left unnoted. Anyone may call
    /// it; governance runs one before every proposal in the category.
    pub fn sweep(
        &mut self,
        now: BlockNumber,
        category: CategoryId,
        limit: u32,
    ) -> Result<(bool, Events), Error> {
        let mut index = self.swept.get(category).unwrap_or(0);
        let mut events = Vec::new();
        let mut examined: u32 = 0;
        while examined < limit.min(MAX_SWEEP) && self.due(category, index, now) {
            examined = examined.saturating_add(1);
            // Still that member's credential? (Revoked, superseded or noted ones are not.)
            if let Some(member) = self.owners.get((category, index)) {
                let current = self.live.get((member, category));
                if let Some(credential) = current.filter(|c| c.tally_index == index) {
                    let expired_at = credential.expires_at.unwrap_or(now);
                    events.push(self.forget(member, category, expired_at));
                }
            }
            index = index.saturating_add(1);
        }
        self.swept.insert(category, &index);
        Ok((!self.due(category, index, now), events))
    }

    /// Whether tally entry `index` of `category` has reached its expiry by `now`.
    fn due(&self, category: CategoryId, index: u32, now: BlockNumber) -> bool {
        self.tally
            .ends_at(category, index)
            .is_some_and(|end| end <= u64::from(now))
    }

    /// The cooperative's membership reports an exit: every credential the member holds ends
    /// now, in every category (at most `MAX_HELD`), so a former member holds nothing and a
    /// re-admitted one starts afresh.
    pub fn member_left(&mut self, now: BlockNumber, member: AccountId) -> Result<Events, Error> {
        let mut events = Vec::new();
        for category in self.held.get(member).unwrap_or_default() {
            let Some(credential) = self.live.get((member, category)) else {
                continue;
            };
            if credential.expires_at.is_some_and(|at| now >= at) {
                // Expired already: merit stopped counting it; governance hears it now.
                events.push(self.forget(member, category, credential.expires_at.unwrap_or(now)));
                continue;
            }
            self.end(now, member, category, credential, None)?;
            events.push(MeritEvent::CredentialLapsed(CredentialLapsed {
                member,
                category,
            }));
        }
        self.held.remove(member);
        Ok(events)
    }

    // ----- queries -----

    pub fn admin(&self) -> AccountId {
        self.admin.account()
    }

    pub fn category(&self, category: CategoryId) -> Option<Category> {
        self.categories.get(category)
    }

    pub fn nomination(&self, nomination: NominationId) -> Option<Nomination> {
        self.nominations.get(nomination)
    }

    pub fn attestation(&self, nomination: NominationId, attester: AccountId) -> Option<bool> {
        self.attestations.get((nomination, attester))
    }

    /// The member's credential in `category` if it is live at `now`.
    pub fn credential_at_now(
        &self,
        member: AccountId,
        category: CategoryId,
        now: BlockNumber,
    ) -> Option<Credential> {
        self.live
            .get((member, category))
            .filter(|c| c.expires_at.is_none_or(|at| now < at))
    }

    pub fn merit_at(&self, member: AccountId, category: CategoryId, block: BlockNumber) -> Points {
        self.history
            .value_at(&(member, category), block)
            .filter(|m| u64::from(block) < m.ends_at)
            .map_or(0, |m| m.points)
    }

    pub fn category_total_at(&self, category: CategoryId, block: BlockNumber) -> u128 {
        self.tally.at(category, block).points
    }

    pub fn holders_at(&self, category: CategoryId, block: BlockNumber) -> u32 {
        self.tally.at(category, block).holders
    }

    pub fn tally_at(&self, category: CategoryId, block: BlockNumber) -> Tally {
        self.tally.at(category, block)
    }

    // ----- internals -----

    fn execute(
        &mut self,
        now: BlockNumber,
        id: NominationId,
        n: &Nomination,
    ) -> Result<Events, Error> {
        match n.kind {
            NominationKind::Issue(level) => {
                let rules = self
                    .category(n.category)
                    .ok_or(Error::UnknownCategory)?
                    .rules;
                // Points follow the rules in force at issuance; a level removed since is refused.
                let points = level_points(&rules, level)?;
                self.issue(
                    now,
                    n.nominee,
                    n.category,
                    level,
                    points,
                    n.evidence,
                    Some(id),
                )
            }
            NominationKind::Revoke => match self.credential_at_now(n.nominee, n.category, now) {
                Some(credential) => self.end(now, n.nominee, n.category, credential, Some(id)),
                // Already expired or revoked: nothing left to do.
                None => Ok(Vec::new()),
            },
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn issue(
        &mut self,
        now: BlockNumber,
        member: AccountId,
        category: CategoryId,
        level: Level,
        points: Points,
        evidence: Hash,
        nomination: Option<NominationId>,
    ) -> Result<Events, Error> {
        let rules = self.category(category).ok_or(Error::UnknownCategory)?.rules;
        let mut held = self.held.get(member).unwrap_or_default();
        if !held.contains(&category) {
            if held.len() >= MAX_HELD {
                return Err(Error::TooManyCredentials);
            }
            held.push(category);
            self.held.insert(member, &held);
        }
        // A new credential supersedes the live one: it stops counting now.
        if let Some(previous) = self.credential_at_now(member, category, now) {
            self.tally.cancel(category, now, previous.tally_index)?;
        }
        let expires_at = match rules.lifetime {
            Some(lifetime) => Some(now.checked_add(lifetime).ok_or(Error::Overflow)?),
            None => None,
        };
        let ends_at = expires_at.map_or(NEVER, u64::from);
        let tally_index = self.tally.add(category, now, points, ends_at)?;
        self.owners.insert((category, tally_index), &member);
        self.live.insert(
            (member, category),
            &Credential {
                level,
                points,
                evidence,
                issued_at: now,
                expires_at,
                tally_index,
            },
        );
        self.history
            .push(&(member, category), now, MeritPoint { points, ends_at })?;
        Ok(vec![MeritEvent::CredentialIssued(CredentialIssued {
            member,
            category,
            level,
            points,
            expires_at,
            nomination,
        })])
    }

    fn end(
        &mut self,
        now: BlockNumber,
        member: AccountId,
        category: CategoryId,
        credential: Credential,
        nomination: Option<NominationId>,
    ) -> Result<Events, Error> {
        self.tally.cancel(category, now, credential.tally_index)?;
        self.live.remove((member, category));
        self.unhold(member, category);
        self.history.push(
            &(member, category),
            now,
            MeritPoint {
                points: 0,
                ends_at: NEVER,
            },
        )?;
        Ok(vec![MeritEvent::CredentialRevoked(CredentialRevoked {
            member,
            category,
            nomination,
        })])
    }
}

impl MeritData {
    /// Frees the slot of an expired credential (it stopped counting at `expired_at`).
    fn forget(
        &mut self,
        member: AccountId,
        category: CategoryId,
        expired_at: BlockNumber,
    ) -> MeritEvent {
        self.live.remove((member, category));
        self.unhold(member, category);
        MeritEvent::CredentialExpired(CredentialExpired {
            member,
            category,
            expired_at,
        })
    }

    fn unhold(&mut self, member: AccountId, category: CategoryId) {
        let mut held = self.held.get(member).unwrap_or_default();
        held.retain(|c| *c != category);
        if held.is_empty() {
            self.held.remove(member);
        } else {
            self.held.insert(member, &held);
        }
    }
}

fn validate(rules: &CategoryRules) -> Result<(), Error> {
    let levels_ok = !rules.level_points.is_empty()
        && rules.level_points.len() <= MAX_LEVELS
        && rules.level_points.iter().all(|p| *p > 0);
    // More than half of those attesting, at most all of them (`BasisPoints` caps it).
    let majority_ok = rules.revoke_majority.get() > 5_000;
    if !levels_ok
        || !majority_ok
        || rules.min_attestations == 0
        || rules.window == 0
        || rules.lifetime == Some(0)
    {
        return Err(Error::InvalidRules);
    }
    Ok(())
}

fn level_points(rules: &CategoryRules, level: Level) -> Result<Points, Error> {
    usize::from(level)
        .checked_sub(1)
        .and_then(|i| rules.level_points.get(i))
        .copied()
        .ok_or(Error::InvalidLevel)
}

/// `max(min_attestations, ceil(min_holder_share * holders))`.
fn required_approvals(rules: &CategoryRules, holders: u32) -> Result<u32, Error> {
    let bps = u64::from(rules.min_holder_share.get());
    let share = u64::from(holders)
        .checked_mul(bps)
        .and_then(|x| x.checked_add(9_999))
        .map(|x| x / 10_000)
        .ok_or(Error::Overflow)?;
    let share = u32::try_from(share).map_err(|_| Error::Overflow)?;
    Ok(share.max(rules.min_attestations))
}

/// What the nomination needs to pass, as fixed when it was made.
fn rule(n: &Nomination) -> Rule {
    match n.kind {
        NominationKind::Issue(_) => Rule::Issue {
            required: n.required,
        },
        NominationKind::Revoke => Rule::Revoke {
            required: n.required,
            majority: n.revoke_majority,
        },
    }
}

fn count(n: &Nomination) -> Count {
    Count {
        electorate: n.electorate,
        approvals: n.approvals,
        rejections: n.rejections,
    }
}
