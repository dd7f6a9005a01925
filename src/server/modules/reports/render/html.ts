import { cellText, madeLine, type ReportDocument } from './document.ts';

function escape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** "Điện Biên Đông, ngày 27 tháng 11 năm 2026" from the place and an ISO timestamp. */
export function dateLine(place: string, at: string): string {
  const [year, month, day] = at.slice(0, 10).split('-');
  return `${place}, ngày ${day} tháng ${month} năm ${year}`;
}

const PRINT_CSS = `
@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
body { font-family: 'Times New Roman', Times, serif; font-size: 14pt; line-height: 1.4; color: #000; max-width: 180mm; margin: 0 auto; }
.head { display: flex; justify-content: space-between; align-items: flex-start; text-align: center; }
.head .org { font-size: 13pt; text-transform: uppercase; }
.head .org b { display: block; }
.head .nation { font-weight: bold; text-decoration: underline; font-size: 14pt; }
.date { text-align: right; font-style: italic; margin-top: 4pt; }
h1 { text-align: center; font-size: 14pt; text-transform: uppercase; margin: 18pt 0 2pt; }
.period { text-align: center; font-style: italic; margin-bottom: 12pt; }
p.prose { text-align: justify; text-indent: 1cm; }
h2 { font-size: 13pt; margin: 14pt 0 4pt; }
table { border-collapse: collapse; width: 100%; font-size: 12pt; page-break-inside: auto; }
th, td { border: 1px solid #000; padding: 2pt 4pt; vertical-align: top; }
th { background: #eee; }
td.n { text-align: right; white-space: nowrap; }
tr { page-break-inside: avoid; }
thead { display: table-header-group; }
.foot { display: flex; justify-content: space-between; margin-top: 18pt; page-break-inside: avoid; }
.foot .to { font-size: 11pt; }
.foot .sign { text-align: center; min-width: 45%; min-height: 90pt; }
.made { margin-top: 18pt; font-size: 11pt; font-style: italic; }
@media print { .noprint { display: none; } }
`;

/** A printable HTML page of the report, in the layout of an official Party report. */
export function renderHtml(doc: ReportDocument): string {
  const tables = doc.tables
    .map((t) => {
      const head = t.columns.map((c) => `<th>${escape(c.header)}</th>`).join('');
      const body = t.rows
        .map(
          (row) =>
            `<tr>${t.columns
              .map((c) => {
                const numeric = c.kind === 'number' || c.kind === 'percent';
                return `<td${numeric ? ' class="n"' : ''}>${escape(cellText(row[c.key] ?? null, c.kind))}</td>`;
              })
              .join('')}</tr>`,
        )
        .join('\n');
      return `<h2>${escape(t.title)}</h2>\n<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>${escape(doc.title)} — ${escape(doc.organization.name)}</title>
<style>${PRINT_CSS}</style></head>
<body>
<div class="head"><div class="org">${doc.superior ? escape(doc.superior) : ''}<b>${escape(doc.organization.name)}</b>*</div><div class="nation">ĐẢNG CỘNG SẢN VIỆT NAM</div></div>
<div class="date">${escape(dateLine(doc.place, doc.madeOn))}</div>
<h1>${escape(doc.title)}</h1>
<div class="period">${escape(doc.period)}</div>
${doc.prose ? `<p class="prose">${escape(doc.prose)}</p>` : ''}
${tables}
<div class="foot"><div class="to"><b><i>Nơi nhận:</i></b>${doc.recipients.map((r) => `<br>- ${escape(r)}`).join('')}</div><div class="sign"><b>${escape(doc.signer.on)}<br>${escape(doc.signer.title)}</b></div></div>
<p class="made">${escape(madeLine(doc))}</p>
</body></html>
`;
}
