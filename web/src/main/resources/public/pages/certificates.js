// Certificates: a node's certificate files and MMP pastes checked (issue 14), fixes first, then
// per node and service the files in use, each chain as a tree and the verdict of every check.
// Subjects, SANs and file names are written by whoever made the certificate: text nodes only.
import { el, api, append, link, severityBadge, severityRank, param, clear, empty } from '../dom.js';

export async function certificates() {
  const files = el('input', { type: 'file', id: 'cert-files', multiple: true });
  const node = el('input', { type: 'text', id: 'cert-node', placeholder: 'from the MMP prompt' });
  const paste = el('textarea', { id: 'cert-paste', rows: 6, cols: 80,
    placeholder: 'cms-a> pki list\nUser supplied certificates and keys:\n...\ncms-a> webbridge3\n...' });
  const importId = el('input', { type: 'text', id: 'cert-import', placeholder: 'upl-... or imp-...', value: param('import') });
  const out = el('div', { id: 'cert-report' });
  const status = el('p', { class: 'muted', id: 'cert-status' });
  const check = el('button', { type: 'button', id: 'cert-check', onclick: () => upload(files, node, paste, out, status) }, 'Check these files');
  const pick = el('button', { type: 'button', id: 'cert-pick', onclick: () => fromImport(importId.value.trim(), out, status) }, 'Check the import');
  const page = el('div', { class: 'certificates' },
    el('h1', {}, 'Certificates'),
    el('p', {}, 'Give a node\'s key, certificate, bundle and CSR files (content decides what each is) with the output of ',
      el('code', {}, 'pki list'), ' and the service status commands pasted from the MMP. ',
      'Keys are only matched to certificates: they are deleted after the check and never shown.'),
    el('div', { class: 'upload-options' },
      el('label', {}, 'Files ', files),
      el('label', {}, 'Node ', node)),
    el('label', { class: 'paste' }, 'MMP paste ', paste),
    el('p', {}, check),
    el('p', {}, el('label', {}, 'Or an uploaded import ', importId), ' ', pick),
    status, out);
  if (importId.value) fromImport(importId.value, out, status);
  return page;
}

async function upload(files, node, paste, out, status) {
  const form = new FormData();
  for (const f of files.files) form.append('file', f, f.name);
  if (node.value.trim()) form.append('node', node.value.trim());
  if (paste.value.trim()) form.append('paste', paste.value);
  await show(() => api('/api/certs/check', { method: 'POST', body: form }), out, status);
}

async function fromImport(id, out, status) {
  if (!id) return;
  await show(() => api('/api/certs?import=' + encodeURIComponent(id)), out, status);
}

async function show(load, out, status) {
  status.textContent = 'Checking...';
  clear(out);
  try {
    const r = await load();
    status.textContent = summary(r);
    append(out, report(r));
  } catch (e) {
    status.textContent = 'Failed: ' + e.message;
  }
}

function summary(r) {
  const n = (r.findings || []).length;
  return n + (n === 1 ? ' finding' : ' findings') + ', checked at ' + (r.checkedAt || '')
    + (r.incident ? ', incident ' + r.incident.from + ' to ' + r.incident.to : '');
}

function report(r) {
  const findings = (r.findings || []).slice().sort((a, b) =>
    severityRank(a.severity) - severityRank(b.severity) || String(a.ruleId).localeCompare(String(b.ruleId))
    || String(a.subject).localeCompare(String(b.subject)));
  const nodes = r.nodes || [];
  return [
    el('h2', {}, 'Fix first'),
    findings.length ? el('ol', { class: 'cert-fixes', id: 'cert-fixes' }, findings.map(fix)) : empty('Nothing to fix in these files.'),
    nodes.length ? nodes.map(nodeView) : empty('No certificate, key, CSR or MMP paste found.'),
  ];
}

function fix(f) {
  return el('li', { class: 'cert-fix' },
    el('div', {}, severityBadge(f.severity), ' ', el('a', { href: link('/rules/', f.ruleId), class: 'mono' }, f.ruleId), ' ',
      el('strong', { class: 'subject' }, f.subject || '')),
    el('p', { class: 'explanation' }, f.explanation || ''),
    el('pre', { class: 'fix-block' }, f.fix || ''));
}

function nodeView(n) {
  return el('section', { class: 'cert-node' },
    el('h2', {}, 'Node ', n.node),
    el('p', { class: 'muted' }, n.pkiList ? 'pki list: ' + n.pkiList.join(', ') : 'no pki list given'),
    (n.services || []).map(serviceView),
    n.files && n.files.length ? [el('h3', {}, 'Files'), el('ul', { class: 'cert-files' }, n.files.map(fileView))] : null,
    n.checks && n.checks.length ? [el('h3', {}, 'Node checks'), verdicts(n.checks)] : null);
}

function serviceView(s) {
  const files = [
    s.keyFile ? 'key ' + s.keyFile + (s.key ? ' (' + describeKey(s.key) + ')' : '') + ', ' + s.keyMatch : null,
    s.certificateFile ? 'certificate ' + s.certificateFile : null,
    s.bundleFile ? 'bundle ' + s.bundleFile : null,
  ].filter(Boolean).join('; ');
  return el('div', { class: 'cert-service' },
    el('h3', {}, s.service, ' ', el('span', { class: 'muted' }, '[' + String(s.form || '').toLowerCase().replace('_', ' ') + ']')),
    el('p', {}, files), el('p', { class: 'muted' }, 'from ' + (s.configuredBy || '')),
    s.chain && s.chain.length ? chain(s.chain) : null,
    s.bundle && s.bundle.length ? el('p', {}, 'bundle: ' + s.bundle.map(name).join(', ')) : null,
    verdicts(s.verdicts || []));
}

/** The chain as nested lists: the leaf, its issuer below it, and so on. */
function chain(links) {
  let root = null;
  let parent = null;
  for (const l of links) {
    const c = l.certificate;
    const item = el('li', { class: 'cert-link' },
      el('strong', { class: 'cert-name' }, name(c)), ' ', el('span', { class: 'muted' }, '(' + l.link + ')'),
      el('dl', { class: 'facts' },
        el('dt', {}, 'subject'), el('dd', {}, c.subject || ''),
        el('dt', {}, 'issuer'), el('dd', {}, c.issuer || ''),
        el('dt', {}, 'SAN'), el('dd', {}, (c.subjectAltNames || []).join(', ') || '-'),
        el('dt', {}, 'key usage'), el('dd', {}, ((c.keyUsage || []).join(', ') || '-') + '; EKU '
          + ((c.extendedKeyUsage || []).join(', ') || '(none: any purpose)')),
        el('dt', {}, 'valid'), el('dd', {}, day(c.notBefore) + ' to ' + day(c.notAfter)),
        el('dt', {}, 'key'), el('dd', {}, (c.publicKey || '') + ', ' + (c.signatureAlgorithm || ''))));
    const ul = el('ul', { class: 'cert-chain' }, item);
    if (parent) parent.append(ul); else root = ul;
    parent = item;
  }
  return root;
}

function fileView(f) {
  return el('li', {}, el('span', { class: 'mono' }, f.file), ' ', f.contents,
    (f.usedBy || []).length ? ' used by ' + f.usedBy.join(', ') : ' (no service names it)',
    (f.certificates || []).map((c) => el('div', { class: 'cert-in-file' }, el('strong', { class: 'cert-name' }, name(c)),
      ' issued by ' + (c.issuer || '') + ', valid ' + day(c.notBefore) + ' to ' + day(c.notAfter))),
    (f.csrs || []).map((c) => el('div', { class: 'muted' }, 'CSR ' + c.subject + ' SAN ' + (c.subjectAltNames || []).join(', '))),
    (f.verdicts || []).length ? verdicts(f.verdicts) : null);
}

function verdicts(list) {
  return el('table', { class: 'verdicts' }, el('tbody', {}, list.map((v) => el('tr', { class: 'verdict-' + String(v.status).toLowerCase() },
    el('td', {}, String(v.status).replace('_', ' ')),
    el('td', { class: 'mono' }, el('a', { href: link('/rules/', v.ruleId) }, v.ruleId)),
    el('td', {}, v.check),
    el('td', {}, v.detail || '')))));
}

function name(c) {
  return c.commonName || c.subject || '';
}

function describeKey(k) {
  return k.encrypted ? k.form + ' (encrypted: cannot be matched)' : k.algorithm + ' ' + k.bits + ', ' + k.form;
}

function day(iso) {
  return String(iso || '').slice(0, 10);
}
