// Small React helpers shared by the pages.
import { createContext, useCallback, useContext, useEffect, useState } from 'react';

/** What every page needs: the connection (with the selected account), the best block, refresh. */
export const AppContext = createContext(null);
export const useApp = () => useContext(AppContext);

/**
 * Runs `load()` when `deps` (or the app's refresh counter) change: { data, error, loading, reload }.
 * Stale answers of an earlier run are dropped.
 */
export function useLoad(load, deps) {
  const { refresh } = useApp() ?? {};
  const [state, setState] = useState({ loading: true, data: undefined, error: null });
  const [again, setAgain] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    Promise.resolve()
      .then(load)
      .then(
        (data) => live && setState({ loading: false, data, error: null }),
        (error) => live && setState({ loading: false, data: undefined, error }),
      );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, refresh, again]);
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
