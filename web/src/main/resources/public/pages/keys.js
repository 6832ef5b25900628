// Correlation keys: each one links to the call leg it names, never to a bare HOST:N.
import { el, link } from '../dom.js';

export const KEY_FIELDS = ['sipCallId', 'callId', 'callLegId', 'apiCallId', 'conferenceId', 'spaceId', 'callCorrelatorId'];
const LABELS = { sipCallId: 'Call-ID', callId: 'Call-ID', callLegId: 'leg', apiCallId: 'API call', conferenceId: 'conference', spaceId: 'space', callCorrelatorId: 'correlator' };

export function keyLink(value, label, key) {
  return el('a', { class: 'key', href: link('/calls/', key || value), title: (label ? label + ' ' : '') + value }, value);
}

/**
 * The call key (see CallKey in ingest/call) of the leg that holds one line: its number, the
 * file and line, the import, and the host or component when known.
 */
export function lineKey(callNumber, source, line, origin, host, component) {
  let k = (host || '') + ':' + callNumber;
  if (component && component !== 'callbridge') k += ';component=' + component;
  if (line !== null && line !== undefined) k += ';line=' + line;
  if (origin) k += ';import=' + origin;
  if (source) k += ';source=' + source;
  return k;
}

/** A Call-ID or GUID as seen on one host in one import: the key opens that host's leg. */
export function idKey(id, host, origin) {
  return id + (host ? ';host=' + host : '') + (origin ? ';import=' + origin : '');
}

/** Links for the keys a record (a search hit) carries. */
export function recordKeys(r) {
  const out = [];
  for (const f of KEY_FIELDS) {
    if (!r[f]) continue;
    const perHost = f === 'sipCallId' || f === 'callId' || f === 'callLegId';
    out.push(el('span', { class: 'keypair' }, el('span', { class: 'klabel' }, LABELS[f]), ' ',
      keyLink(r[f], LABELS[f], perHost ? idKey(r[f], r.host, r.origin) : null)));
  }
  if (r.callNumber != null) {
    const key = lineKey(r.callNumber, r.source, r.line, r.origin, r.host, r.component);
    out.push(el('span', { class: 'keypair' }, el('span', { class: 'klabel' }, 'call'), ' ',
      keyLink((r.host ? r.host + ' ' : '') + 'call ' + r.callNumber, 'call', key)));
  }
  return out;
}

/**
 * Evidence lines are bare text with their file and line: a "call N:" line links to the leg
 * that holds that very line; otherwise a Call-ID or GUID in the text links to its call.
 */
export function evidenceKeys(e, origin) {
  const text = String(e.text || '');
  const callN = /\bcall (\d+):/.exec(text);
  if (callN && e.source && e.line != null) {
    return [keyLink('call ' + callN[1], 'call', lineKey(callN[1], e.source, e.line, origin))];
  }
  const out = [];
  for (const f of KEY_FIELDS) if (e[f]) out.push(keyLink(e[f]));
  if (out.length) return out;
  const callId = /Call-ID:\s*(\S+)/i.exec(text) || /SIP call ID "([^"]+)"/.exec(text);
  if (callId) return [keyLink(callId[1], 'Call-ID', origin ? idKey(callId[1], null, origin) : null)];
  const guid = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i.exec(text);
  return guid ? [keyLink(guid[0])] : [];
}
