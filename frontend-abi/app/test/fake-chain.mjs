// A fake cooperative for the page tests: contracts whose dry-runs answer canned values encoded
// with the real metadata's return types, so pages see exactly the codecs a node would give
// (no node is needed). `calls` records every dry-run.
import { abi, metadata, ADDR } from './metadata.mjs';

const E18 = 10n ** 18n;

function innerIsResult(name, label) {
  const json = metadata(name);
  const spec = json.spec.messages.find((m) => m.label === label);
  const types = new Map(json.types.map((t) => [t.id, t.type]));
  const outer = types.get(spec.returnType.type);
  const okId = outer.def.variant.variants.find((v) => v.name === 'Ok').fields[0].type;
  return types.get(okId).path?.[0] === 'Result';
}

/** An error answer: `refuse('AlreadyVoted')`. */
export const refuse = (err) => ({ __err: err });

/** A contract whose `query[method]` answers `answer(label, args)`. */
export function fakeContract(name, address, answer, calls) {
  const a = abi(name);
  const query = new Proxy({}, {
    get: (_, method) => async (caller, options, ...args) => {
      const m = a.messages.find((x) => x.method === method);
      calls.push({ contract: name, label: m.identifier, args, caller, value: options?.value });
      let value = answer(m.identifier, args);
      if (value === undefined) throw new Error(`fake ${name} has no answer for ${m.identifier}`);
      if (innerIsResult(name, m.identifier)) value = value?.__err ? { err: value.__err } : { ok: value };
      return {
        result: { isErr: false },
        output: a.registry.createType(m.returnType.lookupName || m.returnType.type, { ok: value }),
        gasRequired: { refTime: { toBn: () => 1000n }, proofSize: { toBn: () => 100n } },
        storageDeposit: { isCharge: false },
      };
    },
  });
  return { abi: a, address: { toString: () => address }, query, tx: {} };
}

/** The answers of a small cooperative with one category ("finance"), two proposals, two representatives. */
export function cooperativeAnswers({ me, rep1, rep2 }) {
  const params = {
    weights: { equal: 2500, merit: 2500, capital: 5000 }, voting_delay: 1, voting_period: 100,
    approval: 5000, quorum: 2000, timelock: 10, max_depth: 8, override_window: 5,
  };
  const admit = abi('membership').findMessage('admit');
  const admitInput = `0x${Buffer.from(admit.toU8a([rep2, 'Worker']).subarray(5)).toString('hex')}`;
  const proposal = (status) => ({ proposer: me, category: 1, snapshot: 40, vote_end: 140, params, budget: 10n ** 12n, grace: 500, status, extended: false });
  const answer = (q, accepted, importance) => ({ value: q, accepted, importance });
  return {
    governance: (label, args) => ({
      sources: { membership: ADDR.membership, merit: ADDR.merit, capital: ADDR.capital },
      config: { budget: 10n ** 12n, grace: 500, open_per_member: 3 },
      treasury: 5n * 10n ** 12n,
      params: args[0] <= 1 ? params : null,
      proposal_count: 2,
      proposal: args[0] === 0 ? proposal('Open') : args[0] === 1 ? proposal('Executed') : null,
      proposal_text: args[0] <= 1 ? { title: args[0] === 0 ? 'Admit Dana' : 'Earlier decision', description: 'ipfs://dana' } : null,
      proposal_actions: args[0] === 0 ? [{ callee: ADDR.membership, selector: admit.selector.toHex(), input: admitInput, value: 0 }] : [],
      state: args[0] === 0 ? 'Active' : 'Executed',
      tally: { for_: { equal: 3, merit: 2, capital: 3n * E18 / 100n }, against: { equal: 1 }, abstain: {} },
      totals_at: { equal: 5, merit: 3, capital: 6n * E18 / 100n },
      outcome: { quorum_met: true, approved: true },
      vote_of: null,
      delegate_at: null,
      delegate_of: rep1,
      power_at: { equal: 1, merit: 2, capital: 3n * E18 / 100n },
      carries: true,
      'VoteLock::voted_until': 0,
      cast_vote: refuse('AlreadyVoted'),
    })[label],
    membership: (label) => ({
      member_count: 5,
      listeners: [ADDR.capital, ADDR.governance, ADDR.merit, ADDR.profiles],
      is_member: true,
      member: { class: 'Worker', since: 3 },
      household_of: null,
    })[label],
    merit: (label, args) => ({
      category: args[0] === 1 ? { name: 'finance', rules: { min_attestations: 1, min_holder_share: 0, revoke_majority: 6667, window: 10, level_points: [1, 2], lifetime: null } } : null,
      holders_at: 2,
      'MeritView::category_total_at': 3,
      'MeritView::merit_at': 2,
      credential: { level: 2, points: 2, issued_at: 7, expires_at: null },
      nomination: args[0] === 1 ? { kind: { Issue: 1 }, nominee: rep2, category: 1, nominated_by: me, closes_at: 500, electorate: 2, required: 1, approvals: 0, rejections: 0, status: 'Open' } : null,
    })[label],
    capital: (label) => ({
      pool_at: 100n * 10n ** 12n,
      caps_at: { individual: 300, household: 500 },
      lock_blocks: 140,
      pending_reports: 0,
      'CapitalView::share_at': 3n * E18 / 100n,
      stake: { deposited: 3n * 10n ** 12n, contributed: 0, locked_until: 0 },
      raw_at: 3n * 10n ** 12n,
    })[label],
    profiles: (label, args) => ({
      questionnaire: { questions: 5, answer_max: 3, uri: 'ipfs://questions' },
      // me: answers 0..4 accepting only itself; rep1 answers the same; rep2 disagrees on two.
      answers: args[1] === rep2
        ? [answer(0, 1, 2), answer(2, 2, 2), answer(2, 4, 2), answer(3, 8, 2), answer(3, 8, 2)]
        : [answer(0, 1, 2), answer(1, 2, 2), answer(2, 4, 2), answer(3, 8, 2), answer(3, 8, 2)],
      statement: 'ipfs://statement',
      representatives: [rep2, rep1],
      standing: [],
      admin: ADDR.governance,
    })[label],
    missions: (label, args) => ({
      'PSP22::balance_of': 250n,
      'PSP22Metadata::token_symbol': 'USOS',
      'PSP22Metadata::token_decimals': 2,
      mission: args[0] === 1 ? {
        creator: rep1, claimants: 0, status: 'Open', paid_to: null, funding: 'Treasury', awaiting_review: 0,
        spec: { title: 'Paint the hall', description: `0x${'ab'.repeat(32)}`, bounty: 1500n, deadline: 900, reviewers: { Accounts: [me] }, approvals_needed: 1, max_claimants: 2 },
      } : null,
      claim_of: null,
      admin: ADDR.governance,
    })[label],
  };
}
