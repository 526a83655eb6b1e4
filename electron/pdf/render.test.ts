import { describe, expect, it } from 'vitest';
import type { PdfDocument } from './model';
import { renderPdf } from './render';
import { containsShaped, pdfFonts, pdfPages, pdfText } from './testing';

const meta = {
  organisation: 'Anti-Trafficking Task Force',
  locale: 'en',
  generatedAt: new Date('2026-03-31T09:00:00Z'),
  pageLabel: 'Page {page} of {pages}',
  generatedLabel: 'Produced on',
};

const sample: PdfDocument = {
  title: 'Victims assisted',
  subtitle: 'Annual report 2025',
  meta: { ...meta, notice: 'Protected: counts below 5 are suppressed.' },
  blocks: [
    { kind: 'heading', text: 'Summary by year', level: 1 },
    { kind: 'paragraph', text: 'Figures come from the case records of the workspace.' },
    {
      kind: 'table',
      caption: 'Victims by year and sex',
      columns: [{ header: 'Year', weight: 1 }, { header: 'Female' }, { header: 'Male' }, { header: 'Share female', format: 'percent' }, { header: 'Status' }],
      rows: [
        ['2023', 1204, 310, 79.5, { value: 'On track', tone: 'green' }],
        ['2024', 980, null, 75, { value: 'At risk', tone: 'amber' }],
      ],
    },
    { kind: 'heading', text: 'Charts', level: 2 },
    { kind: 'chart', chart: { type: 'bar', title: 'Victims by destination', categories: ['Thailand', 'Malaysia'], series: [{ name: 'Female', values: [42, 17] }, { name: 'Male', values: [23, 9] }], valueLabel: 'Victims' } },
    { kind: 'chart', chart: { type: 'stackedBar', title: 'Activities by status', categories: ['Prevention', 'Protection'], series: [{ name: 'Completed', values: [6, 3] }, { name: 'Ongoing', values: [4, 7] }, { name: 'Delayed', values: [2, 1] }] } },
    { kind: 'chart', chart: { type: 'line', title: 'Assisted by year of assistance', categories: ['2021', '2022', '2023'], series: [{ name: 'Assisted', values: [120, 148, 171] }], reference: { value: 150, label: 'Target' } } },
    { kind: 'notice', text: 'Rounded to a multiple of 5.', tone: 'info' },
  ],
};

describe('PDF engine', () => {
  it('prints the title block, headings, table cells, chart titles, labels and values as extractable text', async () => {
    const text = pdfText(await renderPdf(sample));
    for (const expected of [
      'Anti-Trafficking Task Force', 'Victims assisted', 'Annual report 2025', 'Produced on March 31, 2026',
      'Protected: counts below 5 are suppressed.', 'Summary by year', 'Figures come from the case records',
      'Victims by year and sex', 'Share female', '1,204', '79.5%', 'On track', 'At risk',
      'Victims by destination', 'Thailand', 'Malaysia', 'Female', 'Male', '42', '23', 'Victims',
      'Activities by status', 'Prevention', 'Completed', 'Ongoing', 'Delayed',
      'Assisted by year of assistance', '2022', '148', '171', 'Target', 'Rounded to a multiple of 5.',
    ]) {
      expect(text, expected).toContain(expected);
    }
    expect(text).toMatch(/Page 1 of 2[\s\S]*Page 2 of 2/);
    // The stacked bar prints each category's total.
    expect(text).toMatch(/\b12\b/);
  });

  it('embeds Noto Sans, Noto Sans Myanmar and Noto Sans Thai, and Burmese and Thai text survives', async () => {
    const burmese = 'လူကုန်ကူးမှု တိုက်ဖျက်ရေး အစီရင်ခံစာ';
    const thai = 'รายงานความคืบหน้าแห่งชาติ';
    const pdf = await renderPdf({
      ...sample,
      title: `${burmese} 2025`,
      meta: { ...meta, locale: 'th' },
      blocks: [
        { kind: 'heading', text: thai, level: 1 },
        { kind: 'table', columns: [{ header: 'ภาษา' }, { header: 'မြန်မာ' }], rows: [[thai, burmese]] },
        { kind: 'chart', chart: { type: 'bar', title: thai, categories: [burmese], series: [{ name: thai, values: [3] }] } },
      ],
    });
    const fonts = pdfFonts(pdf).map((f) => f.replace(/^[A-Z]{6}\+/, ''));
    expect(fonts).toEqual(expect.arrayContaining(['NotoSans-Regular', 'NotoSans-Bold', 'NotoSansMyanmar-Regular', 'NotoSansThai-Regular', 'NotoSansMyanmar-Bold', 'NotoSansThai-Bold']));
    const text = pdfText(pdf, false);
    // Shaped scripts: pdftotext may reorder marks within a syllable (docs/pdf.md), so compare code points
    // stretch by stretch; this Thai phrase has no reordered mark and comes back exactly.
    expect(text).toContain(thai);
    expect(text.match(new RegExp(thai, 'g'))?.length).toBeGreaterThanOrEqual(3);
    expect(containsShaped(text, burmese)).toBe(true);
    expect(containsShaped(text, 'ผลสำเร็จของตัวชี้วัด')).toBe(false);
    const marks = pdfText(await renderPdf({ ...sample, title: 'Report', meta, blocks: [{ kind: 'paragraph', text: 'ผลสำเร็จของตัวชี้วัด' }] }), false);
    expect(containsShaped(marks, 'ผลสำเร็จของตัวชี้วัด')).toBe(true);
    expect(containsShaped(marks, 'ผลสำเร็จของตัวชี้วัดเทียบ')).toBe(false);
  });

  it('paginates a 500-row table with the header row repeated on every page and every row once, in order', async () => {
    const rows = Array.from({ length: 500 }, (_, i) => [`R-${String(i + 1).padStart(3, '0')}`, `Activity number ${i + 1}`, i * 3]);
    const pdf = await renderPdf({ ...sample, meta, blocks: [{ kind: 'table', columns: [{ header: 'Code' }, { header: 'Activity title', weight: 3 }, { header: 'Budget' }], rows }] });
    const pages = pdfPages(pdf);
    expect(pages.length).toBeGreaterThan(5);
    pages.forEach((page, i) => {
      expect(page).toMatch(/Code\s+Activity title\s+Budget/);
      expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
    });
    const codes = pages.join('\n').match(/R-\d{3}/g) ?? [];
    expect(codes).toEqual(rows.map((r) => r[0]));
    expect(pages.join('\n')).toContain('1,497');
  });

  it('formats numbers and dates for the report locale', async () => {
    const text = pdfText(await renderPdf({ ...sample, meta: { ...meta, locale: 'es', generatedLabel: 'Elaborado el', pageLabel: 'Página {page} de {pages}' }, blocks: [{ kind: 'table', columns: [{ header: 'Total' }], rows: [[12345.5]] }] }));
    expect(text).toContain('12.345,5');
    expect(text).toContain('Elaborado el 31 de marzo de 2026');
    expect(text).toContain('Página 1 de 1');
  });

  it('gives the same bytes for the same input, and a chart taller than a page is printed in parts', async () => {
    expect((await renderPdf(sample)).equals(await renderPdf(sample))).toBe(true);
    const categories = Array.from({ length: 90 }, (_, i) => `IND-${i + 1}`);
    const text = pdfText(await renderPdf({ ...sample, blocks: [{ kind: 'chart', chart: { type: 'bar', title: 'Achievement', categories, series: [{ name: 'Achievement', values: categories.map((_, i) => i) }], format: 'percent' } }] }));
    const parts = text.match(/Achievement \((\d)\/(\d)\)/g) ?? [];
    expect(parts.length).toBeGreaterThan(1);
    expect(parts[0]).toBe(`Achievement (1/${parts.length})`);
    for (const c of categories) expect(text).toMatch(new RegExp(`\\b${c}\\b`));
  });

  it('refuses a malformed document', async () => {
    await expect(renderPdf({ ...sample, meta: { ...meta, pageLabel: 'no placeholder' } })).rejects.toThrow();
    await expect(renderPdf({ ...sample, blocks: [{ kind: 'chart', chart: { type: 'line', title: 't', categories: [], series: [{ name: 's', values: [] }] } }] })).rejects.toThrow();
  });
});
