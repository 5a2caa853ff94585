//! The capital core: stakes, what membership reports, the capping candidates and the
//! checkpointed rate. Plain Rust over ink! storage cells; caller and block come in as arguments.
//!
//! After every change the core re-solves the global rate `λ` over the *candidates* only: the
//! units read best-first from two heaps (largest member stake per unit, largest household
//! total) for as long as the next one would reach a cap at the current `λ`; everyone else is
//! passed to [`solve`] as linear stake. Since a capped unit holds at least the individual cap
//! (>= 1%), at most 100 units are ever read. When the caps cannot fill the pool, every staking
//! unit ends up a candidate (a linear rest, never capped, would let `λ` fill the pool and bring
//! one more unit to a cap), and [`solve`] returns the proportional rate `1 / pool`; there are
//! then fewer than `1/c <= 100` staking units, so still at most 100 units are read.
//!
//! The rule in plain words: when the caps can fill the pool, exact waterfilling; when they
//! cannot, plain proportional shares, and what the caps cut stays unallocated (governance
//! passes that part of capital's weight to the other pools). Members reaching `c` are reported
//! fixed at `c`, members of full households at `min(c, μ_h·raw)`, everyone else plainly at
//! `floor(λ·raw)`. The households that are full get their own rate `μ_h`, checkpointed, so
//! `share_at` is a few O(log n) look-ups for any past block.

use crate::{
    errors::Error,
    events::*,
    heap::MaxHeap,
    report::{FixedUnit, Reports, EXAMINED_PER_CALL, TOLD_PER_CALL},
    types::*,
    waterfill::{household_rate, solve, Caps, Rate, Unit},
};
use ink::{
    prelude::{vec, vec::Vec},
    storage::Mapping,
};
use usos_primitives::{
    traits::MemberChange, AccountId, Admin, BlockNumber, CapitalInput, Checkpoints, Hash,
    HouseholdId, Share,
};

pub type Events = Vec<CapitalEvent>;

/// membership's bound on a household.
pub const MAX_HOUSEHOLD: usize = 16;

#[ink::storage_item]
#[derive(Debug)]
pub struct CapitalData {
    admin: Admin,
    membership: AccountId,
    lock_blocks: BlockNumber,
    caps_now: CapsBps,
    /// Households full now (their members use the household's own rate).
    full: Vec<HouseholdId>,
    /// What governance was told, and the units it may have to be told of again.
    reports: Reports,
    recorders: Mapping<AccountId, Recorder>,
    stakes: Mapping<AccountId, Stake>,
    status: Mapping<AccountId, Status>,
    household_members: Mapping<HouseholdId, Vec<AccountId>>,
    caps: Checkpoints<(), CapsBps>,
    rate: Checkpoints<(), Rate>,
    pool: Checkpoints<(), Balance>,
    /// Raw stake that counts: the stake of a member, 0 for anyone else.
    counted: Checkpoints<AccountId, Balance>,
    household_at: Checkpoints<AccountId, Option<HouseholdId>>,
    household_rate: Checkpoints<HouseholdId, Option<Rate>>,
    /// Units by their largest member stake (a member outside households is its own unit).
    by_member: MaxHeap<UnitId>,
    /// Households by their total stake (one heap type for both: the code is compiled once).
    by_household: MaxHeap<UnitId>,
}

fn caps_share(caps: CapsBps) -> Caps {
    Caps {
        individual: caps.individual.to_share(),
        household: caps.household.to_share(),
    }
}

impl CapitalData {
    pub fn new(admin: AccountId, membership: AccountId, now: BlockNumber) -> Result<Self, Error> {
        let mut data = Self {
            admin: Admin::new(admin),
            membership,
            lock_blocks: 0,
            caps_now: CapsBps::defaults(),
            full: Vec::new(),
            reports: Reports::default(),
            recorders: Mapping::default(),
            stakes: Mapping::default(),
            status: Mapping::default(),
            household_members: Mapping::default(),
            caps: Checkpoints::default(),
            rate: Checkpoints::default(),
            pool: Checkpoints::default(),
            counted: Checkpoints::default(),
            household_at: Checkpoints::default(),
            household_rate: Checkpoints::default(),
            by_member: MaxHeap::default(),
            by_household: MaxHeap::default(),
        };
        data.caps.push(&(), now, CapsBps::defaults())?;
        Ok(data)
    }

    // ----- admin -----

    pub fn ensure_admin(&self, caller: AccountId) -> Result<(), Error> {
        Ok(self.admin.ensure(caller)?)
    }

    pub fn set_admin(&mut self, caller: AccountId, new: AccountId) -> Result<Events, Error> {
        Ok(vec![CapitalEvent::AdminChanged(
            self.admin.hand_over(caller, new)?,
        )])
    }

    pub fn set_caps(
        &mut self,
        caller: AccountId,
        now: BlockNumber,
        caps: CapsBps,
    ) -> Result<Events, Error> {
        self.ensure_admin(caller)?;
        if !caps.is_valid() {
            return Err(Error::InvalidCaps);
        }
        self.caps_now = caps;
        self.caps.push(&(), now, caps)?;
        let report = self.refresh(now, &[], None, true)?;
        Ok(vec![
            CapitalEvent::CapsChanged(CapsChanged { caps }),
            CapitalEvent::Report(report),
        ])
    }

    pub fn set_lock(
        &mut self,
        caller: AccountId,
        lock_blocks: BlockNumber,
    ) -> Result<Events, Error> {
        self.ensure_admin(caller)?;
        self.lock_blocks = lock_blocks;
        Ok(vec![CapitalEvent::LockChanged(LockChanged { lock_blocks })])
    }

    /// Admin: `recorder` may record up to `limit` per period (`None`: no longer at all).
    pub fn set_recorder(
        &mut self,
        caller: AccountId,
        now: BlockNumber,
        recorder: AccountId,
        limit: Option<RecorderLimit>,
    ) -> Result<Events, Error> {
        self.ensure_admin(caller)?;
        match limit {
            Some(l) if l.period == 0 => return Err(Error::InvalidLimit),
            Some(limit) => self.recorders.insert(
                recorder,
                &Recorder {
                    limit,
                    window_start: now,
                    used: 0,
                },
            ),
            None => {
                self.recorders.remove(recorder);
                None
            }
        };
        Ok(vec![CapitalEvent::RecorderChanged(RecorderChanged {
            recorder,
            limit,
        })])
    }

    /// Admin (by proposal): removes `removed` of `member`'s recorded contributions, citing
    /// `evidence`: how a cooperative undoes what a recorder should not have recorded.
    pub fn correct_contribution(
        &mut self,
        caller: AccountId,
        now: BlockNumber,
        member: AccountId,
        removed: Balance,
        evidence: Hash,
    ) -> Result<Events, Error> {
        self.ensure_admin(caller)?;
        if removed == 0 {
            return Err(Error::ZeroAmount);
        }
        let mut stake = self.stake(member);
        stake.contributed = stake
            .contributed
            .checked_sub(removed)
            .ok_or(Error::InsufficientContribution)?;
        self.stakes.insert(member, &stake);
        let status = self.status(member);
        let report = self.changed(now, member, status)?;
        Ok(vec![
            CapitalEvent::Report(report),
            CapitalEvent::ContributionCorrected(ContributionCorrected {
                member,
                removed,
                evidence,
            }),
        ])
    }

    // ----- stakes -----

    /// A member's native deposit (the shell has received `amount`).
    pub fn deposit(
        &mut self,
        caller: AccountId,
        now: BlockNumber,
        amount: Balance,
    ) -> Result<Events, Error> {
        if !self.status(caller).member {
            return Err(Error::NotMember);
        }
        if amount == 0 {
            return Err(Error::ZeroAmount);
        }
        let mut stake = self.stake(caller);
        stake.deposited = stake.deposited.checked_add(amount).ok_or(Error::Overflow)?;
        let unlock = now.checked_add(self.lock_blocks).ok_or(Error::Overflow)?;
        stake.locked_until = stake.locked_until.max(unlock);
        self.stakes.insert(caller, &stake);
        let status = self.status(caller);
        let report = self.changed(now, caller, status)?;
        Ok(vec![
            CapitalEvent::Report(report),
            CapitalEvent::Deposited(Deposited {
                member: caller,
                amount,
                locked_until: stake.locked_until,
            }),
        ])
    }

    /// A contribution (labour, resources) recorded by the admin or a recorder.
    pub fn record_contribution(
        &mut self,
        caller: AccountId,
        now: BlockNumber,
        member: AccountId,
        amount: Balance,
        evidence: Hash,
    ) -> Result<Events, Error> {
        let recorder = if caller == self.admin.account() {
            None
        } else {
            Some(self.recorders.get(caller).ok_or(Error::NotRecorder)?)
        };
        if !self.status(member).member {
            return Err(Error::NotMember);
        }
        if amount == 0 {
            return Err(Error::ZeroAmount);
        }
        if let Some(mut r) = recorder {
            // A new window once the last one has run its period.
            if now >= r.window_start.saturating_add(r.limit.period) {
                r.window_start = now;
                r.used = 0;
            }
            r.used = r
                .used
                .checked_add(amount)
                .filter(|used| *used <= r.limit.amount)
                .ok_or(Error::RecorderLimit)?;
            self.recorders.insert(caller, &r);
        }
        let mut stake = self.stake(member);
        stake.contributed = stake
            .contributed
            .checked_add(amount)
            .ok_or(Error::Overflow)?;
        self.stakes.insert(member, &stake);
        let status = self.status(member);
        let report = self.changed(now, member, status)?;
        Ok(vec![
            CapitalEvent::Report(report),
            CapitalEvent::ContributionRecorded(ContributionRecorded {
                member,
                amount,
                evidence,
                by: caller,
            }),
        ])
    }

    /// Takes back deposited currency once unlocked (the shell then transfers `amount`), and
    /// once every proposal the caller voted on directly has ended (`voted_until`, asked of
    /// governance by the shell). Former members may withdraw too: their stake already stopped
    /// counting when they left.
    pub fn withdraw(
        &mut self,
        caller: AccountId,
        now: BlockNumber,
        amount: Balance,
        voted_until: BlockNumber,
    ) -> Result<Events, Error> {
        if amount == 0 {
            return Err(Error::ZeroAmount);
        }
        let mut stake = self.stake(caller);
        stake.deposited = stake
            .deposited
            .checked_sub(amount)
            .ok_or(Error::InsufficientStake)?;
        if now < stake.locked_until {
            return Err(Error::Locked);
        }
        if now <= voted_until {
            return Err(Error::VoteLocked);
        }
        self.stakes.insert(caller, &stake);
        let status = self.status(caller);
        let report = self.changed(now, caller, status)?;
        Ok(vec![
            CapitalEvent::Report(report),
            CapitalEvent::Withdrawn(Withdrawn {
                member: caller,
                amount,
            }),
        ])
    }

    /// membership reports an account's new membership and household (see `MembershipListener`).
    pub fn membership_changed(
        &mut self,
        caller: AccountId,
        now: BlockNumber,
        account: AccountId,
        member: bool,
        household: Option<HouseholdId>,
    ) -> Result<Events, Error> {
        if caller != self.membership {
            return Err(Error::NotMembership);
        }
        let old = self.take_status(account, now, member, household)?;
        Ok(vec![CapitalEvent::Report(self.changed(now, account, old)?)])
    }

    /// A batch of membership changes (`admit_many`): each recorded as `membership_changed`
    /// records it, then `λ` solved once for all. One report: the accounts whose input may have
    /// moved join the queue, which it reads from the head; what it cannot carry waits for
    /// `flush_reports`. An account with no counted stake and nothing told needs no telling:
    /// its input is zero at any rate.
    pub fn membership_changed_many(
        &mut self,
        caller: AccountId,
        now: BlockNumber,
        changes: &[MemberChange],
    ) -> Result<Events, Error> {
        if caller != self.membership {
            return Err(Error::NotMembership);
        }
        let mut households = Vec::new();
        for &(account, member, household) in changes {
            let old = self.take_status(account, now, member, household)?;
            self.recount(now, account, old, &mut households)?;
            if self.counted_now(account)? > 0
                || self.reports.told(account) != CapitalInput::default()
            {
                self.reports.requeue(UnitId::Member(account));
            }
        }
        Ok(vec![CapitalEvent::Report(self.refresh(
            now,
            &households,
            None,
            false,
        )?)])
    }

    /// Records `account`'s new membership and household; returns its status before.
    fn take_status(
        &mut self,
        account: AccountId,
        now: BlockNumber,
        member: bool,
        household: Option<HouseholdId>,
    ) -> Result<Status, Error> {
        let old = self.status(account);
        let household = household.filter(|_| member);
        if old.household != household {
            if let Some(h) = old.household {
                let mut members = self.household_members.get(h).unwrap_or_default();
                members.retain(|m| *m != account);
                self.household_members.insert(h, &members);
            }
            if let Some(h) = household {
                let mut members = self.household_members.get(h).unwrap_or_default();
                if members.len() >= MAX_HOUSEHOLD {
                    return Err(Error::HouseholdTooLarge);
                }
                members.push(account);
                self.household_members.insert(h, &members);
            }
            self.household_at.push(&account, now, household)?;
        }
        self.status.insert(account, &Status { member, household });
        Ok(old)
    }

    // ----- queries -----

    pub fn admin(&self) -> AccountId {
        self.admin.account()
    }

    pub fn membership(&self) -> AccountId {
        self.membership
    }

    pub fn lock_blocks(&self) -> BlockNumber {
        self.lock_blocks
    }

    pub fn recorder(&self, account: AccountId) -> Option<Recorder> {
        self.recorders.get(account)
    }

    pub fn stake(&self, account: AccountId) -> Stake {
        self.stakes.get(account).unwrap_or_default()
    }

    pub fn status(&self, account: AccountId) -> Status {
        self.status.get(account).unwrap_or_default()
    }

    /// `account`'s share of the capital pool at the end of `block`.
    pub fn share_at(&self, account: AccountId, block: BlockNumber) -> Share {
        let raw = self.raw_at(account, block);
        let (Some(caps), Some(rate)) = (self.caps_at(block), self.rate_at(block)) else {
            return Share::ZERO;
        };
        let own = self
            .household_at
            .value_at(&account, block)
            .flatten()
            .and_then(|h| self.household_rate.value_at(&h, block).flatten());
        own.unwrap_or(rate).share(raw, caps.individual.to_share())
    }

    pub fn raw_at(&self, account: AccountId, block: BlockNumber) -> Balance {
        self.counted.value_at(&account, block).unwrap_or(0)
    }

    pub fn rate_at(&self, block: BlockNumber) -> Option<Rate> {
        self.rate.value_at(&(), block)
    }

    pub fn pool_at(&self, block: BlockNumber) -> Balance {
        self.pool.value_at(&(), block).unwrap_or(0)
    }

    pub fn caps_at(&self, block: BlockNumber) -> Option<CapsBps> {
        self.caps.value_at(&(), block)
    }

    pub fn household_rate_at(&self, household: HouseholdId, block: BlockNumber) -> Option<Rate> {
        self.household_rate.value_at(&household, block).flatten()
    }

    // ----- internals -----

    /// Stake that counts now: a member's raw stake, else 0.
    fn counted_now(&self, account: AccountId) -> Result<Balance, Error> {
        if !self.status(account).member {
            return Ok(0);
        }
        self.stake(account).raw().ok_or(Error::Overflow)
    }

    fn unit_of(account: AccountId, status: Status) -> Option<UnitId> {
        match (status.member, status.household) {
            (false, _) => None,
            (true, Some(h)) => Some(UnitId::Household(h)),
            (true, None) => Some(UnitId::Member(account)),
        }
    }

    /// `account`'s stake or status changed (`old` is its status before).
    fn changed(
        &mut self,
        now: BlockNumber,
        account: AccountId,
        old: Status,
    ) -> Result<PowerReport, Error> {
        let mut households = Vec::new();
        self.recount(now, account, old, &mut households)?;
        self.refresh(now, &households, Some(account), false)
    }

    /// `account`'s counted stake, the pool and the heaps after its stake or status changed
    /// (from `old`); adds the households it left or joined to `households`.
    fn recount(
        &mut self,
        now: BlockNumber,
        account: AccountId,
        old: Status,
        households: &mut Vec<HouseholdId>,
    ) -> Result<(), Error> {
        let before = self.counted.latest(&account).unwrap_or(0);
        let after = self.counted_now(account)?;
        self.counted.push(&account, now, after)?;
        let pool = self
            .pool
            .latest(&())
            .unwrap_or(0)
            .checked_sub(before)
            .and_then(|p| p.checked_add(after))
            .ok_or(Error::Overflow)?;
        self.pool.push(&(), now, pool)?;

        let new = self.status(account);
        for unit in [Self::unit_of(account, old), Self::unit_of(account, new)]
            .into_iter()
            .flatten()
        {
            if let UnitId::Household(h) = unit {
                if !households.contains(&h) {
                    households.push(h);
                }
            }
            self.refresh_unit(unit)?;
        }
        // Leaving the singletons' heap when joining a household, and back.
        self.refresh_unit(UnitId::Member(account))
    }

    fn refresh_unit(&mut self, unit: UnitId) -> Result<(), Error> {
        match unit {
            UnitId::Member(account) => {
                let status = self.status(account);
                let key = if status.member && status.household.is_none() {
                    self.counted_now(account)?
                } else {
                    0
                };
                self.by_member.set(&unit, key);
            }
            UnitId::Household(h) => {
                let raws = self.household_raws(h)?;
                let largest = raws.iter().copied().max().unwrap_or(0);
                let total = raws
                    .iter()
                    .try_fold(0u128, |sum, r| sum.checked_add(*r))
                    .ok_or(Error::Overflow)?;
                self.by_member.set(&unit, largest);
                self.by_household.set(&unit, total);
            }
        }
        Ok(())
    }

    fn household_raws(&self, household: HouseholdId) -> Result<Vec<Balance>, Error> {
        self.household_members
            .get(household)
            .unwrap_or_default()
            .into_iter()
            .map(|m| self.counted_now(m))
            .collect()
    }

    /// Re-solves `λ` (waterfilling, or proportional when the caps cannot fill the pool),
    /// checkpoints it, and checkpoints the rate of every household that is full at it, was, or
    /// whose members changed. Queues every unit whose fixed shares may have moved and returns
    /// what governance is told now: `λ`, `account` (whose stake changed), and the first
    /// queued changes (see [`Reports`]).
    fn refresh(
        &mut self,
        now: BlockNumber,
        changed: &[HouseholdId],
        account: Option<AccountId>,
        caps_changed: bool,
    ) -> Result<PowerReport, Error> {
        let caps = caps_share(self.caps_now);
        let (rate, singles, candidates) = self.solve_rate(caps)?;
        self.rate.push(&(), now, rate)?;
        let mut full: Vec<(HouseholdId, Rate)> = Vec::new();
        for (h, raws) in &candidates {
            if let Some(mu) = household_rate(raws, rate, caps)? {
                full.push((*h, mu));
            }
        }
        let mut touched: Vec<HouseholdId> = core::mem::take(&mut self.full);
        touched.extend(full.iter().map(|(h, _)| *h));
        touched.extend_from_slice(changed);
        for h in touched {
            let mu = full.iter().find(|(f, _)| *f == h).map(|(_, mu)| *mu);
            self.household_rate.push(&h, now, mu)?;
        }
        let units = Self::fixed_units(rate, caps, &singles, &candidates, &full);
        self.full = full.into_iter().map(|(h, _)| h).collect();
        let changed: Vec<UnitId> = changed.iter().map(|h| UnitId::Household(*h)).collect();
        self.reports.solved(units, &changed, caps_changed);
        self.report(rate, account)
    }

    /// Every unit with a member whose share does not follow `λ`: capped singles, full
    /// households, and other candidate households with a member at its cap.
    fn fixed_units(
        rate: Rate,
        caps: Caps,
        singles: &[(AccountId, Balance)],
        candidates: &[(HouseholdId, Vec<Balance>)],
        full: &[(HouseholdId, Rate)],
    ) -> Vec<FixedUnit> {
        let mut units: Vec<FixedUnit> = singles
            .iter()
            .filter(|(_, raw)| rate.reaches(*raw, caps.individual))
            .map(|(a, _)| FixedUnit {
                unit: UnitId::Member(*a),
                own: None,
                capped: 1,
            })
            .collect();
        for (h, raws) in candidates {
            let own = full.iter().find(|(f, _)| f == h).map(|(_, mu)| *mu);
            let capped = raws
                .iter()
                .filter(|raw| rate.reaches(**raw, caps.individual))
                .count();
            if own.is_some() || capped > 0 {
                units.push(FixedUnit {
                    unit: UnitId::Household(*h),
                    own,
                    capped: u8::try_from(capped).unwrap_or(u8::MAX),
                });
            }
        }
        units
    }

    /// What governance is to know of `account` now: its counted stake and, when its share
    /// does not follow `λ`, its fixed share (its full household's rate, or the cap).
    fn input_now(&self, account: AccountId, rate: Rate) -> Result<CapitalInput, Error> {
        let raw = self.counted_now(account)?;
        let status = self.status(account);
        let individual = caps_share(self.caps_now).individual;
        let own = status
            .household
            .filter(|_| status.member)
            .and_then(|h| self.household_rate.latest(&h).flatten());
        let fixed = match own {
            Some(mu) => (raw > 0).then(|| mu.share(raw, individual)),
            None => rate.reaches(raw, individual).then_some(individual),
        };
        Ok(CapitalInput { raw, fixed })
    }

    /// The report to tell governance: `account` (if any), then the members of queued units,
    /// in order, while they fit this call's bounds, each whose input differs from what
    /// governance was told. Nothing is recorded as told until [`Self::commit`].
    fn report(&self, rate: Rate, account: Option<AccountId>) -> Result<PowerReport, Error> {
        let mut changes: Vec<(AccountId, CapitalInput)> = Vec::new();
        if let Some(a) = account {
            changes.push((a, self.input_now(a, rate)?));
        }
        let mut ends = Vec::new();
        let mut examined = 0usize;
        let mut i = 0u32;
        while let Some(unit) = self.reports.queued_at(i) {
            let members = match unit {
                UnitId::Member(a) => vec![a],
                UnitId::Household(h) => self.household_members.get(h).unwrap_or_default(),
            };
            let mut diffs = Vec::new();
            for m in members.iter() {
                let input = self.input_now(*m, rate)?;
                if input != self.reports.told(*m) && !changes.iter().any(|(a, _)| a == m) {
                    diffs.push((*m, input));
                }
            }
            // An empty household counts too: nobody can make a report walk without bound.
            examined = examined.saturating_add(members.len().max(1));
            let told = changes.len().saturating_sub(usize::from(account.is_some()));
            // The first unit always fits (at most 16 members): the queue always moves.
            if i > 0
                && (examined > EXAMINED_PER_CALL
                    || told.saturating_add(diffs.len()) > TOLD_PER_CALL)
            {
                break;
            }
            changes.extend(diffs);
            ends.push(u32::try_from(changes.len()).unwrap_or(u32::MAX));
            i = i.saturating_add(1);
        }
        Ok(PowerReport {
            rate,
            changes,
            own: account,
            ends,
        })
    }

    /// Governance took the first `taken` changes of `report`: they are told; the queued units
    /// whose changes were all taken leave the queue, and one that was partly taken goes to the
    /// back. A unit none of whose changes were taken keeps its place: a flush always takes the
    /// head's first change, so the head moves on at every flush whatever the movers do. If
    /// the mover's own change was not taken (nobody listens), its account is queued.
    pub fn commit(&mut self, report: &PowerReport, taken: u32) {
        let taken = usize::try_from(taken).unwrap_or(usize::MAX);
        for (a, input) in report.changes.iter().take(taken) {
            self.reports.tell(*a, *input);
        }
        let mut start = usize::from(report.own.is_some());
        for end in &report.ends {
            let end = usize::try_from(*end).unwrap_or(usize::MAX);
            if end > taken {
                if start < taken {
                    self.reports.rotate();
                }
                break;
            }
            self.reports.pop();
            start = end;
        }
        if let (Some(a), 0) = (report.own, taken) {
            self.reports.requeue(UnitId::Member(a));
        }
    }

    /// Anyone: tells governance the next queued changes. `NothingPending` when none wait.
    pub fn flush_reports(&mut self) -> Result<Events, Error> {
        if self.reports.pending() == 0 {
            return Err(Error::NothingPending);
        }
        let rate = self.rate.latest(&()).unwrap_or(Rate::UNBOUNDED);
        Ok(vec![CapitalEvent::Report(self.report(rate, None)?)])
    }

    /// Units whose members governance may still have to be told of.
    pub fn pending_reports(&self) -> u32 {
        self.reports.pending()
    }

    /// What governance was last told of `account`.
    pub fn told(&self, account: AccountId) -> CapitalInput {
        self.reports.told(account)
    }

    #[cfg(test)]
    pub fn fixed_now(&self) -> Vec<FixedUnit> {
        self.reports.fixed_units()
    }

    /// `λ`, the candidate singles and the candidate households (with their members' stakes).
    /// The loop stops only at a rate where no other unit reaches a cap: there the candidates'
    /// solution fills the pool for everyone (waterfilling), or every staking unit is a
    /// candidate (the caps cannot fill the pool: proportional, or unbounded when they fill it
    /// exactly).
    #[allow(clippy::type_complexity)]
    fn solve_rate(
        &self,
        caps: Caps,
    ) -> Result<
        (
            Rate,
            Vec<(AccountId, Balance)>,
            Vec<(HouseholdId, Vec<Balance>)>,
        ),
        Error,
    > {
        let pool = self.pool.latest(&()).unwrap_or(0);
        let mut singles: Vec<(AccountId, Balance)> = Vec::new();
        let mut households: Vec<(HouseholdId, Vec<Balance>)> = Vec::new();
        let mut taken: Balance = 0;
        let mut by_member = self.by_member.best_first().peekable();
        let mut by_household = self.by_household.best_first().peekable();
        let mut rate = solve(&[], pool, caps)?;
        loop {
            let mut added = false;
            while let Some((unit, _)) =
                by_member.next_if(|(_, key)| rate.reaches(*key, caps.individual))
            {
                added = true;
                match unit {
                    UnitId::Member(account) => {
                        let raw = self.counted_now(account)?;
                        singles.push((account, raw));
                        taken = taken.checked_add(raw).ok_or(Error::Overflow)?;
                    }
                    UnitId::Household(h) => self.take_household(h, &mut households, &mut taken)?,
                }
            }
            while let Some((unit, _)) =
                by_household.next_if(|(_, total)| rate.reaches(*total, caps.household))
            {
                added = true;
                if let UnitId::Household(h) = unit {
                    self.take_household(h, &mut households, &mut taken)?;
                }
            }
            if !added {
                return Ok((rate, singles, households));
            }
            let units: Vec<Unit> = singles
                .iter()
                .map(|(_, r)| Unit::Member(*r))
                .chain(households.iter().map(|(_, raws)| Unit::Household(raws)))
                .collect();
            let rest = pool.checked_sub(taken).ok_or(Error::Overflow)?;
            rate = solve(&units, rest, caps)?;
        }
    }

    fn take_household(
        &self,
        household: HouseholdId,
        households: &mut Vec<(HouseholdId, Vec<Balance>)>,
        taken: &mut Balance,
    ) -> Result<(), Error> {
        if households.iter().any(|(h, _)| *h == household) {
            return Ok(());
        }
        let raws = self.household_raws(household)?;
        for raw in &raws {
            *taken = taken.checked_add(*raw).ok_or(Error::Overflow)?;
        }
        households.push((household, raws));
        Ok(())
    }
}
