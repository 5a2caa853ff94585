// One form field per metadata type (see logic/args.js): numbers with their range, accounts,
// bytes, enums as a choice of variant, structs as groups, options, lists and fixed arrays.
import { initialValue, variantDraft } from '../logic/args.js';

function hintOf(desc) {
  if (desc.kind === 'int') {
    const range = `${desc.min}..=${desc.max > 10n ** 12n ? `${desc.type} max` : desc.max}`;
    return [desc.name !== desc.type && desc.name ? desc.name : desc.type, desc.unit, range].filter(Boolean).join(' · ');
  }
  if (desc.kind === 'bytes') return desc.length === null ? 'hex bytes, 0x…' : `0x… ${desc.length} bytes${desc.name ? ` (${desc.name})` : ''}`;
  if (desc.kind === 'account') return 'account address';
  return '';
}

export default function ArgField({ desc, value, onChange, label }) {
  const title = label ? <span className="arg-label">{label}</span> : null;
  switch (desc.kind) {
    case 'int':
    case 'account':
    case 'bytes':
      return (
        <label className="arg">
          {title}
          <input value={value} onChange={(e) => onChange(e.target.value)} placeholder={hintOf(desc)}
            inputMode={desc.kind === 'int' ? 'numeric' : 'text'} list={desc.kind === 'account' ? 'known-addresses' : undefined} />
        </label>
      );
    case 'text':
      return (
        <label className="arg">
          {title}
          <input value={value} onChange={(e) => onChange(e.target.value)} placeholder="text" />
        </label>
      );
    case 'bool':
      return (
        <label className="arg inline">
          <input type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} /> {title}
        </label>
      );
    case 'unit':
      return null;
    case 'option':
      return (
        <div className="arg group">
          <label className="inline">
            <input type="checkbox" checked={value.some} onChange={(e) => onChange({ ...value, some: e.target.checked })} />
            {title ?? 'set'} <span className="muted small">(optional)</span>
          </label>
          {value.some && <ArgField desc={desc.inner} value={value.value} onChange={(v) => onChange({ ...value, value: v })} />}
        </div>
      );
    case 'vec':
      return (
        <fieldset className="arg group">
          <legend>{label} <span className="muted small">list</span></legend>
          {value.map((item, i) => (
            <div className="list-item" key={i}>
              <ArgField desc={desc.inner} value={item} label={`#${i}`}
                onChange={(v) => onChange(value.map((x, j) => (j === i ? v : x)))} />
              <button type="button" className="secondary small" onClick={() => onChange(value.filter((_, j) => j !== i))}>
                remove
              </button>
            </div>
          ))}
          <button type="button" className="secondary small" onClick={() => onChange([...value, initialValue(desc.inner)])}>
            add
          </button>
        </fieldset>
      );
    case 'array':
    case 'tuple': {
      const items = desc.kind === 'array' ? value.map(() => desc.inner) : desc.items;
      return (
        <fieldset className="arg group">
          <legend>{label}</legend>
          {items.map((d, i) => (
            <ArgField key={i} desc={d} value={value[i]} label={`${i}`}
              onChange={(v) => onChange(value.map((x, j) => (j === i ? v : x)))} />
          ))}
        </fieldset>
      );
    }
    case 'struct':
      return (
        <fieldset className="arg group">
          <legend>{label} <span className="muted small">{desc.name}</span></legend>
          {desc.fields.map((f) => (
            <ArgField key={f.name} desc={f.field} value={value[f.name]} label={f.name}
              onChange={(v) => onChange({ ...value, [f.name]: v })} />
          ))}
        </fieldset>
      );
    case 'enum': {
      const v = desc.variants.find((x) => x.name === value.variant);
      return (
        <div className="arg group">
          <label className="arg">
            {title}
            <select value={value.variant} onChange={(e) => onChange(variantDraft(desc, e.target.value))}>
              {desc.variants.map((x) => (
                <option key={x.name} value={x.name}>{x.name}</option>
              ))}
            </select>
          </label>
          {v?.fields.map((f, i) => (
            <ArgField key={i} desc={f.field} value={value.fields[i]} label={f.name ?? `${v.name} ${i}`}
              onChange={(x) => onChange({ ...value, fields: value.fields.map((y, j) => (j === i ? x : y)) })} />
          ))}
        </div>
      );
    }
    default:
      return <p className="error">Cannot edit a {desc.kind}</p>;
  }
}
