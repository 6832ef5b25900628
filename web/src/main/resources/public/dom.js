// DOM and API helpers shared by every page. Nothing here parses HTML.

/** Makes an element; string children become text nodes, never markup. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  appendAll(node, children);
  return node;
}

/** An SVG element with attributes; text children become text nodes. */
export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  setAttrs(node, attrs);
  appendAll(node, children);
  return node;
}

function setAttrs(node, attrs) {
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') {
      node.addEventListener(k.slice(2), v);
    } else if (k === 'href' && !safeHref(v)) {
      continue;
    } else {
      node.setAttribute(k, v === true ? '' : String(v));
    }
  }
}

/** Appends children as el() does: strings as text nodes, null and false skipped. */
export function append(node, ...children) {
  appendAll(node, children);
}

function appendAll(node, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Only links inside this server: data never becomes a javascript: or off-site URL. */
function safeHref(href) {
  const s = String(href);
  return s.startsWith('/') && !s.startsWith('//') && !s.startsWith('/\\');
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

/** The path of a page or API item with one encoded key. */
export function link(prefix, key) {
  return prefix + encodeURIComponent(key);
}

export class ApiError extends Error {
  constructor(status, body) {
    super((body && (body.detail || body.error)) || ('HTTP ' + status));
    this.status = status;
    this.body = body;
  }
}

/** GET or POST the JSON API; a 401 sends the browser to the login form. */
export async function api(path, options = {}) {
  const res = await fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json' }, ...options });
  if (res.status === 401) {
    location.href = '/login?next=' + encodeURIComponent(location.pathname + location.search);
    throw new ApiError(401, { error: 'unauthorized', detail: 'sign in first' });
  }
  let body = null;
  try { body = await res.json(); } catch (e) { body = null; }
  if (!res.ok) throw new ApiError(res.status, body);
  return body;
}

/** Like api() but answers null when that part of cmsdoctor is not running (503). */
export async function optional(path) {
  try {
    return await api(path);
  } catch (e) {
    if (e.status === 503 || e.status === 404) return null;
    throw e;
  }
}

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== null && v !== undefined && v !== '') q.set(k, v);
  }
  const s = q.toString();
  return s ? '?' + s : '';
}

export function param(name) {
  return new URLSearchParams(location.search).get(name) || '';
}

const SEVERITIES = ['critical', 'error', 'warning', 'info'];
export function severityRank(s) {
  const i = SEVERITIES.indexOf(s);
  return i < 0 ? SEVERITIES.length : i;
}
export function severityBadge(s) {
  return el('span', { class: 'sev sev-' + (SEVERITIES.includes(s) ? s : 'info') }, s || 'info');
}

// One clock: every time on every page is shown in one zone, UTC unless the user picked the
// browser's own zone with the switch in the header (remembered in localStorage).
const ZONE_KEY = 'cmsdoctor.zone';

/** The IANA zone times are shown in: 'UTC' or the browser's zone. */
export function displayZone() {
  let chosen = null;
  try { chosen = localStorage.getItem(ZONE_KEY); } catch (e) { chosen = null; }
  if (chosen === 'local') return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  return 'UTC';
}

/** 'utc' or 'local', as the header switch shows it. */
export function zoneChoice() {
  try { return localStorage.getItem(ZONE_KEY) === 'local' ? 'local' : 'utc'; } catch (e) { return 'utc'; }
}

export function setZoneChoice(choice) {
  try { localStorage.setItem(ZONE_KEY, choice === 'local' ? 'local' : 'utc'); } catch (e) { /* private mode: stays UTC */ }
}

/** {date: '2024-02-23', clock: '09:02:21.768'} in the display zone; null when not a time. */
export function timeParts(iso) {
  if (!iso) return null;
  const d = new Date(String(iso));
  if (isNaN(d.getTime())) return null;
  const f = new Intl.DateTimeFormat('en-CA', { timeZone: displayZone(), year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  const p = Object.fromEntries(f.formatToParts(d).map((x) => [x.type, x.value]));
  const ms = String(d.getUTCMilliseconds()).padStart(3, '0');
  return { date: p.year + '-' + p.month + '-' + p.day, clock: p.hour + ':' + p.minute + ':' + p.second + '.' + ms };
}

/** 2024-02-23T10:02:21.768+01:00 -> "2024-02-23 09:02:21.768" (in the display zone, UTC by default). */
export function time(iso) {
  const t = timeParts(iso);
  return t ? t.date + ' ' + t.clock : String(iso || '');
}
export function timeCell(iso) {
  return el('time', { datetime: iso || '', title: iso ? iso + ' as written; shown in ' + displayZone() : '' }, time(iso));
}
/** The time of day only (the date when the times around it need it is the caller's choice). */
export function shortTime(iso) {
  const t = timeParts(iso);
  return t ? t.clock : String(iso || '');
}

/** True when the times fall on more than one date in the display zone. */
export function spansDates(isos) {
  return new Set(isos.map((i) => timeParts(i)).filter(Boolean).map((t) => t.date)).size > 1;
}

/** A definition list from [label, value] pairs, skipping empty values. */
export function facts(pairs) {
  const dl = el('dl', { class: 'facts' });
  for (const [k, v] of pairs) {
    if (v === null || v === undefined || v === '' || (Array.isArray(v) && !v.length)) continue;
    dl.append(el('dt', {}, k), el('dd', {}, v));
  }
  return dl;
}

export function empty(message) {
  return el('p', { class: 'empty' }, message);
}
