/**
 * Series colours: the Okabe–Ito palette (safe for the common colour-vision deficiencies), ordered so
 * neighbours differ in lightness too. Printed in grey, series still differ by hatch pattern (bars),
 * marker and dash (lines), and every bar or point carries its value as a label.
 */
export const OKABE_ITO = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'] as const;

export function seriesColour(index: number): string {
  return OKABE_ITO[index % OKABE_ITO.length] ?? '#000000';
}

/** Black text on light fills, white on dark ones (relative luminance). */
export function labelColourOn(fill: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(fill.slice(i, i + 2), 16) / 255) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.5 ? '#000000' : '#ffffff';
}

/** Cell tones (RAG): the label beside the marker carries the meaning, the colour repeats it. */
export const TONES = { red: '#C0392B', amber: '#E69F00', green: '#009E73', grey: '#9E9E9E' } as const;

type Hatch = { angles: number[]; spacing: number };
/** Series 0 is plain; the others get line hatching at distinct angles and densities. */
const HATCHES: Hatch[] = [
  { angles: [], spacing: 0 },
  { angles: [45], spacing: 4 },
  { angles: [-45], spacing: 4 },
  { angles: [0], spacing: 3 },
  { angles: [45, -45], spacing: 5 },
  { angles: [90], spacing: 3 },
  { angles: [0, 90], spacing: 4 },
  { angles: [45], spacing: 2.5 },
];

/** Fills a rectangle with the series colour and its hatch. */
export function fillPatterned(doc: PDFKit.PDFDocument, x: number, y: number, w: number, h: number, index: number): void {
  if (w <= 0 || h <= 0) return;
  const colour = seriesColour(index);
  doc.save().rect(x, y, w, h).fill(colour).restore();
  const hatch = HATCHES[index % HATCHES.length] ?? { angles: [], spacing: 0 };
  if (hatch.angles.length === 0) return;
  doc.save();
  doc.rect(x, y, w, h).clip();
  doc.lineWidth(0.7).strokeColor('#ffffff').strokeOpacity(0.75);
  const reach = w + h;
  for (const angle of hatch.angles) {
    const rad = (angle * Math.PI) / 180;
    const dx = Math.cos(rad);
    const dy = Math.sin(rad);
    // Lines perpendicular to (−dy, dx), stepped across the rectangle's diagonal.
    for (let t = -reach; t <= reach; t += hatch.spacing) {
      const cx = x + w / 2 + -dy * t;
      const cy = y + h / 2 + dx * t;
      doc.moveTo(cx - dx * reach, cy - dy * reach).lineTo(cx + dx * reach, cy + dy * reach);
    }
    doc.stroke();
  }
  doc.restore();
}

/** Line series: a dash pattern and a marker shape each, so lines differ without colour. */
export const DASHES: Array<number[] | null> = [null, [5, 2], [1.5, 2], [6, 2, 1.5, 2], [3, 3], [8, 3], null, [2, 4]];
export const MARKERS = ['circle', 'square', 'triangle', 'diamond', 'cross', 'circleOpen', 'squareOpen', 'triangleOpen'] as const;

export function drawMarker(doc: PDFKit.PDFDocument, x: number, y: number, index: number, r = 2.8): void {
  const colour = seriesColour(index);
  const shape = MARKERS[index % MARKERS.length] ?? 'circle';
  doc.save().lineWidth(1).undash().strokeColor(colour).fillColor(colour);
  const open = shape.endsWith('Open');
  switch (shape.replace('Open', '')) {
    case 'square':
      doc.rect(x - r, y - r, 2 * r, 2 * r);
      break;
    case 'triangle':
      doc.polygon([x, y - r * 1.2], [x + r * 1.1, y + r * 0.8], [x - r * 1.1, y + r * 0.8]);
      break;
    case 'diamond':
      doc.polygon([x, y - r * 1.3], [x + r * 1.1, y], [x, y + r * 1.3], [x - r * 1.1, y]);
      break;
    case 'cross':
      doc.moveTo(x - r, y - r).lineTo(x + r, y + r).moveTo(x - r, y + r).lineTo(x + r, y - r).stroke();
      doc.restore();
      return;
    default:
      doc.circle(x, y, r);
  }
  if (open) doc.fillColor('#ffffff').fillAndStroke();
  else doc.fill();
  doc.restore();
}
