// A category picker over the cooperative's categories (ids 0.. as governance knows them).
export default function CategorySelect({ categories, value, onChange }) {
  return (
    <select value={value ?? ''} onChange={(e) => onChange(Number(e.target.value))}>
      {categories.map((c) => (
        <option key={c.id} value={c.id}>{c.id} · {c.name}</option>
      ))}
    </select>
  );
}
