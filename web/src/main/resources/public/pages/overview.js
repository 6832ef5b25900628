// Overview: what is broken right now, most severe first, with the fix; then the nodes.
import { el, api, optional, link, severityBadge, severityRank, timeCell, empty, query, param } from '../dom.js';
import { banners } from './sources.js';

export async function overview() {
  const [findings, sources, health] = await Promise.all([
    api('/api/findings' + query({ state: 'active', import: param('import') })),
    optional('/api/sources'),
    optional('/api/health'),
  ]);
  banners(sources);
  const list = (findings.findings || findings || []).slice()
    .sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || String(b.lastSeen).localeCompare(String(a.lastSeen)));
  const counts = {};
  for (const f of list) counts[f.severity] = (counts[f.severity] || 0) + 1;
  const table = list.length ? findingTable(list) : empty('No active findings. Upload log bundles or point CMS syslog at this server.');
  return el('div', { class: 'overview' },
    el('section', {},
      el('div', { class: 'section-head' },
        el('h1', {}, 'Active findings'),
        list.length > 5 ? filters(list, table) : null,
        el('span', { class: 'counts' },
          ['critical', 'error', 'warning', 'info'].filter((s) => counts[s]).map((s) =>
            el('span', { class: 'count sev-' + s }, counts[s] + ' ' + s)))),
      table),
    nodes(sources),
    dataLine(health));
}

/** Category and host pickers that hide the other findings' rows (the list is already loaded). */
function filters(list, table) {
  const options = (values, all) => [el('option', { value: '' }, all), ...[...new Set(values)].sort().map((v) => el('option', { value: v }, v))];
  const category = el('select', { id: 'filter-category', 'aria-label': 'Category' }, options(list.map((f) => f.category), 'All categories'));
  const host = el('select', { id: 'filter-host', 'aria-label': 'Host' }, options(list.flatMap((f) => f.hosts || []), 'All hosts'));
  const apply = () => {
    list.forEach((f, i) => {
      const show = (!category.value || f.category === category.value) && (!host.value || (f.hosts || []).includes(host.value));
      const rows = table.querySelectorAll('tbody tr');
      rows[2 * i].hidden = !show;
      rows[2 * i + 1].hidden = !show;
    });
  };
  category.addEventListener('change', apply);
  host.addEventListener('change', apply);
  return el('span', { class: 'filters' }, category, host);
}

export function findingTable(list) {
  return el('table', { class: 'findings', id: 'findings' },
    el('thead', {}, el('tr', {},
      el('th', {}, 'Severity'), el('th', {}, 'Finding'), el('th', {}, 'Hosts'),
      el('th', { class: 'num' }, 'Count'), el('th', {}, 'Last seen'))),
    el('tbody', {}, list.map((f) => [
      el('tr', { class: 'finding-row sev-row-' + f.severity, 'data-rule': f.ruleId },
        el('td', {}, severityBadge(f.severity)),
        el('td', {},
          el('a', { class: 'title', href: link('/findings/', f.id) }, f.title || f.ruleId),
          f.subject ? el('span', { class: 'subject' }, f.subject) : null,
          el('span', { class: 'rule-id' }, el('a', { href: link('/rules/', f.ruleId) }, f.ruleId), ' · ', f.category),
          f.state && f.state !== 'active' ? el('span', { class: 'state' }, f.state) : null),
        el('td', { class: 'hosts' }, (f.hosts || []).join(', ')),
        el('td', { class: 'num' }, String(f.count ?? '')),
        el('td', { class: 'when' }, timeCell(f.lastSeen))),
      el('tr', { class: 'fix-row' }, el('td', {}), el('td', { colspan: 4, class: 'fix' },
        el('span', { class: 'fix-label' }, 'Fix'), el('span', { class: 'fix-text' }, f.fix || ''))),
    ])));
}

function nodes(sources) {
  const hosts = sources && (sources.hosts || sources.sources) || [];
  if (!hosts.length) return null;
  return el('section', {},
    el('h2', {}, 'Cluster nodes'),
    el('table', { class: 'nodes', id: 'nodes' },
      el('thead', {}, el('tr', {},
        el('th', {}, 'Host'), el('th', {}, 'Listener'), el('th', {}, 'Last seen'), el('th', { class: 'num' }, 'Lines'),
        el('th', { class: 'num' }, 'Rate /s'), el('th', { class: 'num' }, 'Clock offset'), el('th', {}, 'State'))),
      el('tbody', {}, hosts.map((h) => el('tr', { class: h.silent ? 'silent' : '' },
        el('td', {}, h.host || ''),
        el('td', {}, h.listener || ''),
        el('td', {}, timeCell(h.lastSeen)),
        el('td', { class: 'num' }, fmtNum(h.lines)),
        el('td', { class: 'num' }, fmtNum(h.rate ?? h.linesPerSecond)),
        el('td', { class: 'num' }, offset(h)),
        el('td', {}, h.silent ? 'silent' : 'sending'))))));
}

function dataLine(health) {
  if (!health || health.documents == null) return null;
  return el('p', { class: 'muted data-line' },
    health.documents.toLocaleString('en') + ' events and SIP messages indexed · ',
    health.live ? 'receiving live syslog' : 'no live receiver in this process', ' · ',
    el('a', { href: '/upload' }, 'upload log bundles'));
}

function offset(h) {
  const ms = h.clockOffsetMs ?? (h.clockOffsetSeconds != null ? h.clockOffsetSeconds * 1000 : null);
  if (ms === null || ms === undefined) return '';
  const s = ms / 1000;
  const a = Math.abs(s);
  const text = a < 120 ? s.toFixed(1) + ' s' : a < 7200 ? (s / 60).toFixed(0) + ' min'
    : a < 172800 ? (s / 3600).toFixed(1) + ' h' : (s / 86400).toFixed(1) + ' d';
  return (s >= 0 ? '+' : '') + text;
}

function fmtNum(n) {
  if (n === null || n === undefined) return '';
  return typeof n === 'number' ? (Number.isInteger(n) ? n.toLocaleString('en') : n.toFixed(1)) : String(n);
}
