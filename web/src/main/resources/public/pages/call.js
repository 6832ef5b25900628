// One call leg: its key and identifiers, a SIP ladder (SVG) beside its CMS events, the legs
// it links to (never merged into it), text export. Every time in the display zone.
import { el, svg, api, link, timeCell, shortTime, time, spansDates, displayZone, facts, empty, clear, append } from '../dom.js';
import { keyLink, idKey } from './keys.js';
import { callsTable, callRow } from './calls.js';

const ROW = 30;
const TOP = 44;

export async function call(key) {
  const c = await api(link('/api/calls/', key));
  if (c.legs) return legs(c);
  const messages = (c.sipMessages || []).slice().sort(byTime);
  const events = (c.events || []).slice().sort(byTime);
  const detail = el('div', { class: 'sip-detail', id: 'sip-detail' },
    el('p', { class: 'muted' }, messages.length ? 'Click an arrow to read the SIP message.' : ''));
  const keys = c.keys || {};
  const dates = spansDates([...messages, ...events].map((m) => m.at));
  return el('div', { class: 'call' },
    el('h1', {}, title(c.summary || {}, keys)),
    summaryLine(c.summary || {}),
    el('div', { class: 'call-head' }, keyFacts(keys), el('div', {}, linksBlock(c.links || {}), otherLegs(c))),
    cdrBlock(c.cdr || []),
    meetingBlock(c.meeting || []),
    el('div', { class: 'call-body' },
      el('section', { class: 'ladder-pane' },
        el('div', { class: 'section-head' }, el('h2', {}, 'SIP ladder (' + messages.length + ' messages)'), exportButton(messages)),
        messages.length ? ladder(messages, detail, dates, keys.origin) : empty('No SIP messages for this call. Turn on SIP traffic tracing on the call bridge (Logs > Detailed tracing); it switches itself off when its timer ends.'),
        detail),
      el('section', { class: 'events-pane' },
        el('h2', {}, 'CMS events (' + events.length + ')'),
        events.length ? timeline(events, dates) : empty('No events.'))));
}

function title(s, keys) {
  const who = s.direction === 'outgoing' ? 'Outgoing call to ' + (s.remoteUri || '?')
    : s.direction === 'incoming' ? 'Incoming call from ' + (s.remoteUri || '?') : 'Call';
  const where = keys.host || (keys.source ? 'file ' + keys.source : '');
  const what = keys.component && keys.component !== 'callbridge' ? ' ' + keys.component : '';
  return [who, el('span', { class: 'muted' }, '  ' + where + what + (keys.callNumber != null ? ' call ' + keys.callNumber : ''))];
}

function summaryLine(s) {
  if (!s.outcome && !s.start) return null;
  const failed = s.ending ? !s.ending.connected : /^not connected/.test(s.outcome || '');
  const ended = s.ending || (s.cdrOnly && s.end); // a leg known from CDRs ends with its end record
  return el('p', { class: 'call-summary', id: 'call-outcome' },
    failed ? el('span', { class: 'sev sev-error' }, 'failed') : ended ? el('span', { class: 'sev sev-ok' }, 'ok') : el('span', { class: 'sev sev-open' }, 'open'),
    ' ', s.outcome || '',
    s.localUri ? [' · to local URI ', el('span', { class: 'uri' }, s.localUri)] : null,
    s.start ? [' · ', timeCell(s.start), ' – ', timeCell(s.end), ' ', el('span', { class: 'muted' }, displayZone())] : null);
}

/** A conference, space or correlator GUID: the legs it links. */
const KEY_NAMES = { conferenceId: 'Conference', spaceId: 'Space', callCorrelatorId: 'Call correlator', apiCallId: 'API call',
  sipCallId: 'Call-ID', callLegId: 'Call leg', callNumber: 'Call' };

function legs(c) {
  return el('div', { class: 'call' },
    el('h1', {}, (KEY_NAMES[c.keyField] || c.keyField) + ' ', el('span', { class: 'mono' }, c.key)),
    el('p', { id: 'legs-note' }, c.legs.length + ' call legs share it (on different hosts, imports or runs); they are'
      + ' shown apart, never merged: open one to read its ladder.'),
    callsTable(c.legs.map(callRow), 'legs'));
}

function byTime(a, b) {
  return String(a.at || '').localeCompare(String(b.at || '')) || (a.line || 0) - (b.line || 0);
}

/** The leg's identifiers; its key first (what links and the CLI open it with). */
function keyFacts(keys) {
  const ids = (list, label) => (list || []).map((x, i) => [i ? ', ' : '', keyLink(String(x), label)]);
  return facts([
    ['Key', el('code', { id: 'call-key' }, keys.key || '')],
    ['Host', keys.host],
    ['Component', keys.component],
    ['Call number', keys.callNumber != null ? String(keys.callNumber) : null],
    ['Import', keys.origin],
    ['File', keys.host ? null : keys.source],
    ['Call leg', keys.callLegId ? keyLink(keys.callLegId, 'leg') : null],
    ['Call-ID', ids(keys.sipCallIds, 'Call-ID')],
    ['API call', ids(keys.apiCallIds, 'API call')],
  ]);
}

/** Legs this page points to and does not merge: the same Call-ID elsewhere, older legs of the number. */
function otherLegs(c) {
  const same = c.sameCallId || [];
  const older = c.olderLegs || [];
  if (!same.length && !older.length) return null;
  const item = (l) => el('li', {}, el('a', { class: 'key', href: link('/calls/', l.key) }, (l.host || l.origin || 'leg')),
    ' ', l.start ? timeCell(l.start) : '', el('span', { class: 'muted mono' }, ' ' + l.key));
  return el('div', { class: 'links', id: 'other-legs' },
    same.length ? [el('h3', {}, 'Same Call-ID on another host or import'), el('ul', { id: 'same-call-id' }, same.map(item))] : null,
    older.length ? [el('h3', {}, 'Older legs with this call number'), el('ul', { id: 'older-legs' }, older.map(item))] : null);
}

/** What CMS's Call Detail Records say of the leg: the end reason in words, media per stream, alarms with their share. */
function cdrBlock(legs) {
  if (!legs.length) return null;
  return el('section', { class: 'cdr-legs', id: 'call-cdr' }, el('h2', {}, 'Call Detail Records'),
    legs.map((l) => el('div', { class: 'cdr-leg' },
      el('p', {}, el('strong', {}, l.outcome || ''), l.start ? [' · ', timeCell(l.start), ' – ', timeCell(l.end)] : null,
        l.callBridge ? el('span', { class: 'muted' }, ' · call bridge ' + l.callBridge) : null),
      (l.media || []).length ? el('ul', { class: 'cdr-media' }, l.media.map((m) => el('li', {}, m.summary || m.stream))) : null,
      (l.alarms || []).length ? el('p', { class: 'cdr-alarms' }, 'Alarms: ',
        l.alarms.map((a, i) => [i ? ', ' : '', a.type + ' ' + a.share + '% of the leg'])) : null)));
}

/** The other legs of the same meeting (CDR callCorrelator), on this or other call bridges; each opens by its key. */
function meetingBlock(legs) {
  if (!legs.length) return null;
  const row = (m) => el('tr', {},
    el('td', { class: 'when' }, m.start ? timeCell(m.start) : ''),
    el('td', { class: 'mono' }, m.callBridge || '(unclustered)'),
    el('td', {}, m.callName || m.apiCallId || ''),
    el('td', {}, m.key ? el('a', { class: 'key', href: link('/calls/', m.key) }, m.who || m.callLegId) : el('span', { class: 'muted' }, 'no leg held')),
    el('td', { class: 'outcome' }, m.outcome || ''));
  return el('section', { class: 'meeting', id: 'call-meeting' },
    el('h2', {}, 'Same meeting on any call bridge'),
    el('p', { class: 'muted' }, 'Call correlator ', el('span', { class: 'mono' }, legs[0].callCorrelatorId || '')),
    el('table', { class: 'calls-table', id: 'meeting-legs' },
      el('thead', {}, el('tr', {}, el('th', {}, 'Start'), el('th', {}, 'Call bridge'), el('th', {}, 'Call'), el('th', {}, 'Leg'), el('th', {}, 'Outcome'))),
      el('tbody', {}, legs.map(row))));
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

/**
 * Lanes: endpoint addresses in order of appearance; a CMS lane is labelled with its host and
 * address, a peer lane with its address.
 */
function columns(messages) {
  const cols = [];
  const add = (addr, cms, host) => {
    if (!cols.find((c) => c.addr === addr)) cols.push({ addr, cms, host });
  };
  for (const m of messages) {
    const [from, to] = ends(m);
    add(from, m.direction !== 'in', m.host);
    add(to, m.direction === 'in', m.host);
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

/**
 * The width the ladder may take: its pane is 3/5 of the page beside the events (the whole page
 * below 1000 px). Up to four lanes fit a 1400 px window without horizontal scrolling.
 */
function ladderWidth() {
  const page = Math.min(window.innerWidth || 1400, 1600) - 60;
  return page <= 1000 ? page : Math.floor((page - 16) * 3 / 5) - 4;
}

function ladder(messages, detail, dates, origin) {
  const cols = columns(messages);
  const left = dates ? 168 : 96; // the time column: with the date when the call crosses midnight
  const fit = Math.floor((ladderWidth() - left) / Math.max(cols.length, 1));
  const COL = Math.max(150, Math.min(cols.length <= 2 ? 320 : 250, fit));
  const width = left + cols.length * COL;
  const height = TOP + messages.length * ROW + 10;
  const x = (addr) => left + cols.findIndex((c) => c.addr === addr) * COL + COL / 2;
  const chars = Math.floor(COL / 7);
  const drawing = svg('svg', { class: 'ladder', id: 'ladder', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': 'SIP ladder' },
    svg('defs', {}, ['req', 's1xx', 's2xx', 's3xx', 'sfail'].map((k) =>
      svg('marker', { id: 'head-' + k, class: 'head ' + k, viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 8, markerHeight: 8, orient: 'auto-start-reverse' },
        svg('path', { d: 'M0,0 L10,5 L0,10 z' })))),
    cols.map((c) => [
      svg('text', { class: 'col-label' + (c.cms ? ' cms' : ''), x: x(c.addr), y: 16, 'text-anchor': 'middle' },
        svg('title', {}, (c.cms ? (c.host || 'CMS') + ' ' : '') + c.addr),
        truncate(c.cms ? (c.host || 'CMS') : c.addr, chars)),
      svg('text', { class: 'col-sub', x: x(c.addr), y: 30, 'text-anchor': 'middle' },
        truncate(c.cms ? c.addr.replace(/ \(CMS\)$/, '') + ' (CMS)' : 'peer', chars)),
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
      svg('text', { class: 'time', x: 4, y: y + 4 }, dates ? time(m.at) : shortTime(m.at)),
      svg('rect', { class: 'hit', x: Math.min(x1, x2), y: y - 16, width: Math.max(Math.abs(x2 - x1), 8), height: 22 }),
      svg('line', { x1, y1: y, x2, y2: y, 'marker-end': 'url(#head-' + cls + ')' }),
      svg('text', { class: 'label', x: (x1 + x2) / 2, y: y - 5, 'text-anchor': 'middle' },
        truncate(label, Math.max(12, Math.floor(Math.abs(x2 - x1) / 7)))));
    const open = () => {
      if (selected) selected.classList.remove('selected');
      selected = g;
      g.classList.add('selected');
      showMessage(detail, m, origin);
    };
    g.addEventListener('click', open);
    g.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') open(); });
    drawing.append(g);
  });
  return el('div', { class: 'ladder-scroll', id: 'ladder-scroll' }, drawing);
}

function truncate(s, n) {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}

function showMessage(box, m, origin) {
  clear(box);
  append(box,
    el('h3', {}, m.startLine || ''),
    facts([
      ['Time', timeCell(m.at)],
      ['Host', m.host],
      ['Direction', m.direction === 'in' ? 'received by CMS from ' + (m.remote || '?') : 'sent by CMS to ' + (m.remote || '?')],
      ['Transport', m.transport],
      ['Local', m.local],
      ['Call-ID', m.callId ? keyLink(m.callId, 'Call-ID', idKey(m.callId, m.host, origin)) : null],
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

function timeline(events, dates) {
  return el('ol', { class: 'timeline', id: 'events' }, events.map((e) => el('li', { class: 'level-' + (e.level || 'info') },
    el('span', { class: 'when' }, el('time', { datetime: e.at || '', title: e.at || '' }, dates ? time(e.at) : shortTime(e.at))),
    el('span', { class: 'host' }, e.host || ''),
    el('span', { class: 'msg' }, e.message ?? e.raw ?? ''))));
}

/** One line per SIP message: time (display zone), host, arrow with direction and peer, start line. */
export function ladderText(messages) {
  return 'times in ' + displayZone() + '\n' + messages.map((m) => [
    time(m.at), m.host || '', m.direction === 'in' ? '<-- ' + (m.remote || '?') : '--> ' + (m.remote || '?'), m.startLine || '',
  ].join('  ')).join('\n') + '\n';
}

function exportButton(messages) {
  if (!messages.length) return null;
  const a = el('a', { class: 'button', id: 'export-ladder', download: 'ladder.txt', href: '/' }, 'Export as text');
  a.href = URL.createObjectURL(new Blob([ladderText(messages)], { type: 'text/plain' }));
  return a;
}
