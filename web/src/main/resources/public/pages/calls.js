// Calls: one row per call leg in the time range; failed calls stand out.
import { el, api, param, query, timeCell, empty, link, displayZone } from '../dom.js';

export async function calls() {
  const q = param('q');
  const from = param('from');
  const to = param('to');
  const limit = Number(param('limit')) || 100;
  const zone = displayZone();
  const res = await api('/api/calls' + query({ q, from, to, zone, import: param('import'), limit }));
  const list = res.calls || res || [];
  const filter = el('input', { type: 'search', id: 'calls-filter', placeholder: 'Filter by URI, user, host...' });
  const outcome = el('select', { id: 'calls-outcome' },
    el('option', { value: '' }, 'All outcomes'), el('option', { value: 'failed' }, 'Failed'), el('option', { value: 'connected' }, 'Connected'));
  const hosts = [...new Set(list.map(callHost).filter(Boolean))].sort();
  const host = el('select', { id: 'calls-host' }, el('option', { value: '' }, 'All hosts'), hosts.map((h) => el('option', { value: h }, h)));
  const rows = list.map((c) => ({ c, tr: callRow(c), text: searchable(c) }));
  const count = el('span', { class: 'summary' });
  const apply = () => {
    const words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
    let n = 0;
    for (const r of rows) {
      const ok = words.every((w) => r.text.includes(w))
        && (!outcome.value || (outcome.value === 'failed') === isFailed(r.c))
        && (!host.value || callHost(r.c) === host.value);
      r.tr.hidden = !ok;
      if (ok) n++;
    }
    count.textContent = n + ' of ' + rows.length + ' calls' + (rows.length >= limit ? ' (the newest ' + limit + '; set a time range for older ones)' : '');
  };
  filter.addEventListener('input', apply);
  outcome.addEventListener('change', apply);
  host.addEventListener('change', apply);
  apply();
  const form = el('form', { class: 'search-form', method: 'get', action: '/calls' },
    el('input', { name: 'q', type: 'search', value: q, placeholder: 'Query, e.g. host:cms1 or a URI' }),
    el('label', { title: 'Read in ' + zone }, 'From (' + zone + ') ', el('input', { name: 'from', type: 'datetime-local', step: '1', value: from })),
    el('label', { title: 'Read in ' + zone }, 'To (' + zone + ') ', el('input', { name: 'to', type: 'datetime-local', step: '1', value: to })),
    el('button', { type: 'submit' }, 'Load'));
  return el('div', { class: 'calls' },
    el('h1', {}, 'Calls'), form,
    el('p', { class: 'muted zone-note', id: 'calls-zone' }, 'Times in ' + zone + '.'),
    el('div', { class: 'filters' }, filter, outcome, host, count),
    rows.length ? callsTable(rows.map((r) => r.tr)) : empty('No calls in this range.'));
}

/** The call table around rows made by callRow(). */
export function callsTable(trs, id = 'calls') {
  return el('table', { class: 'calls-table', id },
    el('thead', {}, el('tr', {}, el('th', {}, 'Start (' + displayZone() + ')'), el('th', {}, 'End'), el('th', {}, 'Host'), el('th', {}, 'Call'),
      el('th', {}, 'Remote (caller / dialled)'), el('th', {}, 'Local URI'), el('th', {}, 'Outcome'))),
    el('tbody', {}, trs));
}

export function callRow(c) {
  const failed = isFailed(c);
  const open = !c.ending && !(c.cdrOnly && c.end); // a CDR-only leg has no ending line but an end record
  return el('tr', { class: 'call-row' + (failed ? ' failed' : ''), 'data-key': callKey(c) },
    el('td', { class: 'when' }, el('a', { href: link('/calls/', callKey(c)) }, timeCell(c.start))),
    el('td', { class: 'when' }, timeCell(c.end)),
    el('td', {}, callHost(c)),
    el('td', { class: 'num' + (c.cdrOnly ? ' cdr-only' : ''), title: c.cdrOnly ? 'Known from CMS Call Detail Records only: no log line names this leg' : '' },
      el('a', { href: link('/calls/', callKey(c)) }, (c.direction === 'outgoing' ? '→ ' : c.direction === 'incoming' ? '← ' : '') + callName(c))),
    el('td', { class: 'uri' }, c.remoteUri || ''),
    el('td', { class: 'uri' }, c.localUri || ''),
    el('td', { class: 'outcome' },
      failed ? el('span', { class: 'sev sev-error' }, 'failed') : open ? el('span', { class: 'sev sev-open' }, 'open') : el('span', { class: 'sev sev-ok' }, 'ok'),
      ' ', outcomeText(c)));
}

export function outcomeText(c) {
  return String(c.outcome ?? '');
}

/** A leg that ended "not connected" failed; one without an ending line is still open (or cut off). */
export function isFailed(c) {
  if (c.ending && typeof c.ending.connected === 'boolean') return !c.ending.connected;
  return /^not connected/i.test(outcomeText(c));
}

/** The host, or for a leg without one (an event log export) its file. */
function callHost(c) {
  return c.host || (c.source ? 'file ' + c.source : '');
}

/** "call 12", "streamer call 13", "SIP dialog" for a leg seen only in SIP, "CDR only" for one no log line names. */
function callName(c) {
  if (c.cdrOnly) return 'CDR only';
  const what = c.component && c.component !== 'callbridge' ? c.component + ' ' : '';
  return c.callNumber != null ? what + 'call ' + c.callNumber : 'SIP dialog';
}

/** The key the server opens exactly this leg with: every row carries one. */
export function callKey(c) {
  return c.key;
}

function searchable(c) {
  return [c.localUri, c.remoteUri, callHost(c), callName(c), outcomeText(c), c.callLegId, c.sipCallId, c.key]
    .join(' ').toLowerCase();
}
