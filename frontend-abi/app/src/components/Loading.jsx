// What a page shows while it reads, or when a read failed.
export default function Loading({ state, children }) {
  const message = state.error && (state.error.message ?? String(state.error));
  if (state.data === undefined) {
    if (message) return <p className="error">{message}</p>;
    return <p className="muted">Reading…</p>;
  }
  // What was read before stays on the page (a transaction in progress keeps its button).
  return (
    <>
      {message && <p className="error small">Could not read again: {message}</p>}
      {children(state.data)}
    </>
  );
}
