// What a page shows while it reads, or when a read failed.
export default function Loading({ state, children }) {
  if (state.error) return <p className="error">{state.error.message ?? String(state.error)}</p>;
  if (state.loading && state.data === undefined) return <p className="muted">Reading…</p>;
  return children(state.data);
}
