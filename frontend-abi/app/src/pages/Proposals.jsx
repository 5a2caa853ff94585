// Proposals by state, newest first: title, category, proposer and what comes next.
import { useState } from 'react';
import { useApp, useLoad } from '../hooks.js';
import { read } from '../chain/read.js';
import { nextStep, STATES } from '../logic/proposal.js';
import { formatInt } from '../logic/units.js';
import Address from '../components/Address.jsx';
import Loading from '../components/Loading.jsx';

const SHOWN = 100;

async function loadProposals(conn) {
  const count = await read(conn, 'governance', 'proposal_count');
  const ids = [];
  for (let id = count - 1; id >= 0 && ids.length < SHOWN; id--) ids.push(id);
  const items = await Promise.all(
    ids.map(async (id) => {
      const [proposal, text, state] = await Promise.all([
        read(conn, 'governance', 'proposal', id),
        read(conn, 'governance', 'proposal_text', id),
        read(conn, 'governance', 'state', id),
      ]);
      return { id, proposal, text, state };
    }),
  );
  return { count, items };
}

export default function Proposals() {
  const { conn, block } = useApp();
  const [filter, setFilter] = useState('open');
  // Every tenth block: states move with the chain, and the list reads every proposal.
  const state = useLoad(() => loadProposals(conn), [conn.addresses.governance], [Math.floor(block / 10)]);
  return (
    <Loading state={state}>
      {(d) => {
        const counts = Object.fromEntries(STATES.map((s) => [s, d.items.filter((i) => i.state === s).length]));
        const shown = d.items.filter((i) =>
          filter === 'all' ? true : filter === 'open' ? ['Pending', 'Active', 'Succeeded', 'Queued'].includes(i.state) : i.state === filter);
        return (
          <>
            <h1>Proposals <span className="muted small">{d.count} in all{d.count > SHOWN ? `, the last ${SHOWN} shown` : ''}</span></h1>
            <div className="tabs">
              {['open', 'all', ...STATES].map((s) => (
                <button key={s} type="button" className={filter === s ? 'tab active' : 'tab'} onClick={() => setFilter(s)}>
                  {s}{STATES.includes(s) ? ` (${counts[s]})` : ''}
                </button>
              ))}
              <a className="button" href="#/new">New proposal</a>
            </div>
            {shown.length === 0 && <p className="muted">No proposal here.</p>}
            <ul className="proposals">
              {shown.map((i) => {
                const next = nextStep(i.proposal, i.state, block);
                return (
                  <li key={i.id}>
                    <a href={`#/proposal/${i.id}`}>
                      <span className={`state ${i.state.toLowerCase()}`}>{i.state}</span>
                      <strong>#{i.id} {i.text?.title ?? '(no title)'}</strong>
                    </a>
                    <span className="muted small">
                      category {i.proposal.category} · by <Address value={i.proposal.proposer} />
                      {next && ` · ${next.label.toLowerCase()} in ${formatInt(next.inBlocks)} blocks`}
                    </span>
                  </li>
                );
              })}
            </ul>
          </>
        );
      }}
    </Loading>
  );
}
