// A grouped bar chart as inline SVG, drawn by hand (no chart library): groups on the x axis, one bar
// per series in each group, a linear y axis with round ticks, and a legend.

export interface Series {
  label: string;
  color: string;
}

export interface Group {
  label: string;
  values: (number | undefined)[];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function niceMax(x: number): number {
  if (!(x > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  return ([1, 2, 2.5, 5, 10].find((m) => m * p >= x) ?? 10) * p;
}

export function barChart(title: string, unit: string, series: Series[], groups: Group[]): string {
  const width = 760;
  const height = 340;
  const left = 64;
  const right = 16;
  const top = 40;
  const bottom = 70;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const max = niceMax(Math.max(0, ...groups.flatMap((g) => g.values.filter((v): v is number => v !== undefined && Number.isFinite(v)))));
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const groupW = plotW / Math.max(1, groups.length);
  const barW = Math.min(48, (groupW * 0.8) / series.length);
  const parts: string[] = [];
  parts.push(`<text x="${width / 2}" y="22" text-anchor="middle" font-size="15" font-weight="600">${esc(title)}</text>`);
  for (let i = 0; i <= 5; i++) {
    const v = (max / 5) * i;
    parts.push(`<line x1="${left}" x2="${width - right}" y1="${y(v)}" y2="${y(v)}" stroke="#e5e7eb"/>`);
    parts.push(`<text x="${left - 6}" y="${y(v) + 4}" text-anchor="end" font-size="11" fill="#555">${+v.toPrecision(3)}</text>`);
  }
  parts.push(`<text x="14" y="${top + plotH / 2}" transform="rotate(-90 14 ${top + plotH / 2})" text-anchor="middle" font-size="12" fill="#333">${esc(unit)}</text>`);
  groups.forEach((g, gi) => {
    const x0 = left + gi * groupW + (groupW - barW * series.length) / 2;
    g.values.forEach((v, si) => {
      if (v === undefined || !Number.isFinite(v)) return;
      const x = x0 + si * barW;
      parts.push(`<rect x="${x + 1}" y="${y(v)}" width="${barW - 2}" height="${top + plotH - y(v)}" fill="${series[si]!.color}"><title>${esc(`${g.label} — ${series[si]!.label}: ${v}`)}</title></rect>`);
      parts.push(`<text x="${x + barW / 2}" y="${y(v) - 3}" text-anchor="middle" font-size="9" fill="#333">${+v.toPrecision(3)}</text>`);
    });
    parts.push(`<text x="${left + gi * groupW + groupW / 2}" y="${top + plotH + 16}" text-anchor="middle" font-size="12">${esc(g.label)}</text>`);
  });
  parts.push(`<line x1="${left}" x2="${width - right}" y1="${top + plotH}" y2="${top + plotH}" stroke="#333"/>`);
  let lx = left;
  series.forEach((s) => {
    parts.push(`<rect x="${lx}" y="${height - 26}" width="12" height="12" fill="${s.color}"/>`);
    parts.push(`<text x="${lx + 16}" y="${height - 16}" font-size="12">${esc(s.label)}</text>`);
    lx += 24 + s.label.length * 7;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="system-ui, sans-serif">${parts.join('')}</svg>`;
}
