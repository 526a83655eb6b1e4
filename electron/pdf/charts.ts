import type { PdfChart } from './model';
import { DASHES, drawMarker, fillPatterned, labelColourOn, seriesColour } from './palette';
import { INK, type Pen } from './pen';

/**
 * Vector charts drawn with PDFKit paths: horizontal bars, stacked horizontal bars and lines, each
 * with a title, a legend, a value axis with ticks and gridlines, and a label on every bar, segment
 * and point. Values below zero are drawn as zero (the reports count and measure achievement).
 */

const TITLE = { size: 10.5, weight: 'bold' } as const;
const LABEL = { size: 7.5 } as const;
const VALUE = { size: 6.5 } as const;
const BAR = 11;
const CATEGORY_GAP = 7;
const LINE_PLOT_HEIGHT = 170;

type Scale = { max: number; ticks: number[] };

/** 0 to a round maximum in steps of 1, 2 or 5 × 10^k (whole steps when every value is whole, e.g. counts). */
export function niceScale(max: number, whole = false): Scale {
  const top = max > 0 ? max : 1;
  const raw = whole ? Math.max(1, top / 5) : top / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude) || 1;
  const nice = Math.ceil(top / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let t = 0; t <= nice + step / 2; t += step) ticks.push(Number(t.toPrecision(12)));
  return { max: nice, ticks };
}

function values(chart: PdfChart, category: number): number[] {
  return chart.series.map((s) => Math.max(0, s.values[category] ?? 0));
}

function wholeValues(chart: PdfChart): boolean {
  return chart.series.every((s) => s.values.every((v) => v === null || Number.isInteger(v)));
}

function dataMax(chart: PdfChart): number {
  let max = chart.reference?.value ?? 0;
  chart.categories.forEach((_, c) => {
    const vs = values(chart, c);
    max = Math.max(max, chart.type === 'stackedBar' ? vs.reduce((a, b) => a + b, 0) : Math.max(...vs));
  });
  return max;
}

type LegendItem = { name: string; width: number };

function legendRows(pen: Pen, chart: PdfChart, width: number): LegendItem[][] {
  const rows: LegendItem[][] = [[]];
  let used = 0;
  for (const s of chart.series) {
    const item = { name: s.name, width: 16 + Math.min(pen.width(s.name, LABEL), width - 30) + 12 };
    if (used + item.width > width && used > 0) {
      rows.push([]);
      used = 0;
    }
    rows.at(-1)?.push(item);
    used += item.width;
  }
  return rows;
}

function header(pen: Pen, chart: PdfChart, width: number): number {
  return pen.height(chart.title, width, TITLE) + 4 + legendRows(pen, chart, width).length * 13 + 4;
}

function plotHeight(chart: PdfChart): number {
  if (chart.type === 'line') return LINE_PLOT_HEIGHT;
  const perCategory = chart.type === 'bar' ? chart.series.length * (BAR + 1) - 1 : BAR;
  return chart.categories.length * (perCategory + CATEGORY_GAP) + CATEGORY_GAP;
}

/** The height a chart takes at this width, axis and legend included. */
export function chartHeight(pen: Pen, chart: PdfChart, width: number): number {
  const axis = chart.type === 'line' ? 26 : 14;
  const valueLabel = chart.valueLabel ? 12 : 0;
  return header(pen, chart, width) + plotHeight(chart) + axis + valueLabel + 10;
}

/** How many categories of a bar chart fit in `height`; a longer chart is printed in parts. */
export function categoriesThatFit(pen: Pen, chart: PdfChart, width: number, height: number): number {
  if (chart.type === 'line') return chart.categories.length;
  const fixed = chartHeight(pen, { ...chart, categories: [] }, width);
  const perCategory = (plotHeight({ ...chart, categories: ['x'] }) - CATEGORY_GAP) || 1;
  return Math.max(1, Math.floor((height - fixed) / perCategory));
}

function drawLegend(pen: Pen, chart: PdfChart, x: number, y: number, width: number): number {
  const doc = pen.doc;
  let rowY = y;
  let index = 0;
  for (const row of legendRows(pen, chart, width)) {
    let at = x;
    for (const item of row) {
      if (chart.type === 'line') {
        doc.save().lineWidth(1.4).strokeColor(seriesColour(index));
        const dash = DASHES[index % DASHES.length];
        if (dash) doc.dash(dash[0] ?? 2, { space: dash[1] ?? 2 });
        doc.moveTo(at, rowY + 5).lineTo(at + 12, rowY + 5).stroke().restore();
        drawMarker(doc, at + 6, rowY + 5, index, 2.2);
      } else {
        fillPatterned(doc, at, rowY, 12, 10, index);
      }
      pen.line(item.name, at + 16, rowY - 1, { ...LABEL, maxWidth: item.width - 27 });
      at += item.width;
      index++;
    }
    rowY += 13;
  }
  return rowY + 4;
}

/** Draws the chart with its top-left corner at (x, y); returns the y below it. */
export function drawChart(pen: Pen, chart: PdfChart, x: number, y: number, width: number): number {
  const doc = pen.doc;
  pen.write(chart.title, x, y, width, TITLE);
  const top = drawLegend(pen, chart, x, y + pen.height(chart.title, width, TITLE) + 4, width);
  const bottom = chart.type === 'line' ? drawLine(pen, chart, x, top, width) : drawBars(pen, chart, x, top, width);
  let end = bottom;
  if (chart.valueLabel) {
    pen.line(chart.valueLabel, x + width / 2, bottom, { ...LABEL, color: INK.muted, align: 'center', maxWidth: width });
    end += 12;
  }
  doc.x = x;
  doc.y = end + 10;
  return end + 10;
}

function drawBars(pen: Pen, chart: PdfChart, x: number, top: number, width: number): number {
  const doc = pen.doc;
  const format = chart.format ?? 'number';
  const labelWidth = Math.min(width * 0.32, Math.max(...chart.categories.map((c) => pen.width(c, LABEL))) + 8);
  const plotX = x + labelWidth;
  const plotWidth = width - labelWidth - 40;
  const height = plotHeight(chart);
  const scale = niceScale(dataMax(chart), wholeValues(chart));
  const at = (v: number): number => plotX + (Math.min(v, scale.max) / scale.max) * plotWidth;

  for (const tick of scale.ticks) {
    doc.save().lineWidth(0.4).strokeColor(INK.grid).moveTo(at(tick), top).lineTo(at(tick), top + height).stroke().restore();
    pen.line(pen.number(tick, format), at(tick), top + height + 2, { ...VALUE, color: INK.muted, align: 'center' });
  }
  doc.save().lineWidth(0.8).strokeColor(INK.rule).moveTo(plotX, top).lineTo(plotX, top + height).stroke().restore();

  let cursor = top + CATEGORY_GAP;
  const valueHeight = pen.lineHeight('0', VALUE);
  chart.categories.forEach((category, c) => {
    const vs = values(chart, c);
    const block = chart.type === 'bar' ? vs.length * (BAR + 1) - 1 : BAR;
    pen.line(category, plotX - 4, cursor + block / 2 - pen.lineHeight(category, LABEL) / 2, { ...LABEL, align: 'right', maxWidth: labelWidth - 6 });
    if (chart.type === 'bar') {
      vs.forEach((v, s) => {
        const barY = cursor + s * (BAR + 1);
        fillPatterned(doc, plotX, barY, at(v) - plotX, BAR, s);
        const raw = chart.series[s]?.values[c];
        const text = raw === null || raw === undefined ? '–' : pen.number(raw, format);
        pen.line(text, at(v) + 2, barY + BAR / 2 - valueHeight / 2, VALUE);
      });
    } else {
      let from = plotX;
      let total = 0;
      vs.forEach((v, s) => {
        const to = at(total + v);
        fillPatterned(doc, from, cursor, to - from, BAR, s);
        const text = pen.number(v, format);
        if (v > 0 && pen.width(text, VALUE) + 3 <= to - from) {
          pen.line(text, (from + to) / 2, cursor + BAR / 2 - valueHeight / 2, { ...VALUE, align: 'center', color: labelColourOn(seriesColour(s)) });
        }
        total += v;
        from = to;
      });
      pen.line(pen.number(total, format), from + 2, cursor + BAR / 2 - valueHeight / 2, { ...VALUE, weight: 'bold' });
    }
    cursor += block + CATEGORY_GAP;
  });

  if (chart.reference) drawReference(pen, chart.reference, at(chart.reference.value), top, height);
  return top + height + 14;
}

function drawReference(pen: Pen, ref: { value: number; label: string }, rx: number, top: number, height: number): void {
  const doc = pen.doc;
  doc.save().lineWidth(1).strokeColor('#000000').dash(3, { space: 2 }).moveTo(rx, top - 2).lineTo(rx, top + height).stroke().undash().restore();
  pen.line(ref.label, rx + 2, top - 2 - pen.lineHeight(ref.label, VALUE) + 2, { ...VALUE, weight: 'bold' });
}

function drawLine(pen: Pen, chart: PdfChart, x: number, top: number, width: number): number {
  const doc = pen.doc;
  const format = chart.format ?? 'number';
  const scale = niceScale(dataMax(chart), wholeValues(chart));
  const axisWidth = Math.max(...scale.ticks.map((t) => pen.width(pen.number(t, format), VALUE))) + 6;
  const plotX = x + axisWidth;
  const plotWidth = width - axisWidth - 10;
  const plotTop = top + 8;
  const height = LINE_PLOT_HEIGHT - 8;
  const slot = plotWidth / chart.categories.length;
  const px = (c: number): number => plotX + slot * (c + 0.5);
  const py = (v: number): number => plotTop + height - (Math.min(Math.max(v, 0), scale.max) / scale.max) * height;
  const valueHeight = pen.lineHeight('0', VALUE);

  for (const tick of scale.ticks) {
    doc.save().lineWidth(0.4).strokeColor(INK.grid).moveTo(plotX, py(tick)).lineTo(plotX + plotWidth, py(tick)).stroke().restore();
    pen.line(pen.number(tick, format), plotX - 3, py(tick) - valueHeight / 2, { ...VALUE, color: INK.muted, align: 'right' });
  }
  doc.save().lineWidth(0.8).strokeColor(INK.rule).moveTo(plotX, plotTop + height).lineTo(plotX + plotWidth, plotTop + height).stroke().restore();
  chart.categories.forEach((category, c) => {
    doc.save().lineWidth(0.6).strokeColor(INK.rule).moveTo(px(c), plotTop + height).lineTo(px(c), plotTop + height + 3).stroke().restore();
    pen.line(category, px(c), plotTop + height + 4, { ...LABEL, align: 'center', maxWidth: slot - 2 });
  });
  if (chart.reference) {
    const ry = py(chart.reference.value);
    doc.save().lineWidth(1).strokeColor('#000000').dash(3, { space: 2 }).moveTo(plotX, ry).lineTo(plotX + plotWidth, ry).stroke().undash().restore();
    pen.line(chart.reference.label, plotX + plotWidth, ry - valueHeight - 1, { ...VALUE, weight: 'bold', align: 'right' });
  }

  chart.series.forEach((series, s) => {
    doc.save().lineWidth(1.6).strokeColor(seriesColour(s));
    const dash = DASHES[s % DASHES.length];
    if (dash) doc.dash(dash[0] ?? 2, { space: dash[1] ?? 2 });
    let drawing = false;
    series.values.forEach((v, c) => {
      if (v === null || c >= chart.categories.length) {
        drawing = false;
        return;
      }
      if (drawing) doc.lineTo(px(c), py(v));
      else doc.moveTo(px(c), py(v));
      drawing = true;
    });
    doc.stroke().restore();
    series.values.forEach((v, c) => {
      if (v === null || c >= chart.categories.length) return;
      drawMarker(doc, px(c), py(v), s);
      pen.line(pen.number(v, format), px(c), py(v) - 4 - valueHeight, { ...VALUE, align: 'center', color: INK.text });
    });
  });
  return plotTop + height + 26;
}
