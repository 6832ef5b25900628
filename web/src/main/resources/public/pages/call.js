// One call: its keys, a SIP ladder (SVG) beside its CMS events, linked legs, text export.
import { el, svg, api, link, timeCell, shortTime, facts, empty, clear, append } from '../dom.js';
import { keyLink } from './keys.js';
import { callsTable, callRow } from './calls.js';

const ROW = 30;
const TOP = 44;
const LEFT = 96;

export async function call(key) {
  const c = await api(link('/api/calls/', key));
  if (c.legs) return legs(c);
  const messages = (c.sipMessages || []).slice().sort(byTime);
  const events = (c.events || []).slice().sort(byTime);
  const detail = el('div', { class: 'sip-detail', id: 'sip-detail' },
    el('p', { class: 'muted' }, messages.length ? 'Click an arrow to read the SIP message.' : ''));
  const keys = c.keys || {};
  return el('div', { class: 'call' },
    el('h1', {}, title(c.summary || {}, keys)),
    summaryLine(c.summary || {}),
    el('div', { class: 'call-head' }, keyFacts(keys), linksBlock(c.links || {})),
    el('div', { class: 'call-body' },
      el('section', { class: 'ladder-pane' },
        el('div', { class: 'section-head' }, el('h2', {}, 'SIP ladder (' + messages.length + ' messages)'), exportButton(messages)),
        messages.length ? ladder(messages, detail) : empty('No SIP messages for this call. Turn on SIP traffic tracing on the call bridge (Logs > Detailed tracing); it switches itself off when its timer ends.'),
        detail),
      el('section', { class: 'events-pane' },
        el('h2', {}, 'CMS events (' + events.length + ')'),
        events.length ? timeline(events) : empty('No events.'))));
}

function title(s, keys) {
  const who = s.direction === 'outgoing' ? 'Outgoing call to ' + (s.remoteUri || '?')
    : s.direction === 'incoming' ? 'Incoming call from ' + (s.remoteUri || '?') : 'Call';
  return [who, keys.host ? el('span', { class: 'muted' }, '  ' + keys.host + (keys.callNumber != null ? ' call ' + keys.callNumber : '')) : null];
}

function summaryLine(s) {
  if (!s.outcome && !s.start) return null;
  const failed = s.ending ? !s.ending.connected : /^not connected/.test(s.outcome || '');
  return el('p', { class: 'call-summary', id: 'call-outcome' },
    failed ? el('span', { class: 'sev sev-error' }, 'failed') : s.ending ? el('span', { class: 'sev sev-ok' }, 'ok') : el('span', { class: 'sev sev-open' }, 'open'),
    ' ', s.outcome || '',
    s.localUri ? [' · to local URI ', el('span', { class: 'uri' }, s.localUri)] : null,
    s.start ? [' · ', timeCell(s.start), ' – ', timeCell(s.end)] : null);
}

/** A conference, space or correlator GUID: the legs it links. */
const KEY_NAMES = { conferenceId: 'Conference', spaceId: 'Space', callCorrelatorId: 'Call correlator', apiCallId: 'API call' };

function legs(c) {
  return el('div', { class: 'call' },
    el('h1', {}, (KEY_NAMES[c.keyField] || c.keyField) + ' ', el('span', { class: 'mono' }, c.key)),
    el('p', {}, c.legs.length + ' call legs share it; open one to read its ladder.'),
    callsTable(c.legs.map(callRow), 'legs'));
}

function byTime(a, b) {
  return String(a.at || '').localeCompare(String(b.at || '')) || (a.line || 0) - (b.line || 0);
}

function keyFacts(keys) {
  const pairs = [];
  for (const [k, v] of Object.entries(keys)) {
    const values = (Array.isArray(v) ? v : [v]).filter((x) => x !== null && x !== undefined && x !== '');
    if (!values.length) continue;
    const linkable = /Id|Ids|callId/i.test(k);
    pairs.push([k, values.map((x, i) => [i ? ', ' : '', linkable ? keyLink(String(x), k) : String(x)])]);
  }
  return facts(pairs);
}

function linksBlock(links) {
  const entries = Object.entries(links).filter(([, v]) => v && (!Array.isArray(v) || v.length));
  if (!entries.length) return null;
  return el('div', { class: 'links', id: 'linked-legs' }, el('h3', {}, 'Linked legs'),
    facts(entries.map(([k, v]) => [k, (Array.isArray(v) ? v : [v]).map((x, i) => [i ? ', ' : '', legLink(x)])])));
}

function legLink(x) {
  if (x && typeof x === 'object') {
    const key = x.callLegId || x.key || x.sipCallId || x.id;
    return keyLink(String(key), 'leg');
  }
  return keyLink(String(x), 'leg');
}

/** Endpoint addresses as columns in order of appearance; CMS's own address labelled. */
function columns(messages) {
  const cols = [];
  const add = (addr, cms) => {
    if (!cols.find((c) => c.addr === addr)) cols.push({ addr, cms });
  };
  for (const m of messages) {
    const [from, to] = ends(m);
    add(from, m.direction !== 'in');
    add(to, m.direction === 'in');
  }
  return cols;
}

function ends(m) {
  const cms = m.local || ((m.host || 'CMS') + ' (CMS)');
  const peer = m.remote || 'peer';
  return m.direction === 'in' ? [peer, cms] : [cms, peer];
}

export function arrowClass(m) {
  const code = m.statusCode;
  if (code === null || code === undefined) return 'req';
  if (code < 200) return 's1xx';
  if (code < 300) return 's2xx';
  if (code < 400) return 's3xx';
  return 'sfail';
}

function ladder(messages, detail) {
  const cols = columns(messages);
  // wider columns when there are few, so start lines fit between the lifelines
  const COL = cols.length <= 2 ? 320 : cols.length === 3 ? 250 : 210;
  const width = LEFT + cols.length * COL;
  const height = TOP + messages.length * ROW + 10;
  const x = (addr) => LEFT + cols.findIndex((c) => c.addr === addr) * COL + COL / 2;
  const drawing = svg('svg', { class: 'ladder', id: 'ladder', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': 'SIP ladder' },
    svg('defs', {}, ['req', 's1xx', 's2xx', 's3xx', 'sfail'].map((k) =>
      svg('marker', { id: 'head-' + k, class: 'head ' + k, viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 8, markerHeight: 8, orient: 'auto-start-reverse' },
        svg('path', { d: 'M0,0 L10,5 L0,10 z' })))),
    cols.map((c) => [
      svg('text', { class: 'col-label' + (c.cms ? ' cms' : ''), x: x(c.addr), y: 16, 'text-anchor': 'middle' }, c.addr),
      svg('text', { class: 'col-sub', x: x(c.addr), y: 30, 'text-anchor': 'middle' }, c.cms ? 'Meeting Server' : 'peer'),
      svg('line', { class: 'lifeline', x1: x(c.addr), y1: TOP - 8, x2: x(c.addr), y2: height }),
    ]));
  let selected = null;
  messages.forEach((m, i) => {
    const [from, to] = ends(m);
    const y = TOP + i * ROW + 18;
    const x1 = x(from);
    const x2 = x(to);
    const cls = arrowClass(m);
    const label = (m.startLine || '').replace(/ SIP\/2\.0$/, '').replace(/^SIP\/2\.0 /, '');
    const g = svg('g', { class: 'arrow ' + cls, 'data-index': i, tabindex: 0 },
      svg('title', {}, m.startLine || ''),
      svg('text', { class: 'time', x: 4, y: y + 4 }, shortTime(m.at)),
      svg('rect', { class: 'hit', x: Math.min(x1, x2), y: y - 16, width: Math.max(Math.abs(x2 - x1), 8), height: 22 }),
      svg('line', { x1, y1: y, x2, y2: y, 'marker-end': 'url(#head-' + cls + ')' }),
      svg('text', { class: 'label', x: (x1 + x2) / 2, y: y - 5, 'text-anchor': 'middle' },
        truncate(label, Math.max(12, Math.floor(Math.abs(x2 - x1) / 7)))));
    const open = () => {
      if (selected) selected.classList.remove('selected');
      selected = g;
      g.classList.add('selected');
      showMessage(detail, m);
    };
    g.addEventListener('click', open);
    g.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') open(); });
    drawing.append(g);
  });
  return el('div', { class: 'ladder-scroll' }, drawing);
}

function truncate(s, n) {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}

function showMessage(box, m) {
  clear(box);
  append(box,
    el('h3', {}, m.startLine || ''),
    facts([
      ['Time', timeCell(m.at)],
      ['Host', m.host],
      ['Direction', m.direction === 'in' ? 'received by CMS from ' + (m.remote || '?') : 'sent by CMS to ' + (m.remote || '?')],
      ['Transport', m.transport],
      ['Local', m.local],
      ['Call-ID', m.callId ? keyLink(m.callId, 'Call-ID') : null],
      ['CSeq', m.cseq],
      ['Flags', (m.flags || []).join(', ')],
      ['Source', m.source ? m.source + ':' + m.line : null],
    ]),
    el('pre', { class: 'sip-text', id: 'sip-text' }, m.text || ''),
    m.sdp ? sdpBlock(m.sdp) : null);
}

function sdpBlock(sdp) {
  return el('div', { class: 'sdp', id: 'sdp' },
    el('h4', {}, 'SDP'),
    facts([
      ['Connection (c=)', (sdp.connections || []).join(', ')],
      ['Media (m=)', (sdp.media || []).map((m) => m.type + ' ' + m.port + ' ' + m.protocol).join('; ')],
    ]),
    (sdp.candidates || []).length ? el('table', { class: 'candidates' },
      el('thead', {}, el('tr', {}, el('th', {}, 'ICE candidate'), el('th', {}, 'Address'), el('th', {}, 'Port'), el('th', {}, 'Transport'))),
      el('tbody', {}, sdp.candidates.map((c) => el('tr', { class: 'cand-' + c.type },
        el('td', {}, c.type), el('td', {}, c.address), el('td', {}, String(c.port)), el('td', {}, c.transport))))) : null);
}

function timeline(events) {
  return el('ol', { class: 'timeline', id: 'events' }, events.map((e) => el('li', { class: 'level-' + (e.level || 'info') },
    el('span', { class: 'when' }, timeCell(e.at)),
    el('span', { class: 'host' }, e.host || ''),
    el('span', { class: 'msg' }, e.message ?? e.raw ?? ''))));
}

/** One line per SIP message: time, host, arrow with direction and peer, start line. */
export function ladderText(messages) {
  return messages.map((m) => [
    m.at || '', m.host || '', m.direction === 'in' ? '<-- ' + (m.remote || '?') : '--> ' + (m.remote || '?'), m.startLine || '',
  ].join('  ')).join('\n') + '\n';
}

function exportButton(messages) {
  if (!messages.length) return null;
  const a = el('a', { class: 'button', id: 'export-ladder', download: 'ladder.txt', href: '/' }, 'Export as text');
  a.href = URL.createObjectURL(new Blob([ladderText(messages)], { type: 'text/plain' }));
  return a;
}
