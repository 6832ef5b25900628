// The sources page (live nodes and listeners), and banners from the live receiver's alarms (a node went silent, UDP lost datagrams,
// the disk is filling up) and the CDR receiver's (records lost by CMS, a call bridge restarted).
// The advice is chosen by the alarm's stable code (RCV-..., see ReceiverAlarm.Code), never by its wording:
// the text is for people and may change, the code may not.
import { el, clear, optional, empty, timeCell } from '../dom.js';

/** Stable alarm code -> how bad it is and what to do. A code not listed gets its text and no advice. */
export const ADVICE = {
  'RCV-SILENT': ['warn', 'Check that syslog is still enabled on that node (MMP: syslog enable) and the network path to this server.'],
  'RCV-UDP-DROPS': ['warn', 'Send syslog over TCP instead of UDP (syslog server add <ip> 5514, TCP), or raise net.core.rmem_max.'],
  'RCV-CONN-REFUSED': ['warn', 'More senders than --max-connections allows: raise it, or look for a sender that reconnects in a loop.'],
  'RCV-JOURNAL-FAILED': ['error', 'Accepted lines may not survive a crash: check the data directory\'s disk (space, permissions, I/O errors).'],
  'RCV-STORE-FAILED': ['error', 'Lines wait in the journal and are replayed once the store works: free disk space or fix the data directory (the receiver retries by itself).'],
  'RCV-RETENTION-FAILED': ['error', 'Old live data is not being deleted: check the data directory\'s permissions and the server log.'],
  'RCV-DISK-FULL': ['error', 'Free disk space or lower --retain-days / --max-disk; the oldest live data goes first.'],
  'RCV-DISK-BUDGET': ['warn', 'Raise --max-disk or lower --retain-days; until then the oldest live data is deleted early.'],
};

/** The CDR receiver's alarm codes (CDR-..., see CdrAlarm) -> how bad and what to do. */
export const CDR_ADVICE = {
  'CDR-RECORDS-MISSING': ['warn', 'CMS dropped CDRs it could not deliver (numPreceedingRecordsMissing): keep this receiver reachable from every call bridge; the calls of that time lack their records.'],
  'CDR-SESSION-RESTART': ['warn', 'The call bridge restarted (new CDR session): legs open before it never get an end record; check why it restarted (MMP: syslog, health).'],
  'CDR-INDEX-GAP': ['warn', 'recordIndex skipped numbers: two receivers may share one URI, or CMS lost records; check Configuration > CDR settings on that call bridge.'],
  'CDR-MALFORMED': ['warn', 'A CDR body could not be read; it is kept in the journal. Check for a proxy that rewrites or cuts the POSTs.'],
  'CDR-REFUSED': ['warn', 'POSTs to /cdr were refused: the receiver URI on the call bridge needs ?token=<the CDR token>, and its address must be in --cdr-senders.'],
};

/**
 * The overview's banners: the live receiver's alarms, then the CDR receiver's, one per code
 * (its latest words, and how many more). Text nodes only (dom.js el()).
 */
export function banners(sources) {
  const box = document.getElementById('banners');
  clear(box);
  if (!sources) return;
  let i = 0;
  const add = (alarm, [level, advice], more) => box.append(el('div', { class: 'banner ' + level, id: 'banner-' + i++, 'data-code': alarm.code },
    alarm.text, more ? ' (and ' + more + ' more)' : '', advice ? el('span', { class: 'advice' }, ' — ' + advice) : null));
  (sources.alarms || []).forEach((alarm) => add(alarm, ADVICE[alarm.code] || ['warn', null], 0));
  const latest = new Map();
  for (const alarm of (sources.cdr && sources.cdr.alarms) || []) {
    const seen = latest.get(alarm.code);
    latest.set(alarm.code, { alarm, count: seen ? seen.count + 1 : 1 }); // oldest first: the last is the latest
  }
  latest.forEach(({ alarm, count }) => add(alarm, CDR_ADVICE[alarm.code] || ['warn', null], count - 1));
}

/**
 * The sources page: every live node with its last message, rate, clock offset and drops, and
 * whether it is silent (the server decides, after --silence-alarm without a line); then the
 * listeners. Without a receiver in this process it says so.
 */
export async function sources() {
  const data = await optional('/api/sources');
  banners(data);
  // the API answers for the CDR receiver alone too: no listener and no node means no syslog receiver
  if (!data || (!(data.listeners || []).length && !(data.hosts || []).length)) {
    return el('div', { class: 'sources' }, el('h1', {}, 'Sources'),
      empty('No live receiver in this process: start cmsdoctor serve with --udp or --tcp to receive syslog.'),
      data && data.cdr ? cdrSection(data.cdr) : null);
  }
  const hosts = (data.hosts || []).slice().sort((a, b) => Number(b.silent) - Number(a.silent) || String(a.host).localeCompare(String(b.host)));
  return el('div', { class: 'sources' },
    el('div', { class: 'section-head' }, el('h1', {}, 'Sources'),
      el('span', { class: 'muted' }, hosts.length + ' node' + (hosts.length === 1 ? '' : 's') + ' · '
        + hosts.filter((h) => h.silent).length + ' silent · ' + (data.queued ?? 0) + ' queued')),
    hosts.length ? nodeTable(hosts) : empty('No node has sent anything yet.'),
    el('h2', {}, 'Listeners'),
    listenerTable(data.listeners || []),
    data.cdr ? cdrSection(data.cdr) : null);
}

/** The CDR receiver: one row per call bridge, then its alarms (lost records, restarts, refused POSTs) by code. */
function cdrSection(cdr) {
  const bridges = cdr.bridges || [];
  const alarms = cdr.alarms || [];
  return el('div', { class: 'cdr', id: 'cdr' },
    el('h2', {}, 'Call Detail Records'),
    el('span', { class: 'muted' }, bridges.length + ' call bridge' + (bridges.length === 1 ? '' : 's') + ' · '
      + number(cdr.refused || 0) + ' POSTs refused'),
    bridges.length ? el('table', { class: 'cdr-bridges', id: 'cdr-bridges' },
      el('thead', {}, el('tr', {},
        el('th', {}, 'Call bridge'), el('th', {}, 'Sender'), el('th', {}, 'Last POST'), el('th', { class: 'num' }, 'Records'),
        el('th', { class: 'num' }, 'Re-sent'), el('th', { class: 'num' }, 'Lost by CMS'), el('th', { class: 'num' }, 'Restarts'),
        el('th', { class: 'num' }, 'Unreadable'))),
      el('tbody', {}, bridges.map((b) => el('tr', { 'data-bridge': b.callBridge || '' },
        el('td', { class: 'mono' }, b.callBridge || ''), el('td', { class: 'mono' }, b.sender || ''),
        el('td', {}, timeCell(b.lastSeen)), el('td', { class: 'num' }, number(b.records)),
        el('td', { class: 'num' }, number(b.duplicates)), el('td', { class: 'num' + (b.missing ? ' bad' : '') }, number(b.missing)),
        el('td', { class: 'num' }, number(b.restarts)), el('td', { class: 'num' + (b.malformed ? ' bad' : '') }, number(b.malformed))))))
      : empty('No CDR received yet: point CMS at /cdr (the start banner prints the steps).'),
    alarms.length ? el('ul', { class: 'cdr-alarms', id: 'cdr-alarms' },
      alarms.map((a) => el('li', { 'data-code': a.code }, el('span', { class: 'mono' }, a.code), ' ', a.text))) : null);
}

function nodeTable(hosts) {
  return el('table', { class: 'nodes', id: 'nodes' },
    el('thead', {}, el('tr', {},
      el('th', {}, 'Host'), el('th', {}, 'State'), el('th', {}, 'Sender'), el('th', {}, 'Listener'),
      el('th', {}, 'Last message'), el('th', { class: 'num' }, 'Rate /s'), el('th', { class: 'num' }, 'Clock offset'),
      el('th', { class: 'num' }, 'Lines'), el('th', { class: 'num' }, 'Drops'), el('th', { class: 'num' }, 'Parse failures'))),
    el('tbody', {}, hosts.map((h) => el('tr', { class: h.silent ? 'silent' : 'sending', 'data-host': h.host || '' },
      el('td', { class: 'host' }, h.host || ''),
      el('td', { class: 'state' }, el('span', { class: 'node-state ' + (h.silent ? 'is-silent' : 'is-sending') }, h.silent ? 'silent' : 'sending')),
      el('td', { class: 'mono' }, h.sender || ''),
      el('td', {}, h.listener || ''),
      el('td', {}, timeCell(h.lastSeen)),
      el('td', { class: 'num' }, number(h.rate)),
      el('td', { class: 'num' }, offset(h.clockOffsetMs)),
      el('td', { class: 'num' }, number(h.lines)),
      el('td', { class: 'num' + (h.drops ? ' bad' : '') }, number(h.drops)),
      el('td', { class: 'num' }, number(h.parseFailures))))));
}

function listenerTable(listeners) {
  if (!listeners.length) return empty('No listener.');
  return el('table', { class: 'listeners', id: 'listeners' },
    el('thead', {}, el('tr', {},
      el('th', {}, 'Listener'), el('th', { class: 'num' }, 'Port'), el('th', { class: 'num' }, 'Connections'),
      el('th', { class: 'num' }, 'Drops'), el('th', { class: 'num' }, 'Kernel drops'), el('th', { class: 'num' }, 'Refused'),
      el('th', { class: 'num' }, 'Failed handshakes'))),
    el('tbody', {}, listeners.map((l) => el('tr', {},
      el('td', {}, l.name || ''), el('td', { class: 'num' }, l.port == null ? '' : String(l.port)), el('td', { class: 'num' }, number(l.connections)),
      el('td', { class: 'num' }, number(l.drops)), el('td', { class: 'num' }, number(l.kernelDrops)),
      el('td', { class: 'num' }, number(l.refused)), el('td', { class: 'num' }, number(l.failedHandshakes))))));
}

function offset(ms) {
  if (ms === null || ms === undefined) return '';
  const s = ms / 1000;
  const a = Math.abs(s);
  const text = a < 120 ? s.toFixed(1) + ' s' : a < 7200 ? (s / 60).toFixed(0) + ' min'
    : a < 172800 ? (s / 3600).toFixed(1) + ' h' : (s / 86400).toFixed(1) + ' d';
  return (s >= 0 ? '+' : '') + text;
}

function number(n) {
  if (n === null || n === undefined) return '';
  return typeof n === 'number' ? (Number.isInteger(n) ? n.toLocaleString('en') : n.toFixed(1)) : String(n);
}
