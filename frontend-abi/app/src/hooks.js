// Small React helpers shared by the pages.
import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';

/** What every page needs: the connection (with the selected account), the best block, refresh. */
export const AppContext = createContext(null);
export const useApp = () => useContext(AppContext);

/**
 * Runs `load()` when `deps`, `rereadOn` (e.g. the best block) or the app's refresh counter
 * change: { data, error, loading, reload }. Stale answers of an earlier run are dropped. A
 * re-read keeps what was shown until new data arrives (a failed one keeps it, with the error);
 * a change of `deps` (another proposal, another account) starts from nothing.
 */
export function useLoad(load, deps, rereadOn = []) {
  const { refresh } = useApp() ?? {};
  const [state, setState] = useState({ loading: true, data: undefined, error: null });
  const [again, setAgain] = useState(0);
  const shown = useRef(deps);
  useEffect(() => {
    let live = true;
    const same = deps.length === shown.current.length && deps.every((d, i) => Object.is(d, shown.current[i]));
    shown.current = deps;
    setState((s) => ({ data: same ? s.data : undefined, loading: true, error: null }));
    Promise.resolve()
      .then(load)
      .then(
        (data) => live && setState({ loading: false, data, error: null }),
        (error) => live && setState((s) => ({ loading: false, data: s.data, error })),
      );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, ...rereadOn, refresh, again]);
  const reload = useCallback(() => setAgain((n) => n + 1), []);
  return { ...state, reload };
}

/** The current location hash as a route: '#/proposal/7' → ['proposal', '7']. */
export function useRoute() {
  const read = () => window.location.hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const on = () => setRoute(read());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}
