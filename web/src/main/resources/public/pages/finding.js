// One finding: what it means, how to fix it, the lines that prove it.
import { el, api, optional, link, severityBadge, timeCell, facts, query } from '../dom.js';
import { evidenceKeys } from './keys.js';

export async function finding(id) {
  const f = await api(link('/api/findings/', id));
  const status = el('span', { class: 'action-status', id: 'action-status' });
  const act = (verb) => async () => {
    status.textContent = '...';
    try {
      const updated = await api(link('/api/findings/', id) + '/' + verb, { method: 'POST' });
      status.textContent = verb === 'ack' ? 'Acknowledged' : 'Muted';
      stateCell.textContent = (updated && updated.state) || status.textContent.toLowerCase();
    } catch (e) {
      status.textContent = 'Failed: ' + e.message;
    }
  };
  const stateCell = el('span', { class: 'state', id: 'finding-state' }, f.state || '');
  return el('article', { class: 'finding' },
    el('div', { class: 'section-head' },
      el('h1', {}, severityBadge(f.severity), ' ', f.title || f.ruleId),
      el('div', { class: 'actions' },
        el('button', { type: 'button', id: 'ack', onclick: act('ack') }, 'Acknowledge'),
        el('button', { type: 'button', id: 'mute', onclick: act('mute') }, 'Mute'),
        status)),
    facts([
      ['Subject', f.subject],
      ['Rule', el('a', { href: link('/rules/', f.ruleId), id: 'rule-link' }, f.ruleId)],
      ['Category', f.category],
      ['State', stateCell],
      ['Hosts', (f.hosts || []).join(', ')],
      ['Count', String(f.count ?? '')],
      ['First seen', timeCell(f.firstSeen)],
      ['Last seen', timeCell(f.lastSeen)],
      ['Import', f.origin || f.importId],
    ]),
    el('h2', {}, 'What it means'),
    el('p', { class: 'explanation' }, f.explanation || ''),
    el('h2', {}, 'Fix'),
    el('pre', { class: 'fix-block', id: 'fix' }, f.fix || ''),
    await relatedCertificates(id),
    f.references && f.references.length ? [el('h2', {}, 'References'),
      el('ul', {}, f.references.map((r) => el('li', {}, String(r))))] : null,
    el('h2', {}, 'Evidence'),
    evidence(f.evidence || [], f.origin || f.importId));
}

/** A TLS finding points at its services' certificate check, or says which files to collect. */
async function relatedCertificates(id) {
  const r = await optional(link('/api/findings/', id) + '/certificates');
  if (!r || !(r.services || []).length) return null;
  const found = r.certificateFindings || [];
  return el('section', { class: 'related-certificates', id: 'related-certificates' },
    el('h2', {}, 'Certificates'),
    el('p', {}, 'This finding is about the TLS of: ' + r.services.join(', ') + '.'),
    r.link ? el('p', {}, el('a', { href: r.link, id: 'certificate-check-link' }, 'Certificate check of this import'),
      ' (' + (r.checkedServices || []).join(', ') + ')') : null,
    found.length ? el('ul', {}, found.map((c) => el('li', {}, severityBadge(c.severity), ' ',
      el('a', { href: link('/findings/', c.id) }, c.ruleId), ' ', c.subject))) : null,
    r.collect ? el('p', { class: 'collect', id: 'certificates-to-collect' }, r.collect) : null);
}

function evidence(lines, origin) {
  if (!lines.length) return el('p', { class: 'empty' }, 'No evidence lines kept.');
  return el('table', { class: 'evidence', id: 'evidence' },
    el('tbody', {}, lines.map((e) => el('tr', {},
      el('td', { class: 'where' }, el('a', {
        href: '/search' + query({ q: evidenceQuery(e) }),
        title: 'Find this line and its neighbours in search',
      }, shortSource(e.source) + ':' + e.line)),
      el('td', { class: 'line' }, el('code', {}, e.text || '')),
      el('td', { class: 'keys' }, evidenceKeys(e, origin))))));
}

/** The evidence line's source and a loose phrase of its first words after the envelope. */
function evidenceQuery(e) {
  const text = String(e.text || '');
  const afterTag = text.indexOf(': ', 16);
  const words = (afterTag > 0 ? text.slice(afterTag + 2) : text).match(/[A-Za-z]{3,}/g) || [];
  const source = 'source:"' + String(e.source || '').replace(/["\\]/g, '\\$&') + '"';
  return words.length ? source + ' AND "' + words.slice(0, 6).join(' ') + '"~20' : source;
}

function shortSource(s) {
  const str = String(s || '');
  return str.length > 40 ? '…' + str.slice(-39) : str;
}
