// Delegation per category: whom I delegate to, representatives ranked by how well their
// answers match mine (match.js, as `usos match` ranks them), and the questionnaire.
import { useState } from 'react';
import { useApp, useLoad } from '../hooks.js';
import { loadCategories } from '../chain/cooperative.js';
import { read, readOr } from '../chain/read.js';
import { rank } from '../logic/match.js';
import { isAddress } from '../logic/settings.js';
import { formatInt, formatPercent } from '../logic/units.js';
import { accountKey } from '../logic/actions.js';
import Address from '../components/Address.jsx';
import CategorySelect from '../components/CategorySelect.jsx';
import Loading from '../components/Loading.jsx';
import TxButton from '../components/TxButton.jsx';

const IMPORTANCE = ['Irrelevant', 'A little', 'Somewhat', 'Very', 'Mandatory'];

async function loadDelegation(conn, category, me, block) {
  const [delegate, questionnaire, mine, reps, standing] = await Promise.all([
    read(conn, 'governance', 'delegate_of', category, me),
    readOr(null, conn, 'profiles', 'questionnaire', category),
    readOr(null, conn, 'profiles', 'answers', category, me),
    readOr([], conn, 'profiles', 'representatives', category),
    readOr([], conn, 'profiles', 'standing', me),
  ]);
  const profiles = await Promise.all(
    reps.map(async (id) => ({
      id,
      answers: (await readOr(null, conn, 'profiles', 'answers', category, id)) ?? [],
      statement: await readOr(null, conn, 'profiles', 'statement', category, id),
      holds: (await readOr({ equal: 0 }, conn, 'governance', 'power_at', category, id, block)).equal,
    })),
  );
  return { delegate, questionnaire, mine, ranked: rank(mine ?? [], profiles), standing: standing.includes(category) };
}

function Questionnaire({ category, questionnaire, mine }) {
  const max = Number(questionnaire.answerMax);
  const initial = Array.from({ length: Number(questionnaire.questions) }, (_, i) =>
    mine?.[i] ?? { value: 0, accepted: 1, importance: 2 });
  const [answers, setAnswers] = useState(initial);
  const set = (i, patch) => setAnswers(answers.map((a, j) => (j === i ? { ...a, ...patch } : a)));
  return (
    <div className="card wide">
      <h3>Your answers</h3>
      <p className="muted small">
        Question texts: {questionnaire.uri ? <a href={questionnaire.uri} target="_blank" rel="noreferrer">{questionnaire.uri}</a> : 'not published'}.
        For each question: your answer (0–{max}), the answers you accept from a representative, and how much it matters.
      </p>
      <table className="compact questionnaire">
        <thead><tr><th>#</th><th>your answer</th><th>you accept</th><th>importance</th></tr></thead>
        <tbody>
          {answers.map((a, i) => (
            <tr key={i}>
              <td>{i + 1}</td>
              <td>
                <select value={a.value} onChange={(e) => set(i, { value: Number(e.target.value) })}>
                  {Array.from({ length: max + 1 }, (_, v) => <option key={v} value={v}>{v}</option>)}
                </select>
              </td>
              <td className="accepts">
                {Array.from({ length: max + 1 }, (_, v) => (
                  <label key={v} className="inline small">
                    <input type="checkbox" checked={((a.accepted >> v) & 1) === 1}
                      onChange={(e) => set(i, { accepted: e.target.checked ? a.accepted | (1 << v) : a.accepted & ~(1 << v) })} />
                    {v}
                  </label>
                ))}
              </td>
              <td>
                <select value={a.importance} onChange={(e) => set(i, { importance: Number(e.target.value) })}>
                  {IMPORTANCE.map((label, v) => <option key={v} value={v}>{label}</option>)}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <TxButton call={() => ({ name: 'profiles', label: 'publish_answers', args: [category, answers] })}>
        Publish my answers
      </TxButton>
    </div>
  );
}

export default function Delegation() {
  const { conn, account, block } = useApp();
  const me = account?.address;
  const categories = useLoad(() => loadCategories(conn), [conn.addresses.governance]);
  const [category, setCategory] = useState(null);
  const [to, setTo] = useState('');
  const [statement, setStatement] = useState('');
  const list = categories.data?.filter((c) => c.params) ?? [];
  const cat = category ?? list.find((c) => c.id > 0)?.id ?? list[0]?.id ?? 0;
  const state = useLoad(() => (me ? loadDelegation(conn, cat, me, block) : null), [cat, me, conn.addresses.governance], [block]);
  if (!me) return <p className="muted">Connect a wallet account to delegate.</p>;
  return (
    <Loading state={categories}>
      {() => (
        <>
          <h1>Delegation</h1>
          <p>
            Category <CategorySelect categories={list} value={cat} onChange={setCategory} />{' '}
            <span className="muted small">Delegation is per category and transitive; voting yourself always overrides it.</span>
          </p>
          <Loading state={state}>
            {(d) => (
              <>
                <div className="card wide">
                  <h3>You delegate to</h3>
                  {d.delegate ? (
                    <p>
                      <Address value={d.delegate} />{' '}
                      <TxButton className="secondary" call={() => ({ name: 'governance', label: 'undelegate', args: [cat] })}>
                        Undelegate
                      </TxButton>
                    </p>
                  ) : <p className="muted">Nobody: you vote yourself.</p>}
                  <div className="row">
                    <input value={to} onChange={(e) => setTo(e.target.value.trim())} placeholder="any account: a member, a representative" list="known-addresses" />
                    <TxButton disabled={!isAddress(to)} call={() => ({ name: 'governance', label: 'delegate', args: [cat, to] })}>
                      Delegate
                    </TxButton>
                  </div>
                </div>

                <h2>Representatives</h2>
                {!conn.addresses.profiles && <p className="error">The profiles contract is not known: enter its address in the settings.</p>}
                {!d.mine && <p className="muted">Answer the questionnaire below to see how well each representative matches you.</p>}
                {d.ranked.length === 0 ? <p className="muted">Nobody stands in this category yet.</p> : (
                  <table>
                    <thead><tr><th>rank</th><th>representative</th><th>match</th><th>members it holds</th><th>statement</th><th /></tr></thead>
                    <tbody>
                      {d.ranked.map((r, i) => (
                        <tr key={r.id}>
                          <td>{i + 1}</td>
                          <td><Address value={r.id} /></td>
                          <td>{d.mine ? formatPercent(r.score, 1) : '—'}</td>
                          <td>{formatInt(r.holds)}</td>
                          <td className="small">{r.statement ? <a href={r.statement} target="_blank" rel="noreferrer">{r.statement}</a> : '—'}</td>
                          <td>
                            {d.delegate && accountKey(d.delegate) === accountKey(r.id) ? <span className="ok">your delegate</span> : (
                              <TxButton call={() => ({ name: 'governance', label: 'delegate', args: [cat, r.id] })}>Delegate</TxButton>
                            )}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}

                {d.questionnaire ? (
                  <Questionnaire key={`${cat}-${JSON.stringify(d.mine)}`} category={cat} questionnaire={d.questionnaire} mine={d.mine} />
                ) : <p className="muted">This category has no questionnaire yet (governance sets one by proposal).</p>}

                <div className="card wide">
                  <h3>Stand as a representative</h3>
                  {d.standing ? (
                    <TxButton className="secondary" call={() => ({ name: 'profiles', label: 'withdraw', args: [cat] })}>
                      Stop standing in this category
                    </TxButton>
                  ) : (
                    <div className="row">
                      <input value={statement} onChange={(e) => setStatement(e.target.value)} placeholder="statement URI (ipfs://…, https://…)" />
                      <TxButton call={() => ({ name: 'profiles', label: 'stand', args: [cat, statement] })}>Stand</TxButton>
                    </div>
                  )}
                </div>
              </>
            )}
          </Loading>
        </>
      )}
    </Loading>
  );
}
