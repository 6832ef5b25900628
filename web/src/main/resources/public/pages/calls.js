// Calls: one row per call leg in the time range; failed calls stand out.
import { el, api, param, query, timeCell, empty, link } from '../dom.js';

export async function calls() {
  const q = param('q');
  const from = param('from');
  const to = param('to');
  const res = await api('/api/calls' + query({ q, from, to, import: param('import') }));
  const list = res.calls || res || [];
  const filter = el('input', { type: 'search', id: 'calls-filter', placeholder: 'Filter by URI, user, host...' });
  const outcome = el('select', { id: 'calls-outcome' },
    el('option', { value: '' }, 'All outcomes'), el('option', { value: 'failed' }, 'Failed'), el('option', { value: 'connected' }, 'Connected'));
  const hosts = [...new Set(list.map(callHost).filter(Boolean))].sort();
  const host = el('select', { id: 'calls-host' }, el('option', { value: '' }, 'All hosts'), hosts.map((h) => el('option', { value: h }, h)));
  const rows = list.map((c) => ({ c, tr: row(c), text: searchable(c) }));
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
    count.textContent = n + ' of ' + rows.length + ' calls';
  };
  filter.addEventListener('input', apply);
  outcome.addEventListener('change', apply);
  host.addEventListener('change', apply);
  apply();
  const form = el('form', { class: 'search-form', method: 'get', action: '/calls' },
    el('input', { name: 'q', type: 'search', value: q, placeholder: 'Query, e.g. host:cms1 or a URI' }),
    el('label', {}, 'From ', el('input', { name: 'from', type: 'datetime-local', step: '1', value: from })),
    el('label', {}, 'To ', el('input', { name: 'to', type: 'datetime-local', step: '1', value: to })),
    el('button', { type: 'submit' }, 'Load'));
  return el('div', { class: 'calls' },
    el('h1', {}, 'Calls'), form,
    el('div', { class: 'filters' }, filter, outcome, host, count),
    rows.length ? el('table', { class: 'calls-table', id: 'calls' },
      el('thead', {}, el('tr', {}, el('th', {}, 'Start'), el('th', {}, 'End'), el('th', {}, 'Host'), el('th', {}, 'From / local'),
        el('th', {}, 'To / remote'), el('th', {}, 'Outcome'), el('th', {}, ''))),
      el('tbody', {}, rows.map((r) => r.tr))) : empty('No calls in this range.'));
}

function row(c) {
  const failed = isFailed(c);
  return el('tr', { class: 'call-row' + (failed ? ' failed' : '') },
    el('td', { class: 'when' }, timeCell(c.start)),
    el('td', { class: 'when' }, timeCell(c.end)),
    el('td', {}, callHost(c) || ''),
    el('td', { class: 'uri' }, c.localUri || ''),
    el('td', { class: 'uri' }, c.remoteUri || ''),
    el('td', { class: 'outcome' }, failed ? el('span', { class: 'sev sev-error' }, 'failed') : el('span', { class: 'ok' }, 'ok'), ' ', outcomeText(c)),
    el('td', {}, el('a', { class: 'open', href: link('/calls/', callKey(c)) }, 'Open')));
}

export function outcomeText(c) {
  const o = c.outcome;
  if (o && typeof o === 'object') {
    return [o.connected === false ? 'not connected' : o.connected ? 'connected' : '', o.duration ? (o.connected ? 'for ' : 'after ') + o.duration : '', o.reason ? '— ' + o.reason : ''].filter(Boolean).join(' ');
  }
  return String(o ?? '');
}

export function isFailed(c) {
  if (typeof c.failed === 'boolean') return c.failed;
  if (typeof c.connected === 'boolean') return !c.connected;
  if (c.outcome && typeof c.outcome === 'object' && typeof c.outcome.connected === 'boolean') return !c.outcome.connected;
  return /not connected|fail|timeout|rejected/i.test(outcomeText(c));
}

function callHost(c) {
  return c.host || (c.keys && c.keys.host) || '';
}

/** The most specific key a call has: leg GUID, then Call-ID, then host:N. */
export function callKey(c) {
  const k = c.keys || {};
  const first = (v) => (Array.isArray(v) ? v[0] : v);
  return first(k.callLegId) || first(k.sipCallId) || first(k.sipCallIds) || first(k.apiCallId)
    || (callHost(c) && k.callNumber != null ? callHost(c) + ':' + k.callNumber : '') || c.key || c.id || '';
}

function searchable(c) {
  return [c.localUri, c.remoteUri, callHost(c), outcomeText(c), JSON.stringify(c.keys || {})].join(' ').toLowerCase();
}
