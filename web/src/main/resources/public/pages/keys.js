// Correlation keys: each one links to its call.
import { el, link } from '../dom.js';

export const KEY_FIELDS = ['sipCallId', 'callId', 'callLegId', 'apiCallId', 'conferenceId', 'spaceId', 'callCorrelatorId'];
const LABELS = { sipCallId: 'Call-ID', callId: 'Call-ID', callLegId: 'leg', apiCallId: 'API call', conferenceId: 'conference', spaceId: 'space', callCorrelatorId: 'correlator' };

export function keyLink(value, label) {
  return el('a', { class: 'key', href: link('/calls/', value), title: (label ? label + ' ' : '') + value }, value);
}

/** Links for the keys a record or an evidence line carries. */
export function recordKeys(r) {
  const out = [];
  for (const f of KEY_FIELDS) {
    if (r[f]) out.push(el('span', { class: 'keypair' }, el('span', { class: 'klabel' }, LABELS[f]), ' ', keyLink(r[f], LABELS[f])));
  }
  if (r.host && r.callNumber != null) {
    out.push(el('span', { class: 'keypair' }, el('span', { class: 'klabel' }, 'call'), ' ', keyLink(r.host + ':' + r.callNumber, 'call')));
  }
  return out;
}

/** Evidence lines are bare text; pull out a Call-ID or GUID so they still link to the call. */
export function evidenceKeys(e) {
  const out = [];
  for (const f of KEY_FIELDS) if (e[f]) out.push(keyLink(e[f]));
  if (out.length) return out;
  const text = String(e.text || '');
  const callId = /Call-ID:\s*(\S+)/i.exec(text) || /SIP call ID "([^"]+)"/.exec(text);
  if (callId) return [keyLink(callId[1], 'Call-ID')];
  const guid = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i.exec(text);
  if (guid) return [keyLink(guid[0])];
  // "Feb  6 05:19:01.101 user.info cms1 host:server: INFO : call 12: ending; ..." -> cms1:12
  const host = /^(?:<\d+>)?[A-Z][a-z]{2}\s+\d+\s+[\d:.]+\s+\w+\.\w+\s+(\S+)\s/.exec(text);
  const callN = /\bcall (\d+):/.exec(text);
  return host && callN ? [keyLink(host[1] + ':' + callN[1], 'call')] : [];
}
