// Overview: what is broken right now, one line per finding, most severe first; the fix on
// expand. A scope switch picks all data, live data or one import; category and host
// filters narrow the list, and the severity badges count what the filters leave.
import { el, api, optional, link, severityBadge, severityRank, timeCell, empty, query, param } from '../dom.js';
import { banners } from './sources.js';

const SEVERITIES = ['critical', 'error', 'warning', 'info'];

export async function overview() {
  const scope = param('import');
  const [findings, sources, health, imports] = await Promise.all([
    api('/api/findings' + query({ state: 'active', import: scope })),
    optional('/api/sources'),
    optional('/api/health'),
    optional('/api/imports'),
  ]);
  banners(sources);
  const list = (findings.findings || findings || []).slice()
    .sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || String(b.lastSeen).localeCompare(String(a.lastSeen)));
  const badges = el('span', { class: 'counts', id: 'counts' });
  const table = list.length ? findingTable(list) : empty(scope
    ? 'No active findings in this scope.'
    : 'No active findings. Upload log bundles or point CMS syslog at this server.');
  const picked = list.length ? filters(list, table, badges) : null;
  countBadges(badges, list);
  return el('div', { class: 'overview' },
    el('section', {},
      el('div', { class: 'section-head' },
        el('h1', {}, 'Active findings'),
        scopeSwitch(scope, imports && imports.imports || []),
        picked,
        badges),
      reportLink(scope),
      table),
    nodesLine(sources),
    dataLine(health));
}

/** All data, live only, or one import (by its import id; an upload id in the URL selects its import too). */
function scopeSwitch(scope, imports) {
  const select = el('select', { id: 'scope', 'aria-label': 'Scope' },
    el('option', { value: '' }, 'All data'),
    el('option', { value: 'live' }, 'Live only'),
    imports.map((i) => el('option', { value: i.id }, 'Import ' + (i.uploadId || i.id)
      + (i.hosts && i.hosts.length ? ' · ' + i.hosts.join(', ') : '') + (i.from ? ' · ' + String(i.from).slice(0, 10) : ''))));
  const match = imports.find((i) => i.id === scope || i.uploadId === scope);
  select.value = match ? match.id : scope === 'live' ? 'live' : '';
  select.addEventListener('change', () => { location.href = '/' + query({ import: select.value }); });
  return el('span', { class: 'scope' }, select);
}

function reportLink(scope) {
  if (!scope || scope === 'live') return null;
  const base = link('/api/imports/', scope) + '/report';
  return el('p', { class: 'report-links' }, 'Incident report: ',
    el('a', { href: base + '?format=html', id: 'report-html' }, 'HTML'), ' · ',
    el('a', { href: base + '?format=md' }, 'Markdown'), ' · ',
    el('a', { href: base + '?format=html&redact=true' }, 'redacted'), ' · ',
    el('a', { href: '/calls' + query({ import: scope }) }, 'its calls'), ' · ',
    el('a', { href: '/search' + query({ import: scope }) }, 'its lines'));
}

/** Category and host pickers that hide the other findings' lines (the list is already loaded). */
function filters(list, table, badges) {
  const options = (values, all) => [el('option', { value: '' }, all), ...[...new Set(values)].sort().map((v) => el('option', { value: v }, v))];
  const category = el('select', { id: 'filter-category', 'aria-label': 'Category' }, options(list.map((f) => f.category), 'All categories'));
  const host = el('select', { id: 'filter-host', 'aria-label': 'Host' }, options(list.flatMap((f) => f.hosts || []), 'All hosts'));
  const apply = () => {
    const shown = [];
    table.querySelectorAll('tbody tr.finding-row').forEach((row, i) => {
      const f = list[i];
      const show = (!category.value || f.category === category.value) && (!host.value || (f.hosts || []).includes(host.value));
      row.hidden = !show;
      const fix = row.nextElementSibling;
      fix.hidden = !show || row.dataset.expanded !== 'true';
      if (show) shown.push(f);
    });
    countBadges(badges, shown);
  };
  category.addEventListener('change', apply);
  host.addEventListener('change', apply);
  return el('span', { class: 'filters' }, category, host);
}

/** One badge per severity present in {@code list}: the findings the filters leave. */
function countBadges(badges, list) {
  const counts = {};
  for (const f of list) counts[f.severity] = (counts[f.severity] || 0) + 1;
  badges.replaceChildren(...SEVERITIES.filter((s) => counts[s]).map((s) =>
    el('span', { class: 'count sev-' + s, 'data-severity': s }, counts[s] + ' ' + s)));
}

/** One line per finding: severity, title, subject, hosts, count, last seen; its fix on a second line shown on expand. */
export function findingTable(list) {
  return el('table', { class: 'findings', id: 'findings' },
    el('thead', {}, el('tr', {},
      el('th', {}, 'Severity'), el('th', {}, 'Finding'), el('th', {}, 'Hosts'),
      el('th', { class: 'num' }, 'Count'), el('th', {}, 'Last seen'), el('th', {}, ''))),
    el('tbody', {}, list.map((f) => {
      const fix = el('tr', { class: 'fix-row', hidden: true }, el('td', {}), el('td', { colspan: 5, class: 'fix' },
        el('span', { class: 'fix-label' }, 'Fix'), el('span', { class: 'fix-text' }, f.fix || 'see the finding page')));
      const toggle = el('button', { class: 'expand', type: 'button', 'aria-expanded': 'false', title: 'Show the fix' }, 'Fix');
      const row = el('tr', { class: 'finding-row sev-row-' + f.severity, 'data-rule': f.ruleId, 'data-origin': f.origin || '' },
        el('td', {}, severityBadge(f.severity)),
        el('td', { class: 'what' },
          el('a', { class: 'title', href: link('/findings/', f.id) }, f.title || f.ruleId),
          f.subject ? el('span', { class: 'subject' }, f.subject) : null,
          el('span', { class: 'origin' }, f.origin === 'live' ? 'live' : f.origin ? 'import' : ''),
          f.state && f.state !== 'active' ? el('span', { class: 'state' }, f.state) : null),
        el('td', { class: 'hosts' }, (f.hosts || []).join(', ')),
        el('td', { class: 'num' }, String(f.count ?? '')),
        el('td', { class: 'when' }, timeCell(f.lastSeen)),
        el('td', {}, toggle));
      toggle.addEventListener('click', () => {
        const open = row.dataset.expanded !== 'true';
        row.dataset.expanded = String(open);
        toggle.setAttribute('aria-expanded', String(open));
        fix.hidden = !open;
      });
      return [row, fix];
    })));
}

/** One line about the live nodes; the table is on the sources page. */
function nodesLine(sources) {
  const hosts = sources && sources.hosts || [];
  if (!hosts.length) return null;
  const silent = hosts.filter((h) => h.silent).length;
  return el('p', { class: 'nodes-line', id: 'nodes-line' },
    hosts.length + ' live node' + (hosts.length === 1 ? '' : 's'),
    silent ? el('span', { class: 'silent-count' }, ', ' + silent + ' silent') : ', all sending',
    ' · ', el('a', { href: '/sources' }, 'sources'));
}

function dataLine(health) {
  if (!health || health.documents == null) return null;
  return el('p', { class: 'muted data-line' },
    health.documents.toLocaleString('en') + ' events and SIP messages indexed · ',
    health.live ? 'receiving live syslog' : 'no live receiver in this process', ' · ',
    el('a', { href: '/upload' }, 'upload log bundles'));
}
