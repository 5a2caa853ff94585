// The cooperative at a glance: members, treasury, capital pool and caps, the token, and each
// category with its pool weights, voting windows, thresholds and merit rules.
import { useApp, useLoad } from '../hooks.js';
import { read, readOr } from '../chain/read.js';
import { loadCategories } from '../chain/cooperative.js';
import { field } from '../logic/numbers.js';
import { formatBps, formatInt, formatShare, formatUnits } from '../logic/units.js';
import Address from '../components/Address.jsx';
import Loading from '../components/Loading.jsx';

async function loadCoop(conn, block) {
  const [members, treasury, config, pool, caps, lock, pending, categories, supply, symbol, decimals] = await Promise.all([
    read(conn, 'membership', 'member_count'),
    read(conn, 'governance', 'treasury'),
    read(conn, 'governance', 'config'),
    read(conn, 'capital', 'pool_at', block),
    read(conn, 'capital', 'caps_at', block),
    read(conn, 'capital', 'lock_blocks'),
    read(conn, 'capital', 'pending_reports'),
    loadCategories(conn),
    readOr(null, conn, 'missions', 'PSP22::total_supply'),
    readOr(null, conn, 'missions', 'PSP22Metadata::token_symbol'),
    readOr(0, conn, 'missions', 'PSP22Metadata::token_decimals'),
  ]);
  const merit = await Promise.all(
    categories.map(async (c) =>
      c.id === 0
        ? null
        : {
            holders: await readOr(null, conn, 'merit', 'holders_at', c.id, block),
            total: await readOr(null, conn, 'merit', 'MeritView::category_total_at', c.id, block),
          },
    ),
  );
  return { members, treasury, config, pool, caps, lock, pending, categories, merit, supply, symbol, decimals };
}

function Weights({ weights }) {
  if (!weights) return '—';
  return (
    <span className="weights">
      <span title="equal">{formatBps(weights.equal)}</span> / <span title="merit">{formatBps(weights.merit)}</span> /{' '}
      <span title="capital">{formatBps(weights.capital)}</span>
    </span>
  );
}

export default function Cooperative() {
  const { conn, block } = useApp();
  // Read at the block the page opened; the refresh counter reloads after a transaction.
  const state = useLoad(() => loadCoop(conn, block), [conn.addresses.governance], [block]);
  return (
    <Loading state={state}>
      {(d) => (
        <>
          <h1>The cooperative</h1>
          <div className="cards">
            <div className="card"><h3>Members</h3><p className="big">{formatInt(d.members)}</p></div>
            <div className="card">
              <h3>Treasury</h3>
              <p className="big">{formatUnits(d.treasury, conn.decimals, conn.symbol)}</p>
              <p className="muted small">governance's own account; paid out by proposal (<code>pay</code>)</p>
            </div>
            <div className="card">
              <h3>Capital pool</h3>
              <p className="big">{formatUnits(d.pool, conn.decimals, conn.symbol)}</p>
              <p className="muted small">
                caps {d.caps ? `${formatBps(d.caps.individual)} per member, ${formatBps(d.caps.household)} per household` : 'not set'}
                {' · '}deposits locked {formatInt(d.lock)} blocks
                {d.pending > 0 && ` · ${d.pending} capital reports waiting (anyone can flush them on the Capital page)`}
              </p>
            </div>
            <div className="card">
              <h3>Decisions</h3>
              <p>budget {formatInt(d.config.budget)} points per proposal</p>
              <p className="muted small">
                {d.config.openPerMember} open proposals per member · grace {formatInt(d.config.grace)} blocks
              </p>
            </div>
            {d.supply !== null && (
              <div className="card">
                <h3>Token</h3>
                <p className="big">{formatUnits(d.supply, d.decimals, d.symbol ?? '')}</p>
                <p className="muted small">total supply (PSP22)</p>
              </div>
            )}
          </div>

          <h2>Categories</h2>
          <p className="muted small">
            Pool weights are equal / merit / capital. Approval: For ÷ (For + Against) must be more than it. Quorum: For + Abstain
            points over the budget.
          </p>
          <div className="scroll">
            <table>
              <thead>
                <tr>
                  <th>id</th><th>name</th><th>weights</th><th>delay</th><th>voting</th><th>approval</th><th>quorum</th>
                  <th>timelock</th><th>depth</th><th>override</th><th>merit holders / points</th><th>attestation rules</th>
                </tr>
              </thead>
              <tbody>
                {d.categories.map((c, i) => {
                  const p = c.params;
                  const r = c.rules;
                  return (
                    <tr key={c.id}>
                      <td>{c.id}</td>
                      <td>{c.name}</td>
                      <td><Weights weights={p?.weights} /></td>
                      <td>{p ? formatInt(field(p, 'voting_delay')) : '—'}</td>
                      <td>{p ? formatInt(field(p, 'voting_period')) : '—'}</td>
                      <td>{p ? formatBps(p.approval) : '—'}</td>
                      <td>{p ? formatBps(p.quorum) : '—'}</td>
                      <td>{p ? formatInt(p.timelock) : '—'}</td>
                      <td>{p ? field(p, 'max_depth') : '—'}</td>
                      <td>{p ? formatInt(field(p, 'override_window')) : '—'}</td>
                      <td>{d.merit[i] ? `${d.merit[i].holders ?? '?'} / ${formatInt(d.merit[i].total ?? 0)}` : '—'}</td>
                      <td className="small">
                        {r
                          ? `≥${field(r, 'min_attestations')} and ${formatBps(field(r, 'min_holder_share'))} of holders · window ${field(r, 'window')} · levels ${field(r, 'level_points').join('/')} points · ${r.lifetime ? `lasts ${formatInt(r.lifetime)} blocks` : 'no expiry'} · revoke ${formatBps(field(r, 'revoke_majority'))}`
                          : c.id === 0 ? 'the constitution: upgrades, rules, caps' : 'no merit category'}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p className="muted small">Times are in blocks. Capital shares count against the whole pool (e.g. {formatShare(3n * 10n ** 16n, 0)} cap).</p>

          <h2>Contracts</h2>
          <ul className="plain">
            {Object.entries(conn.addresses).map(([name, a]) => (
              <li key={name}>{name}: {a ? <Address value={a} /> : <em className="muted">unknown — enter it in the settings</em>}</li>
            ))}
          </ul>
        </>
      )}
    </Loading>
  );
}
