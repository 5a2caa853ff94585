//! The missions core: the token, and mission bounties escrowed in it. Plain Rust over storage
//! cells; the caller, the block and what other contracts say (membership, merit) come in as
//! arguments, events go out.
//!
//! A payout raises the contributor's capital stake (and so its voting power) only when it is
//! labour the cooperative paid for, so that no one can mint themselves stake in a loop:
//! - labour is returned for missions the admin (governance) created, minted (`Funding::Minted`)
//!   or from its own balance (`Funding::Treasury`); a member-funded mission (`Funding::Member`)
//!   pays its bounty and records nothing, even with labour recording enabled;
//! - a creator cannot claim its own mission;
//! - once some claimant has submitted work, only the admin may cancel (the creator cannot take
//!   the escrow back just before the approving review); expiry from the deadline on is open
//!   to anyone as before.

use crate::{
    errors::Error,
    events::*,
    token::{into_events, Balance, TokenData},
    types::*,
};
use ink::{
    prelude::{vec, vec::Vec},
    storage::Mapping,
};
use usos_primitives::{AccountId, Admin, BlockNumber, Hash};

pub type Events = Vec<MissionsEvent>;

/// A payout capital should record as labour: (contributor, amount, evidence). `Some` only for
/// a cooperative-funded mission (`Funding::by_cooperative`) while labour recording is enabled.
pub type Labour = Option<(AccountId, Balance, Hash)>;

/// `(mission, claimant, review round, reviewer)`.
pub type ReviewKey = (MissionId, AccountId, u32, AccountId);

// The storage_item expansion of the fields is what clippy finds complex.
#[allow(clippy::type_complexity)]
#[ink::storage_item]
#[derive(Debug)]
pub struct MissionsData {
    admin: Admin,
    next_mission: MissionId,
    record_labour: bool,
    /// See `DEFAULT_CLAIM_TIMEOUT`.
    claim_timeout: BlockNumber,
    pub token: TokenData,
    missions: Mapping<MissionId, Mission>,
    claims: Mapping<(MissionId, AccountId), Claim>,
    /// `(mission, claimant, round, reviewer) -> approve`.
    reviews: Mapping<ReviewKey, bool>,
    /// The round a new claim of `(mission, claimant)` starts at, after an `unclaim`: reviews of
    /// the earlier rounds stay recorded, so a re-claim must not reuse their round numbers.
    next_round: Mapping<(MissionId, AccountId), u32>,
}

/// The evidence capital records for a mission's payout: the mission id, little-endian.
pub fn mission_evidence(mission: MissionId) -> Hash {
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&mission.to_le_bytes());
    Hash::from(bytes)
}

impl MissionsData {
    pub fn new(admin: AccountId, vault: AccountId) -> Self {
        Self {
            admin: Admin::new(admin),
            next_mission: 1,
            record_labour: false,
            claim_timeout: DEFAULT_CLAIM_TIMEOUT,
            token: TokenData::new(vault),
            missions: Mapping::default(),
            claims: Mapping::default(),
            reviews: Mapping::default(),
            next_round: Mapping::default(),
        }
    }

    pub fn ensure_admin(&self, caller: AccountId) -> Result<(), Error> {
        Ok(self.admin.ensure(caller)?)
    }

    pub fn set_admin(&mut self, caller: AccountId, new: AccountId) -> Result<Events, Error> {
        Ok(vec![MissionsEvent::AdminChanged(
            self.admin.hand_over(caller, new)?,
        )])
    }

    /// Admin: record the payouts of cooperative-funded missions as labour in capital, or stop.
    /// Member-funded missions never record labour.
    pub fn set_labour_recording(
        &mut self,
        caller: AccountId,
        enabled: bool,
    ) -> Result<Events, Error> {
        self.ensure_admin(caller)?;
        self.record_labour = enabled;
        Ok(vec![MissionsEvent::LabourRecordingChanged(
            LabourRecordingChanged { enabled },
        )])
    }

    /// Admin: how long a claim may go without a submission before anyone may end it.
    pub fn set_claim_timeout(
        &mut self,
        caller: AccountId,
        blocks: BlockNumber,
    ) -> Result<Events, Error> {
        self.ensure_admin(caller)?;
        if !(MIN_CLAIM_TIMEOUT..=MAX_CLAIM_TIMEOUT).contains(&blocks) {
            return Err(Error::InvalidClaimTimeout);
        }
        self.claim_timeout = blocks;
        Ok(vec![MissionsEvent::ClaimTimeoutChanged(
            ClaimTimeoutChanged { blocks },
        )])
    }

    pub fn claim_timeout(&self) -> BlockNumber {
        self.claim_timeout
    }

    /// Admin: new tokens (governance's minting right).
    pub fn mint(
        &mut self,
        caller: AccountId,
        to: AccountId,
        value: Balance,
    ) -> Result<Events, Error> {
        self.ensure_admin(caller)?;
        // The escrow holds exactly what open missions owe: tokens minted into it would belong
        // to no one, for good.
        if to == self.token.vault() {
            return Err(Error::MintToEscrow);
        }
        Ok(into_events(self.token.mint(to, value)?))
    }

    /// Creates a mission. Its bounty is escrowed now: from the creator's balance (signing the
    /// creation is the creator's consent), or, with `mint`, newly minted (admin only). The
    /// mission remembers how it was funded: minted, from the admin's own balance (a treasury
    /// payout) or from a member's; only the first two record their payout as labour.
    pub fn create(
        &mut self,
        caller: AccountId,
        now: BlockNumber,
        spec: MissionSpec,
        mint: bool,
    ) -> Result<(MissionId, Events), Error> {
        if spec.title.trim_ascii().is_empty() {
            return Err(Error::EmptyTitle);
        }
        if let Reviewers::Accounts(list) = &spec.reviewers {
            if list.is_empty() || list.len() > MAX_REVIEWERS {
                return Err(Error::InvalidMission);
            }
            if list
                .iter()
                .enumerate()
                .any(|(i, r)| list.iter().skip(i.saturating_add(1)).any(|o| o == r))
            {
                return Err(Error::DuplicateReviewer);
            }
            // More approvals than reviewers could never pay (the escrow would sit until the
            // deadline).
            if u32::try_from(list.len()).map_or(true, |n| spec.approvals_needed > n) {
                return Err(Error::ApprovalsExceedReviewers);
            }
        }
        if spec.bounty == 0
            || spec.deadline <= now
            || spec.approvals_needed == 0
            || spec.max_claimants == Some(0)
            || spec.title.len() > MAX_TITLE_LEN
        {
            return Err(Error::InvalidMission);
        }
        let funding = if mint {
            self.ensure_admin(caller)?;
            Funding::Minted
        } else if caller == self.admin.account() {
            Funding::Treasury
        } else {
            Funding::Member
        };
        let mission = self.next_mission;
        let next = mission.checked_add(1).ok_or(Error::Overflow)?;
        let mut events = into_events(if mint {
            self.token.mint(self.token.vault(), spec.bounty)?
        } else {
            self.token.escrow(caller, spec.bounty)?
        });
        self.next_mission = next;
        events.push(MissionsEvent::MissionCreated(MissionCreated {
            mission,
            creator: caller,
            bounty: spec.bounty,
            deadline: spec.deadline,
        }));
        self.missions.insert(
            mission,
            &Mission {
                creator: caller,
                spec,
                claimants: 0,
                status: MissionStatus::Open,
                paid_to: None,
                funding,
                awaiting_review: 0,
            },
        );
        Ok((mission, events))
    }

    /// A member claims an open mission before its deadline; its creator cannot.
    pub fn claim(
        &mut self,
        caller: AccountId,
        now: BlockNumber,
        caller_is_member: bool,
        mission: MissionId,
    ) -> Result<Events, Error> {
        let mut m = self.open_before_deadline(mission, now)?;
        if caller == m.creator {
            return Err(Error::CreatorCannotClaim);
        }
        if !caller_is_member {
            return Err(Error::CallerNotMember);
        }
        if self.claims.contains((mission, caller)) {
            return Err(Error::AlreadyClaimed);
        }
        if m.spec.max_claimants.is_some_and(|max| m.claimants >= max) {
            return Err(Error::ClaimsFull);
        }
        m.claimants = m.claimants.checked_add(1).ok_or(Error::Overflow)?;
        self.missions.insert(mission, &m);
        let claim = Claim {
            round: self.next_round.get((mission, caller)).unwrap_or(0),
            working_since: now,
            timeout: self.claim_timeout,
            ..Claim::default()
        };
        self.claims.insert((mission, caller), &claim);
        Ok(vec![MissionsEvent::Claimed(Claimed {
            mission,
            claimant: caller,
        })])
    }

    /// A claimant submits (or, after a rejection, resubmits) its work. While it awaits review,
    /// the creator cannot cancel the mission (see `cancel`).
    pub fn submit(
        &mut self,
        caller: AccountId,
        now: BlockNumber,
        mission: MissionId,
        evidence: Hash,
    ) -> Result<Events, Error> {
        let mut m = self.open_before_deadline(mission, now)?;
        let mut claim = self
            .claims
            .get((mission, caller))
            .ok_or(Error::NotClaimant)?;
        if claim.evidence.is_none() {
            m.awaiting_review = m.awaiting_review.checked_add(1).ok_or(Error::Overflow)?;
            self.missions.insert(mission, &m);
        }
        claim.evidence = Some(evidence);
        self.claims.insert((mission, caller), &claim);
        Ok(vec![MissionsEvent::Submitted(Submitted {
            mission,
            claimant: caller,
            evidence,
        })])
    }

    /// A reviewer approves or rejects `claimant`'s submission. The review that reaches
    /// `approvals_needed` approvals pays the bounty out of escrow, and, if the cooperative
    /// funded the mission and labour recording is enabled, returns the labour for capital
    /// (`MissionPaid::labour_recorded` says which); as many rejections send the claimant back
    /// to work.
    pub fn review(
        &mut self,
        caller: AccountId,
        now: BlockNumber,
        holds_category: bool,
        mission: MissionId,
        claimant: AccountId,
        approve: bool,
    ) -> Result<(Events, Labour), Error> {
        let mut m = self.open_before_deadline(mission, now)?;
        if caller == claimant {
            return Err(Error::SelfReview);
        }
        let reviewer = match &m.spec.reviewers {
            Reviewers::Accounts(list) => list.contains(&caller),
            Reviewers::Category(_) => holds_category,
        };
        if !reviewer {
            return Err(Error::NotReviewer);
        }
        let mut claim = self
            .claims
            .get((mission, claimant))
            .ok_or(Error::NotClaimant)?;
        claim.evidence.ok_or(Error::NothingSubmitted)?;
        let key = (mission, claimant, claim.round, caller);
        if self.reviews.contains(key) {
            return Err(Error::AlreadyReviewed);
        }
        self.reviews.insert(key, &approve);
        let mut events = vec![MissionsEvent::Reviewed(Reviewed {
            mission,
            claimant,
            reviewer: caller,
            approve,
        })];
        let mut labour = None;
        if approve {
            claim.approvals = claim.approvals.checked_add(1).ok_or(Error::Overflow)?;
            if claim.approvals >= m.spec.approvals_needed {
                m.status = MissionStatus::Paid;
                m.paid_to = Some(claimant);
                events.extend(into_events(self.token.release(claimant, m.spec.bounty)?));
                if self.record_labour && m.funding.by_cooperative() {
                    labour = Some((claimant, m.spec.bounty, mission_evidence(mission)));
                }
                events.push(MissionsEvent::MissionPaid(MissionPaid {
                    mission,
                    contributor: claimant,
                    bounty: m.spec.bounty,
                    labour_recorded: labour.is_some(),
                }));
                self.missions.insert(mission, &m);
            }
        } else {
            claim.rejections = claim.rejections.checked_add(1).ok_or(Error::Overflow)?;
            if claim.rejections >= m.spec.approvals_needed {
                claim = Claim {
                    evidence: None,
                    round: claim.round.checked_add(1).ok_or(Error::Overflow)?,
                    approvals: 0,
                    rejections: 0,
                    working_since: now,
                    timeout: claim.timeout,
                };
                events.push(MissionsEvent::SubmissionRejected(SubmissionRejected {
                    mission,
                    claimant,
                }));
                m.awaiting_review = m.awaiting_review.saturating_sub(1);
                self.missions.insert(mission, &m);
            }
        }
        self.claims.insert((mission, claimant), &claim);
        Ok((events, labour))
    }

    /// The claimant gives its claim up (`claimant == caller`), or, on a mission whose claims
    /// are full, anyone ends a claim whose claimant has submitted nothing for its timeout (the
    /// claim timeout when it claimed) since claiming or since its last rejection: a full
    /// mission cannot be squatted. Submitted work awaiting review is only ever given up by its
    /// claimant.
    pub fn unclaim(
        &mut self,
        caller: AccountId,
        now: BlockNumber,
        mission: MissionId,
        claimant: AccountId,
    ) -> Result<Events, Error> {
        let mut m = self.open(mission)?;
        let claim = self
            .claims
            .get((mission, claimant))
            .ok_or(Error::NotClaimant)?;
        let next = claim.round.checked_add(1).ok_or(Error::Overflow)?;
        if caller != claimant {
            // Only a full mission can be squatted: with a free slot nobody is kept out.
            if m.spec.max_claimants.is_none_or(|max| m.claimants < max) {
                return Err(Error::ClaimsNotFull);
            }
            if claim.evidence.is_some() {
                return Err(Error::WorkSubmitted);
            }
            if now < claim.working_since.saturating_add(claim.timeout) {
                return Err(Error::ClaimNotStale);
            }
        }
        if claim.evidence.is_some() {
            m.awaiting_review = m.awaiting_review.saturating_sub(1);
        }
        m.claimants = m.claimants.saturating_sub(1);
        self.missions.insert(mission, &m);
        self.claims.remove((mission, claimant));
        self.next_round.insert((mission, claimant), &next);
        Ok(vec![MissionsEvent::Unclaimed(Unclaimed {
            mission,
            claimant,
            by: caller,
        })])
    }

    /// The creator or the admin cancels an open mission; the escrow returns to the creator.
    /// While submitted work awaits review, only the admin may: the creator is refused with
    /// `WorkSubmitted` (it cannot take the escrow back just before an approving review, and a
    /// rejected junk submission does not lock its mission for good).
    pub fn cancel(&mut self, caller: AccountId, mission: MissionId) -> Result<Events, Error> {
        let m = self.open(mission)?;
        if caller != self.admin.account() {
            if caller != m.creator {
                return Err(Error::NotCreator);
            }
            if m.awaiting_review > 0 {
                return Err(Error::WorkSubmitted);
            }
        }
        self.close(mission, m, false)
    }

    /// From its deadline on, anyone expires an open mission, submitted work or not; the escrow
    /// returns to the creator.
    pub fn expire(&mut self, now: BlockNumber, mission: MissionId) -> Result<Events, Error> {
        let m = self.open(mission)?;
        if now < m.spec.deadline {
            return Err(Error::DeadlineNotReached);
        }
        self.close(mission, m, true)
    }

    // ----- queries -----

    pub fn admin(&self) -> AccountId {
        self.admin.account()
    }

    pub fn records_labour(&self) -> bool {
        self.record_labour
    }

    pub fn mission(&self, mission: MissionId) -> Option<Mission> {
        self.missions.get(mission)
    }

    pub fn claim_of(&self, mission: MissionId, claimant: AccountId) -> Option<Claim> {
        self.claims.get((mission, claimant))
    }

    // ----- internals -----

    fn open(&self, mission: MissionId) -> Result<Mission, Error> {
        let m = self.missions.get(mission).ok_or(Error::UnknownMission)?;
        match m.status {
            MissionStatus::Open => Ok(m),
            MissionStatus::Paid => Err(Error::AlreadyPaid),
            MissionStatus::Cancelled => Err(Error::Cancelled),
            MissionStatus::Expired => Err(Error::Expired),
        }
    }

    fn open_before_deadline(&self, mission: MissionId, now: BlockNumber) -> Result<Mission, Error> {
        let m = self.open(mission)?;
        if now >= m.spec.deadline {
            return Err(Error::DeadlinePassed);
        }
        Ok(m)
    }

    fn close(
        &mut self,
        mission: MissionId,
        mut m: Mission,
        expired: bool,
    ) -> Result<Events, Error> {
        m.status = if expired {
            MissionStatus::Expired
        } else {
            MissionStatus::Cancelled
        };
        let mut events = into_events(self.token.release(m.creator, m.spec.bounty)?);
        events.push(MissionsEvent::MissionClosed(MissionClosed {
            mission,
            expired,
            refunded: m.spec.bounty,
        }));
        self.missions.insert(mission, &m);
        Ok(events)
    }
}
