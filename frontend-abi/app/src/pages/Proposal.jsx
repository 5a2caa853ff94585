// One proposal: its text, its actions decoded by the callee's metadata, the tally per pool and
// choice with quorum and approval, what comes next, and the vote and lifecycle buttons.
import { useApp, useLoad } from '../hooks.js';
import { read, readOr } from '../chain/read.js';
import { decodeAction } from '../logic/actions.js';
import { tallyView } from '../logic/tally.js';
import { availableActions, nextStep, statusOf } from '../logic/proposal.js';
import { formatBps, formatInt, formatUnits } from '../logic/units.js';
import { field } from '../logic/numbers.js';
import Address from '../components/Address.jsx';
import Loading from '../components/Loading.jsx';
import TallyChart from '../components/TallyChart.jsx';
import MakeBlockButton from '../components/MakeBlockButton.jsx';
import TxButton from '../components/TxButton.jsx';

async function loadProposal(conn, id, me) {
  const proposal = await read(conn, 'governance', 'proposal', id);
  if (!proposal) throw new Error(`There is no proposal #${id}.`);
  const [text, actions, state, tally, totals, outcome, vote, delegate] = await Promise.all([
    read(conn, 'governance', 'proposal_text', id),
    read(conn, 'governance', 'proposal_actions', id),
    read(conn, 'governance', 'state', id),
    read(conn, 'governance', 'tally', id),
    read(conn, 'governance', 'totals_at', proposal.category, proposal.snapshot),
    readOr(null, conn, 'governance', 'outcome', id),
    me ? read(conn, 'governance', 'vote_of', id, me) : null,
    me ? read(conn, 'governance', 'delegate_at', proposal.category, me, proposal.snapshot) : null,
  ]);
  // Arguments as plain text for the page: codecs in props would be walked by React's dev
  // tools at each re-render (every block), and some of their getters throw.
  const decoded = actions.map((a) => {
    const action = decodeAction(a, conn.byAddress);
    return { ...action, args: action.args.map(({ name, type, value }) => ({ name, type, shown: shownArg(value) })) };
  });
  const view = tallyView({ params: proposal.params, budget: proposal.budget, totals, tally });
  return { proposal, text, decoded, state, view, outcome, vote, delegate };
}

function ActionView({ action, conn }) {
  return (
    <li className="action">
      <div>
        <strong>{action.contract ?? 'unknown contract'}.{action.message ?? action.selector}</strong>{' '}
        <Address value={action.callee} />
        {action.value > 0n && <span className="muted"> · sends {formatUnits(action.value, conn.decimals, conn.symbol)}</span>}
      </div>
      {action.error ? (
        <p className="error small">
          {action.error}. Raw call: <code>{action.selector}</code> <code className="wrap">{action.input}</code>
        </p>
      ) : (
        <table className="compact">
          <tbody>
            {action.args.map((a) => (
              <tr key={a.name}>
                <td>{a.name}</td>
                <td className="muted small">{a.type}</td>
                <td><ArgValue shown={a.shown} /></td>
              </tr>
            ))}
            {action.args.length === 0 && <tr><td className="muted">no arguments</td></tr>}
          </tbody>
        </table>
      )}
    </li>
  );
}

/** An argument as the page shows it: an account, or its human-readable text. */
function shownArg(value) {
  if (value.toRawType() === 'AccountId') return { account: value.toString() };
  const human = value.toHuman();
  return { text: typeof human === 'string' ? human : JSON.stringify(human) };
}

function ArgValue({ shown }) {
  if (shown.account) return <Address value={shown.account} />;
  return <code className="wrap">{shown.text}</code>;
}

export default function Proposal({ id }) {
  const { conn, account, block } = useApp();
  const me = account?.address ?? null;
  // Read again at every block: the state, the tally and the buttons follow the chain.
  const state = useLoad(() => loadProposal(conn, id, me), [id, me, conn.addresses.governance], [block]);
  return (
    <Loading state={state}>
      {(d) => {
        const p = d.proposal;
        const can = availableActions(p, d.state, block, me);
        const next = nextStep(p, d.state, block);
        const status = statusOf(p);
        return (
          <>
            <p><a href="#/proposals">← proposals</a></p>
            <h1>
              <span className={`state ${d.state.toLowerCase()}`}>{d.state}</span> #{id} {d.text?.title}
            </h1>
            <p className="description">{d.text?.description || <em className="muted">no description</em>}</p>
            <p className="muted small">
              category {p.category} · proposed by <Address value={p.proposer} /> · snapshot block {formatInt(p.snapshot)} · voting
              until block {formatInt(field(p, 'vote_end'))}{p.extended ? ' (extended by a late delegated vote)' : ''}
              {status.eta !== null && ` · executable from block ${formatInt(status.eta)}`}
            </p>
            {next && (
              <p className="next">
                {next.label} at block {formatInt(next.at)}: <strong>{formatInt(next.inBlocks)} blocks</strong> from now.
                {next.inBlocks > 0 && <MakeBlockButton />}
              </p>
            )}

            <h2>Actions</h2>
            {d.decoded.length === 0 ? <p className="muted">None: a proposal to take the cooperative's view.</p> : (
              <ol className="actions">
                {d.decoded.map((a, i) => <ActionView key={i} action={a} conn={conn} />)}
              </ol>
            )}

            <h2>Tally</h2>
            <TallyChart view={d.view} />
            <p>
              Quorum {d.view.quorum.met ? 'met' : 'not met'} · approval {d.view.approval.met ? 'reached' : 'not reached'} (needs more
              than {formatBps(p.params.approval)}) · {d.view.passed ? <strong>passes so far</strong> : <strong>does not pass so far</strong>}
              {d.outcome && (d.outcome.quorumMet !== d.view.quorum.met || d.outcome.approved !== d.view.approval.met) && (
                <span className="error small"> (governance's own outcome differs: quorum {String(d.outcome.quorumMet)}, approved {String(d.outcome.approved)})</span>
              )}
            </p>

            <h2>Your vote</h2>
            {!me && <p className="muted">Connect a wallet account to vote.</p>}
            {me && d.vote && <p>You voted <strong>{d.vote.choice}</strong>.</p>}
            {me && !d.vote && d.delegate && (
              <p className="muted">At the snapshot you delegated this category to <Address value={d.delegate} />; voting yourself overrides it.</p>
            )}
            {me && can.vote && !d.vote && (
              <div className="row">
                {['For', 'Against', 'Abstain'].map((choice) => (
                  <TxButton key={choice} className={`vote ${choice.toLowerCase()}`}
                    call={() => ({ name: 'governance', label: 'cast_vote', args: [id, choice] })}>
                    {choice}
                  </TxButton>
                ))}
              </div>
            )}
            {me && !can.vote && !d.vote && <p className="muted">Voting is not open.</p>}
            <div className="row">
              {can.finalise && (
                <TxButton call={() => ({ name: 'governance', label: 'finalise', args: [id] })}>Finalise</TxButton>
              )}
              {can.execute && (
                <TxButton call={() => ({ name: 'governance', label: 'execute', args: [id] })}>Execute</TxButton>
              )}
              {can.cancel && (
                <TxButton className="secondary" call={() => ({ name: 'governance', label: 'cancel', args: [id] })}>Cancel</TxButton>
              )}
            </div>
          </>
        );
      }}
    </Loading>
  );
}
