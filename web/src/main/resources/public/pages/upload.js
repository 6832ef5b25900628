// Upload: drop log bundles, watch each one upload and import, then read its findings.
import { el, api, query, empty } from '../dom.js';
import { findingTable } from './overview.js';

export async function upload() {
  const input = el('input', { type: 'file', id: 'files', multiple: true });
  const year = el('input', { type: 'number', name: 'year', id: 'year', placeholder: 'from file dates', min: 2000, max: 2100 });
  const zone = el('input', { type: 'text', name: 'timezone', id: 'timezone', placeholder: 'UTC' });
  const list = el('div', { class: 'uploads', id: 'uploads' });
  const drop = el('label', { class: 'dropzone', id: 'dropzone', for: 'files' },
    el('strong', {}, 'Drop log bundles here'), el('span', {}, ' or click to choose'),
    el('span', { class: 'muted' }, 'logbundle.tar.gz, .zip, .gz, syslog files, event log exports'));
  const start = (files) => { for (const f of files) send(f, list, year.value, zone.value); };
  input.addEventListener('change', () => { start(input.files); input.value = ''; });
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => { e.preventDefault(); drop.classList.remove('over'); start(e.dataTransfer.files); });
  return el('div', { class: 'upload' },
    el('h1', {}, 'Upload logs'),
    el('p', {}, 'Each file is imported into the store and analysed; its findings appear below when the import is done.'),
    el('div', { class: 'upload-options' },
      el('label', {}, 'Year (for syslog without one) ', year),
      el('label', {}, 'Time zone of the logs ', zone)),
    drop, input, list);
}

function send(file, list, year, zone) {
  const bar = el('progress', { max: 100, value: 0 });
  const status = el('span', { class: 'status' }, 'uploading');
  const results = el('div', { class: 'upload-findings' });
  const item = el('div', { class: 'upload-item' },
    el('div', { class: 'upload-line' }, el('span', { class: 'name' }, file.name), el('span', { class: 'size' }, mb(file.size)), bar, status),
    results);
  list.prepend(item);
  const form = new FormData();
  form.append('file', file, file.name);
  if (year) form.append('year', year);
  if (zone) form.append('timezone', zone);
  const xhr = new XMLHttpRequest();
  xhr.open('POST', '/api/uploads');
  xhr.setRequestHeader('Accept', 'application/json');
  xhr.upload.addEventListener('progress', (e) => {
    if (e.lengthComputable) bar.value = Math.round((e.loaded / e.total) * 100);
  });
  xhr.addEventListener('load', () => {
    let body = null;
    try { body = JSON.parse(xhr.responseText); } catch (e) { body = null; }
    if (xhr.status !== 202 || !body) {
      status.textContent = 'failed: ' + ((body && (body.detail || body.error)) || 'HTTP ' + xhr.status);
      item.classList.add('failed');
      return;
    }
    // the transfer is over; from here the bar follows the import (its two passes), not the upload
    bar.value = 0;
    item.dataset.importId = body.id;
    watch(body.id, status, results, item, bar);
  });
  xhr.addEventListener('error', () => { status.textContent = 'failed: connection lost'; item.classList.add('failed'); });
  xhr.send(form);
}

async function watch(id, status, results, item, bar) {
  for (;;) {
    let p;
    try {
      p = await api('/api/uploads/' + encodeURIComponent(id));
    } catch (e) {
      status.textContent = 'failed: ' + e.message;
      return;
    }
    status.textContent = describe(p);
    if (p.percent != null) bar.value = p.percent;
    if (p.state === 'done' || p.state === 'warning' || p.state === 'failed') {
      item.classList.add(p.state);
      if (p.warning) results.append(el('p', { class: 'upload-warning' }, p.warning));
      if ((p.errors || []).length) results.append(el('ul', { class: 'errors' }, p.errors.map((e) => el('li', {}, String(e.message || e)))));
      if ((p.entryReports || []).length) results.append(entryList(p.entryReports, p.entryReportsLeftOut));
      if (p.importId && (p.state === 'done' || (p.state === 'warning' && p.lines > 0))) {
        results.append(el('p', { class: 'report-links' }, el('a', { href: '/' + query({ import: id }) }, 'Overview of this upload'), ' · ',
          el('a', { href: '/calls' + query({ import: id }) }, 'its calls'), ' · ',
          el('a', { href: '/api/imports/' + encodeURIComponent(id) + '/report?format=html' }, 'incident report')));
        await showFindings(p.importId, results);
      }
      return;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

function describe(p) {
  const parts = [p.state === 'importing' && p.phase === 'checking' ? 'checking content' : p.state];
  if (p.state === 'importing' && p.bytesTotal > 0) parts.push(mb(p.bytesRead) + ' of ' + mb(p.bytesTotal));
  if (p.lines != null) parts.push(p.lines.toLocaleString('en') + ' lines');
  if (p.entries != null) parts.push(p.entries + ' entries');
  if (p.state === 'done') parts.push(p.findings + ' findings');
  return parts.join(' · ');
}

// What became of each entry: skipped, refused, unreadable and duplicate entries first, with the reason.
function entryList(entries, leftOut) {
  const order = { unreadable: 0, refused: 1, duplicate: 2, skipped: 3, empty: 4 };
  const sorted = [...entries].sort((a, b) => (order[a.outcome] ?? 9) - (order[b.outcome] ?? 9));
  const items = sorted.map((e) => el('li', { class: 'entry-' + e.outcome },
    el('strong', {}, e.outcome), ' ', e.path, ' (' + e.kind + (e.lines ? ', ' + e.lines.toLocaleString('en') + ' lines' : '') + ')',
    e.note ? ': ' + e.note : ''));
  if (leftOut) items.push(el('li', {}, leftOut + ' more in the import record'));
  return el('details', { class: 'upload-entries', open: sorted.some((e) => e.outcome !== 'imported' && e.outcome !== 'kept') },
    el('summary', {}, 'What became of each entry (' + (entries.length + (leftOut || 0)) + ')'), el('ul', {}, items));
}

async function showFindings(importId, results) {
  const res = await api('/api/findings' + query({ import: importId }));
  const list = res.findings || res || [];
  results.append(list.length ? findingTable(list) : empty('No findings in this upload.'));
}

function mb(n) {
  return n >= 1048576 ? (n / 1048576).toFixed(1) + ' MiB' : Math.ceil(n / 1024) + ' KiB';
}
