// The node URL and the cooperative (its governance address, or the factory that made it), plus
// the addresses that cannot be read from chain. Applying writes them into the URL query so the
// link can be shared.
import { useEffect, useState } from 'react';
import { isAddress, isNodeUrl } from '../logic/settings.js';

export default function SettingsForm({ settings, onApply, notes }) {
  const [draft, setDraft] = useState(settings);
  const chosen = Boolean(settings.coop || settings.factory);
  const [open, setOpen] = useState(!chosen);
  useEffect(() => setDraft(settings), [settings]);
  const bad = {
    node: !isNodeUrl(draft.node),
    coop: draft.coop !== '' && !isAddress(draft.coop),
    factory: draft.factory !== '' && !isAddress(draft.factory),
    missions: draft.missions !== '' && !isAddress(draft.missions),
    profiles: draft.profiles !== '' && !isAddress(draft.profiles),
  };
  const set = (key) => (e) => setDraft({ ...draft, [key]: e.target.value.trim() });
  const submit = (e) => {
    e.preventDefault();
    if (Object.values(bad).some(Boolean)) return;
    onApply(draft);
    setOpen(false);
  };
  if (!open) {
    return (
      <div className="settings closed">
        <button type="button" className="link" onClick={() => setOpen(true)}>
          {chosen ? `${settings.node} · ${(settings.coop || settings.factory).slice(0, 8)}…` : 'Choose a cooperative'}
        </button>
        {notes.length > 0 && <span className="warn" title={notes.join('\n')}>⚠ {notes.length}</span>}
      </div>
    );
  }
  return (
    <form className="settings" onSubmit={submit}>
      <label>
        Node <input value={draft.node} onChange={set('node')} className={bad.node ? 'invalid' : ''} />
      </label>
      <label>
        Cooperative (governance address)
        <input value={draft.coop} onChange={set('coop')} placeholder="5…" className={bad.coop ? 'invalid' : ''} />
      </label>
      <label>
        Factory address
        <input value={draft.factory} onChange={set('factory')} placeholder="optional: finds missions (alone: its latest cooperative)" className={bad.factory ? 'invalid' : ''} />
      </label>
      <label>
        Missions address <input value={draft.missions} onChange={set('missions')} placeholder="optional" className={bad.missions ? 'invalid' : ''} />
      </label>
      <label>
        Profiles address <input value={draft.profiles} onChange={set('profiles')} placeholder="read from membership" className={bad.profiles ? 'invalid' : ''} />
      </label>
      {notes.map((n) => (
        <p key={n} className="muted small">{n}</p>
      ))}
      <div className="row">
        <button type="submit">Open</button>
        {chosen && (
          <button type="button" className="secondary" onClick={() => setOpen(false)}>
            Close
          </button>
        )}
      </div>
    </form>
  );
}
