// Rules: every detection rule, and one page per rule id (/rules/CMS-DNS-001).
import { el, api, link, severityBadge, severityRank, facts } from '../dom.js';

export async function rules() {
  const res = await api('/api/rules');
  const list = (res.rules || res || []).slice().sort((a, b) => String(a.id).localeCompare(String(b.id)));
  return el('div', { class: 'rules' },
    el('h1', {}, 'Rules (' + list.length + ')'),
    el('table', { class: 'rules-table', id: 'rules' },
      el('thead', {}, el('tr', {}, el('th', {}, 'Id'), el('th', {}, 'Severity'), el('th', {}, 'Category'), el('th', {}, 'Detects'))),
      el('tbody', {}, list.map((r) => el('tr', {},
        el('td', { class: 'mono' }, el('a', { href: link('/rules/', r.id) }, r.id)),
        el('td', {}, severityBadge(r.severity)),
        el('td', {}, r.category || ''),
        el('td', {}, r.title || ''))))));
}

export async function rule(id) {
  const r = await api(link('/api/rules/', id));
  const ex = r.examples || {};
  return el('article', { class: 'rule' },
    el('p', { class: 'crumbs' }, el('a', { href: '/rules' }, 'Rules'), ' / ', r.id),
    el('h1', {}, el('span', { class: 'mono' }, r.id), ' ', r.title || ''),
    facts([
      ['Severity', severityBadge(r.severity)],
      ['Category', r.category],
      ['Component', r.component],
      ['Source', r.source || r.kind],
    ]),
    el('h2', {}, 'What it means'), el('p', { class: 'explanation' }, r.explanation || ''),
    el('h2', {}, 'Fix'), el('pre', { class: 'fix-block' }, r.fix || ''),
    list('References', r.references),
    list('Known false positives', r.falsePositives),
    examples('Lines that match', ex.mustMatch, 'match'),
    examples('Near misses that must not match', ex.mustNotMatch, 'nomatch'));
}

function list(title, items) {
  if (!items || !items.length) return null;
  return [el('h2', {}, title), el('ul', {}, items.map((i) => el('li', {}, String(i))))];
}

function examples(title, lines, cls) {
  if (!lines || !lines.length) return null;
  const text = lines.map((l) => (typeof l === 'string' ? l : l.line || l.text || JSON.stringify(l)));
  return [el('h2', {}, title), el('pre', { class: 'examples ' + cls }, text.join('\n'))];
}

export { severityRank };
