// Search: Lucene query over the documented fields, newest first, matched words marked.
import { el, api, param, query, highlight, queryTerms, timeCell, empty, link, displayZone } from '../dom.js';
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
  // a bare Call-ID, GUID or HOST:N is most often a call someone wants to open
  if (/^[^\s"():]+(:\d+)?$/.test(q) && !/^(AND|OR|NOT)$/.test(q)) {
    page.append(el('p', { class: 'open-call' }, 'Open ', el('a', { href: link('/calls/', q), id: 'open-as-call' }, q), ' as a call'));
  }
  const params = { q, from: isoOrEmpty(from), to: isoOrEmpty(to), zone, limit: 100, import: param('import') };
  const tbody = el('tbody');
  const summary = el('p', { class: 'summary', id: 'search-summary' });
  const more = el('button', { type: 'button', class: 'more', hidden: true }, 'Older results');
  const terms = queryTerms(q);
  let shown = 0;
  const load = async (cursor) => {
    const res = await api('/api/search' + query({ ...params, cursor }));
    const hits = res.hits || [];
    shown += hits.length;
    for (const h of hits) tbody.append(row(h, terms));
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
  page.append(
    el('div', { class: 'section-head' }, summary,
      el('a', { class: 'csv', href: '/api/search' + query({ ...params, limit: 100000, format: 'csv' }) }, 'Download CSV')),
    shown ? el('table', { class: 'hits', id: 'hits' },
      el('thead', {}, el('tr', {}, el('th', {}, 'Time (' + zone + ')'), el('th', {}, 'Host'), el('th', {}, ''), el('th', {}, 'Message'), el('th', {}, 'Call'))),
      tbody) : empty('Nothing matched.'),
    more);
  return page;
}

function row(h, terms) {
  const sip = h.kind === 'sip';
  const what = sip
    ? el('span', { class: 'sipline' },
        el('span', { class: 'dir' }, h.direction === 'in' ? '← ' + (h.remote || '') : '→ ' + (h.remote || '')), ' ',
        highlight(h.startLine || '', terms))
    : highlight(h.message ?? h.raw ?? '', terms);
  return el('tr', { class: 'hit ' + (sip ? 'kind-sip' : 'level-' + (h.level || 'info')) },
    el('td', { class: 'when' }, timeCell(h.at)),
    el('td', {}, h.host || ''),
    el('td', { class: 'tag' }, sip ? 'SIP' : (h.tag || ''), h.level && !sip ? el('span', { class: 'lvl' }, ' ' + h.level) : null),
    el('td', { class: 'msg' }, what),
    el('td', { class: 'keys' }, sip && h.callId ? keyLink(h.callId, 'Call-ID', idKey(h.callId, h.host, h.origin)) : recordKeys(h)));
}

/** datetime-local gives "2024-02-23T09:02:21"; the API reads it in the zone= sent beside it (the display zone). */
function isoOrEmpty(v) {
  return v || '';
}
