// The tally as bars (plain SVG): per pool, how its holders voted as a share of the pool; the
// decision points per choice as a share of the budget; quorum and approval against their
// thresholds (the dashed line).
import { formatPercent, formatInt } from '../logic/units.js';

const COLORS = { For: 'var(--for)', Against: 'var(--against)', Abstain: 'var(--abstain)' };
// Room for the longest label ("Approval (For/For+Against)") and note ("100.00% / 66.67%").
const W = 680;
const LABEL = 185;
const BAR = W - LABEL - 135;
const ROW = 34;

function Stacked({ y, label, parts, note }) {
  let x = LABEL;
  return (
    <g>
      <text x={0} y={y + 15} className="chart-label">{label}</text>
      <rect x={LABEL} y={y} width={BAR} height={20} className="chart-track" />
      {parts.map((p) => {
        const w = (Math.min(Math.max(p.percent, 0), 100) / 100) * BAR;
        const rect = (
          <rect key={p.choice} x={x} y={y} width={w} height={20} fill={COLORS[p.choice]}>
            <title>{`${p.choice}: ${formatPercent(p.percent)}${p.detail ? ` (${p.detail})` : ''}`}</title>
          </rect>
        );
        x += w;
        return rect;
      })}
      <text x={LABEL + BAR + 6} y={y + 15} className="chart-note">{note}</text>
    </g>
  );
}

function Threshold({ y, label, percent, threshold, met }) {
  const w = (Math.min(Math.max(percent ?? 0, 0), 100) / 100) * BAR;
  const t = LABEL + (threshold / 100) * BAR;
  return (
    <g>
      <text x={0} y={y + 15} className="chart-label">{label}</text>
      <rect x={LABEL} y={y} width={BAR} height={20} className="chart-track" />
      <rect x={LABEL} y={y} width={w} height={20} fill={met ? 'var(--for)' : 'var(--pending)'} />
      <line x1={t} x2={t} y1={y - 4} y2={y + 24} className="chart-threshold" />
      <text x={LABEL + BAR + 6} y={y + 15} className="chart-note">
        {/* The threshold as the contract holds it: 66.67%, not a rounded 67%. */}
        {formatPercent(percent)} / {formatPercent(threshold, Number.isInteger(threshold) ? 0 : 2)}
      </text>
    </g>
  );
}

export default function TallyChart({ view }) {
  const rows = view.pools.length + 3;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${rows * ROW + 10}`} role="img" aria-label="Tally per pool and choice">
        {view.pools.map((p, i) => (
          <Stacked key={p.pool} y={i * ROW + 4} label={p.label}
            parts={p.choices.map((c) => ({ choice: c.choice, percent: c.percentOfPool, detail: `${formatInt(c.amount)} of ${formatInt(p.total)}` }))}
            note={`of ${formatInt(p.total)}`} />
        ))}
        <Stacked y={view.pools.length * ROW + 4} label="Decision points"
          parts={view.byChoice.map((c) => ({ choice: c.choice, percent: c.percentOfBudget, detail: `${formatInt(c.points)} points` }))}
          note="of budget" />
        <Threshold y={(view.pools.length + 1) * ROW + 4} label="Quorum (For+Abstain)" {...view.quorum} />
        <Threshold y={(view.pools.length + 2) * ROW + 4} label="Approval (For/For+Against)" {...view.approval} />
      </svg>
      <figcaption className="legend">
        {Object.entries(COLORS).map(([c, color]) => (
          <span key={c}><i style={{ background: color }} /> {c}</span>
        ))}
        <span><i className="dash" /> threshold</span>
      </figcaption>
    </figure>
  );
}
