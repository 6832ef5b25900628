// Search: Lucene query over the documented fields, newest first, the matches over time per host
// above the hits, matched parts marked from the offsets the API computed (text nodes only).
import { el, svg, api, param, query, timeCell, empty, link, displayZone } from '../dom.js';
import { recordKeys, keyLink, idKey } from './keys.js';

const HINTS = [
  ['host:cms1', 'node name'],
  ['level:error', 'debug, info, warning, error'],
  ['component:callbridge', 'callbridge, webbridge, database, ...'],
  ['tag:sfpool', 'syslog tag'],
  ['sipCallId:"..."', 'SIP Call-ID'],
  ['callLegId:...', 'call leg GUID'],
  ['kind:sip', 'event or sip'],
  ['method:INVITE', 'SIP method'],
  ['statusCode:[400 TO 699]', 'SIP failures'],
  ['"destination URI not matched"', 'phrase'],
];

export async function search() {
  const q = param('q');
  const from = param('from');
  const to = param('to');
  const zone = displayZone();
  const form = el('form', { class: 'search-form', method: 'get', action: '/search', id: 'search-form' },
    el('input', { name: 'q', id: 'q', type: 'search', value: q, placeholder: 'e.g. "name resolution" AND host:cms1', autofocus: true, list: 'field-hints' }),
    el('label', { title: 'Read in ' + zone }, 'From (' + zone + ') ', el('input', { name: 'from', type: 'datetime-local', step: '1', value: from })),
    el('label', { title: 'Read in ' + zone }, 'To (' + zone + ') ', el('input', { name: 'to', type: 'datetime-local', step: '1', value: to })),
    el('button', { type: 'submit' }, 'Search'),
    el('datalist', { id: 'field-hints' }, HINTS.map(([v]) => el('option', { value: v }))));
  const hints = el('p', { class: 'hints' }, 'Fields: ', HINTS.map(([v, d]) => [el('code', { title: d }, v), ' ']));
  const page = el('div', { class: 'search' }, el('h1', {}, 'Search'), form, hints);
  if (!q) return page;
  const params = { q, from: isoOrEmpty(from), to: isoOrEmpty(to), zone, limit: 100, import: param('import') };
  const tbody = el('tbody');
  const summary = el('p', { class: 'summary', id: 'search-summary' });
  const more = el('button', { type: 'button', class: 'more', hidden: true }, 'Older results');
  const histogram = el('div', { class: 'histogram', id: 'histogram' });
  let shown = 0;
  const load = async (cursor) => {
    const res = await api('/api/search' + query({ ...params, cursor }));
    const hits = res.hits || [];
    shown += hits.length;
    // the API asked the call view: only a key that opens a call is offered as one
    if (!cursor && res.opensCall) {
      page.append(el('p', { class: 'open-call' }, 'Open ', el('a', { href: link('/calls/', q.replaceAll('"', '')), id: 'open-as-call' }, q), ' as a call'));
    }
    for (const h of hits) tbody.append(row(h));
    summary.textContent = (res.total ?? shown).toLocaleString('en') + ' matches' + (res.total > shown ? ', showing the newest ' + shown : '');
    more.hidden = !res.next || !hits.length;
    more.onclick = () => load(res.next).catch((e) => { summary.textContent = e.message; });
  };
  try {
    await load(null);
  } catch (e) {
    page.append(el('div', { class: 'error-box', id: 'search-error' }, e.message));
    return page;
  }
  page.append(histogram);
  api('/api/search/histogram' + query({ q, from: params.from, to: params.to, zone, import: params.import, buckets: 60 }))
    .then((h) => drawHistogram(histogram, h, { q, imp: params.import }))
    .catch((e) => { histogram.textContent = 'No histogram: ' + e.message; });
  page.append(
    el('div', { class: 'section-head' }, summary,
      el('a', { class: 'csv', href: '/api/search' + query({ ...params, limit: 100000, format: 'csv' }) }, 'Download CSV')),
    shown ? el('table', { class: 'hits', id: 'hits' },
      el('thead', {}, el('tr', {}, el('th', {}, 'Time (' + zone + ')'), el('th', {}, 'Host'), el('th', {}, ''), el('th', {}, 'Message'), el('th', {}, 'Call'))),
      tbody) : empty('Nothing matched.'),
    more);
  return page;
}

function row(h) {
  const sip = h.kind === 'sip';
  const what = sip
    ? el('span', { class: 'sipline' },
        el('span', { class: 'dir' }, h.direction === 'in' ? '← ' + (h.remote || '') : '→ ' + (h.remote || '')), ' ',
        marked(h.startLine || '', h.highlights, 'text'))
    : marked(h.message ?? h.raw ?? '', h.highlights, h.message != null ? 'message' : 'raw');
  return el('tr', { class: 'hit ' + (sip ? 'kind-sip' : 'level-' + (h.level || 'info')) },
    el('td', { class: 'when' }, timeCell(h.at)),
    el('td', {}, h.host || ''),
    el('td', { class: 'tag' }, sip ? 'SIP' : (h.tag || ''), h.level && !sip ? el('span', { class: 'lvl' }, ' ' + h.level) : null),
    el('td', { class: 'msg' }, what),
    el('td', { class: 'keys' }, sip && h.callId ? keyLink(h.callId, 'Call-ID', idKey(h.callId, h.host, h.origin)) : recordKeys(h)));
}

/**
 * The text as text nodes, with <mark> elements around the API's highlight offsets for this
 * field (a SIP start line is the start of its text: offsets past it are left out).
 */
function marked(text, highlights, field) {
  const s = String(text ?? '');
  const out = [];
  let i = 0;
  for (const m of (highlights || []).filter((x) => x.field === field).sort((a, b) => a.start - b.start)) {
    const start = Math.max(m.start, i);
    const end = Math.min(m.end, s.length);
    if (start >= end) continue;
    if (start > i) out.push(s.slice(i, start));
    const mark = document.createElement('mark');
    mark.textContent = s.slice(start, end);
    out.push(mark);
    i = end;
  }
  if (i < s.length) out.push(s.slice(i));
  return out;
}

const HIST_W = 960;
const HIST_H = 120;
const HIST_TOP = 6;

/**
 * Stacked bars of matches per bucket, one colour per host, and a legend. Dragging across the
 * bars (or clicking one) narrows the search to that span: the page reloads with from/to set.
 */
function drawHistogram(box, h, { q, imp }) {
  box.textContent = '';
  const buckets = h.buckets || [];
  if (!buckets.length) {
    box.append(el('p', { class: 'empty' }, 'No matches with a time.'));
    return;
  }
  const totals = buckets.map((b) => b.counts.reduce((x, y) => x + y, 0));
  const max = Math.max(1, ...totals);
  const w = HIST_W / buckets.length;
  const chart = svg('svg', { class: 'hist-chart', viewBox: `0 0 ${HIST_W} ${HIST_H + HIST_TOP}`, preserveAspectRatio: 'none', role: 'img', 'aria-label': 'matches over time by host' });
  const selection = svg('rect', { class: 'hist-selection', x: 0, y: 0, width: 0, height: HIST_H + HIST_TOP, visibility: 'hidden' });
  let anchor = null;
  const span = (a, b) => [Math.min(a, b), Math.max(a, b)];
  const show = (a, b) => {
    const [lo, hi] = span(a, b);
    selection.setAttribute('x', lo * w);
    selection.setAttribute('width', (hi - lo + 1) * w);
    selection.setAttribute('visibility', 'visible');
  };
  const narrow = (a, b) => {
    const [lo, hi] = span(a, b);
    const from = localIso(Date.parse(buckets[lo].start));
    const to = localIso(Date.parse(buckets[hi].start) + h.interval);
    location.href = '/search' + query({ q, from, to, import: imp });
  };
  buckets.forEach((b, i) => {
    const slot = svg('g', { class: 'hist-bucket', 'data-start': b.start, 'data-count': totals[i] },
      svg('title', {}, `${b.start} · ${totals[i].toLocaleString('en')} matches`));
    slot.append(svg('rect', { class: 'hist-slot', x: i * w, y: 0, width: w, height: HIST_H + HIST_TOP }));
    let y = HIST_H + HIST_TOP;
    b.counts.forEach((c, k) => {
      if (!c) return;
      const height = Math.max(1, (c / max) * HIST_H);
      y -= height;
      slot.append(svg('rect', { class: 'hist-bar host-' + (k % 8), x: i * w + 0.5, y, width: Math.max(1, w - 1), height, 'data-host': h.hosts[k] }));
    });
    slot.addEventListener('mousedown', (e) => { e.preventDefault(); anchor = i; show(i, i); });
    slot.addEventListener('mouseenter', () => { if (anchor !== null) show(anchor, i); });
    slot.addEventListener('mouseup', () => { if (anchor !== null) { const a = anchor; anchor = null; narrow(a, i); } });
    chart.append(slot);
  });
  chart.append(selection);
  const legend = el('ul', { class: 'hist-legend' },
    h.hosts.map((name, k) => el('li', {}, el('span', { class: 'swatch host-' + (k % 8) }), name)));
  box.append(chart,
    el('div', { class: 'hist-axis' }, el('span', {}, h.from), el('span', {}, intervalText(h.interval) + ' per bar · drag to narrow'), el('span', {}, h.to)),
    legend);
}

/** An instant as the time inputs write it: in the display zone (UTC, or the browser's own), no offset. */
function localIso(ms) {
  const shift = displayZone() === 'UTC' ? 0 : new Date(ms).getTimezoneOffset() * 60000;
  return new Date(ms - shift).toISOString().slice(0, 19);
}

function intervalText(ms) {
  const units = [[86400000, 'd'], [3600000, 'h'], [60000, 'min'], [1000, 's']];
  for (const [u, name] of units) if (ms % u === 0) return ms / u + ' ' + name;
  return ms + ' ms';
}

/** datetime-local gives "2024-02-23T09:02:21"; the API reads it in the zone= sent beside it (the display zone). */
function isoOrEmpty(v) {
  return v || '';
}
