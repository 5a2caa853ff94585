// The shell: settings (node and cooperative, in the URL), the connection, the wallet account,
// the navigation and the page of the current route.
import { useEffect, useMemo, useState } from 'react';
import { AppContext, useRoute } from './hooks.js';
import { parseSettings, settingsQuery } from './logic/settings.js';
import { openApi, openCooperative } from './chain/connection.js';
import SettingsForm from './components/SettingsForm.jsx';
import AccountPicker from './components/AccountPicker.jsx';
import Cooperative from './pages/Cooperative.jsx';
import Power from './pages/Power.jsx';
import Proposals from './pages/Proposals.jsx';
import Proposal from './pages/Proposal.jsx';
import NewProposal from './pages/NewProposal.jsx';
import Delegation from './pages/Delegation.jsx';
import Capital from './pages/Capital.jsx';
import Missions from './pages/Missions.jsx';
import Merit from './pages/Merit.jsx';

const NAV = [
  ['', 'Cooperative'],
  ['power', 'My power'],
  ['proposals', 'Proposals'],
  ['new', 'New proposal'],
  ['delegation', 'Delegation'],
  ['capital', 'Capital'],
  ['missions', 'Missions'],
  ['merit', 'Merit'],
];

function pageFor(route) {
  switch (route[0]) {
    case 'power':
      return <Power />;
    case 'proposals':
      return <Proposals />;
    case 'proposal':
      return <Proposal id={Number(route[1])} />;
    case 'new':
      return <NewProposal />;
    case 'delegation':
      return <Delegation />;
    case 'capital':
      return <Capital />;
    case 'missions':
      return <Missions />;
    case 'merit':
      return <Merit />;
    default:
      return <Cooperative />;
  }
}

export default function App() {
  const initial = useMemo(() => parseSettings(window.location.search), []);
  const [settings, setSettings] = useState(initial.settings);
  const [api, setApi] = useState(null);
  const [conn, setConn] = useState(null);
  const [status, setStatus] = useState({ text: 'Connecting…', error: initial.problems.join('; ') || null });
  const [block, setBlock] = useState(0);
  const [account, setAccount] = useState(null);
  const [refresh, setRefresh] = useState(0);
  const route = useRoute();

  // The node: reconnect when its URL changes; follow the best block.
  useEffect(() => {
    let live = true;
    let opened = null;
    let unsubscribe = () => {};
    setApi(null);
    setConn(null);
    setStatus({ text: `Connecting to ${settings.node}…`, error: null });
    openApi(settings.node).then(
      async (a) => {
        opened = a;
        if (!live) return a.disconnect();
        setApi(a);
        unsubscribe = await a.rpc.chain.subscribeNewHeads((h) => setBlock(h.number.toNumber()));
      },
      (e) => live && setStatus({ text: '', error: e.message }),
    );
    return () => {
      live = false;
      unsubscribe();
      opened?.disconnect();
    };
  }, [settings.node]);

  // The cooperative: its contracts' addresses, read from governance.
  useEffect(() => {
    if (!api) return undefined;
    if (!settings.coop && !settings.factory) {
      setStatus({ text: 'Enter the cooperative\'s governance address, or the factory that made it.', error: null });
      return undefined;
    }
    let live = true;
    setStatus({ text: 'Reading the cooperative…', error: null });
    openCooperative(api, settings).then(
      (c) => {
        if (!live) return;
        setConn(c);
        setStatus({ text: '', error: null });
        // A factory alone means its latest cooperative, which anyone may change by creating
        // another: from now on the settings and the URL name the one opened, so a reload, a
        // shared link or the settings form keeps it.
        if (!settings.coop) applySettings({ ...settings, coop: c.addresses.governance });
      },
      (e) => live && setStatus({ text: '', error: e.message }),
    );
    return () => {
      live = false;
    };
  }, [api, settings]);

  function applySettings(next) {
    const query = settingsQuery(next, window.location.search);
    window.history.replaceState(null, '', `${window.location.pathname}${query}${window.location.hash}`);
    setSettings(next);
  }

  const context = useMemo(
    () => ({
      conn: conn && { ...conn, account: account?.address ?? null },
      account,
      block,
      refresh,
      settings,
      bump: () => setRefresh((n) => n + 1),
    }),
    [conn, account, block, refresh, settings],
  );
  const here = route[0] === 'proposal' ? 'proposals' : route[0] ?? '';

  return (
    <AppContext.Provider value={context}>
      <header className="top">
        <div className="brand">
          <span className="logo">usOS</span>
          <span className="sub">members</span>
        </div>
        <SettingsForm settings={settings} onApply={applySettings} notes={conn?.notes ?? []} />
        <AccountPicker node={settings.node} account={account} onChange={setAccount} />
      </header>
      <nav className="nav">
        {NAV.map(([path, label]) => (
          <a key={path} href={`#/${path}`} className={here === path ? 'active' : ''}>
            {label}
          </a>
        ))}
        <span className="block">{block ? `block #${block.toLocaleString()}` : ''}</span>
      </nav>
      <main className="page">
        {status.error && <p className="error">{status.error}</p>}
        {status.text && <p className="muted">{status.text}</p>}
        {/* Pages read at the best block: wait for the first one. */}
        {conn && block > 0 ? pageFor(route) : null}
      </main>
      <datalist id="known-addresses">
        {account && <option value={account.address}>you</option>}
        {Object.entries(conn?.addresses ?? {}).filter(([, a]) => a).map(([name, a]) => (
          <option key={name} value={a}>{name}</option>
        ))}
      </datalist>
      <footer className="foot">
        usOS · contracts read through their metadata · every call is dry-run before you sign
      </footer>
    </AppContext.Provider>
  );
}
