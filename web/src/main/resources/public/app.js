// cmsdoctor dashboard: reads the path, asks the JSON API, draws the page.
// Log text is written by strangers: it only ever reaches the page through
// text nodes (el(), text()), never through innerHTML or attribute markup.
import { overview } from './pages/overview.js';
import { finding } from './pages/finding.js';
import { calls } from './pages/calls.js';
import { call } from './pages/call.js';
import { search } from './pages/search.js';
import { upload } from './pages/upload.js';
import { rules, rule } from './pages/rules.js';
import { sources } from './pages/sources.js';
import { certificates } from './pages/certificates.js';
import { el, clear, displayZone, zoneChoice, setZoneChoice } from './dom.js';

const routes = [
  [/^\/$/, 'overview', () => overview()],
  [/^\/findings\/(.+)$/, 'overview', (id) => finding(id)],
  [/^\/calls$/, 'calls', () => calls()],
  [/^\/calls\/(.+)$/, 'calls', (key) => call(key)],
  [/^\/search$/, 'search', () => search()],
  [/^\/upload$/, 'upload', () => upload()],
  [/^\/rules$/, 'rules', () => rules()],
  [/^\/rules\/(.+)$/, 'rules', (id) => rule(id)],
  [/^\/sources$/, 'sources', () => sources()],
  [/^\/certificates$/, 'certificates', () => certificates()],
];

/** The header switch between UTC and the browser's zone; every page redraws in the new one. */
function zoneSwitch() {
  const header = document.querySelector('header.top');
  if (!header || document.getElementById('zone-switch')) return;
  const local = Intl.DateTimeFormat().resolvedOptions().timeZone || 'local';
  const select = el('select', { id: 'zone-switch', title: 'Zone every time is shown in', 'aria-label': 'Time zone' },
    el('option', { value: 'utc' }, 'Times in UTC'),
    el('option', { value: 'local' }, 'Times in ' + local));
  select.value = zoneChoice();
  select.addEventListener('change', () => {
    setZoneChoice(select.value);
    main();
  });
  header.append(el('label', { class: 'zone' }, select));
}

async function main() {
  zoneSwitch();
  document.documentElement.dataset.zone = displayZone();
  const page = document.getElementById('page');
  const path = location.pathname;
  for (const [pattern, nav, draw] of routes) {
    const m = pattern.exec(path);
    if (!m) continue;
    for (const a of document.querySelectorAll('nav a')) {
      a.classList.toggle('active', a.dataset.nav === nav);
    }
    try {
      const content = await draw(...m.slice(1).map(decodeURIComponent));
      clear(page);
      page.append(content);
    } catch (e) {
      clear(page);
      page.append(el('div', { class: 'error-box' }, el('h2', {}, 'Could not load this page'), el('p', {}, String(e.message || e))));
    }
    return;
  }
  clear(page);
  page.append(el('h2', {}, 'No such page'), el('p', {}, el('a', { href: '/' }, 'Back to the overview')));
}

main();
