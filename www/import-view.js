// What the import and the check panels share: the chosen files with their servers, the
// per-file verdicts, the drift findings grouped by relationship, the servers seen, and the
// progress of a run in the import worker. Every string from a file is set as text.

import { $, el, fmt, plural, text } from './dom.js';

export const FINDING_GROUPS_SHOWN = 100; // relationships listed with their findings
export const FINDINGS_PER_GROUP = 50;

const KINDS = {
  collection: 'collection (Collect-DhcpFailover.ps1)',
  'failover-json': 'failover relationships (Get-DhcpServerv4Failover | ConvertTo-Json)',
  'scope-json': 'scopes (Get-DhcpServerv4Scope | ConvertTo-Json)',
  'export-xml': 'scopes (Export-DhcpServer XML)',
};

/** A guess at a file's DHCP server from its name: "export-dhcp-hq-01.xml" gives "dhcp-hq-01". */
export function serverFromFileName(name) {
  let base = String(name).split(/[\\/]/).pop();
  base = base.replace(/(\.(xml|json|txt|utf-?8|utf-?16(le|be)?))+$/i, '');
  const prefix = /^(export|exported|dhcp-?export|backup|scopes?|failover|v4|ps51|ps5|ps7|get-dhcpserverv4(scope|failover))[-_. ]+/i;
  while (prefix.test(base)) base = base.replace(prefix, '');
  base = base.replace(/[-_. ]+(scopes?|failover|export)$/i, '').trim();
  return /^(scopes?|failover|export|dhcp)$/i.test(base) ? '' : base;
}

/**
 * The server a file name points at: the guess from the name, or the one server seen in the
 * other files whose host name is that guess or ends with it ("hq-01" -> "dhcp-hq-01.corp.example").
 */
export function prefillServer(fileName, known = []) {
  const guess = serverFromFileName(fileName);
  if (!guess) return { server: '', matched: false };
  const g = guess.toLowerCase();
  const host = (name) => String(name).toLowerCase().replace(/\.$/, '').split('.')[0];
  const candidates = [...new Set(known)].filter((name) => {
    const h = host(name);
    return String(name).toLowerCase() === g || h === g || h.endsWith(`-${g}`);
  });
  return candidates.length === 1 ? { server: candidates[0], matched: true } : { server: guess, matched: false };
}

const sizeFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
export function bytes(n) {
  if (n >= 1 << 20) return `${sizeFormat.format(n / (1 << 20))} MB`;
  if (n >= 1 << 10) return `${sizeFormat.format(n / (1 << 10))} kB`;
  return plural(n, 'byte');
}

/** Whether a refusal says the file needs its server named. */
function needsServer(fault) {
  return /which DHCP server it came from|give (its|the file's) server/i.test(fault?.message ?? '');
}

/**
 * The files chosen in one panel, each with the server the admin gives it, and their list:
 * name, size, what was recognised or why it was refused, and a server field where the
 * file does not name its server. `prefix` makes the element ids unique per panel.
 */
export class FileSet {
  constructor(list, prefix) {
    this.list = list;
    this.prefix = prefix;
    this.entries = []; // { file, server, showServer }
  }

  get count() {
    return this.entries.length;
  }

  set(files) {
    this.entries = [...files].map((file) => ({ file, server: '', showServer: false, matched: false }));
    this.list.replaceChildren(); // the old list's server fields must not be read for the new files
  }

  /** What the import worker takes: [{ file, server }]. */
  inputs() {
    return this.entries.map(({ file, server }) => ({ file, server: server.trim() || null }));
  }

  /** The server fields' current values. */
  readServers() {
    for (const [i, entry] of this.entries.entries()) {
      const input = $(`${this.prefix}-server-${i}`);
      if (input) entry.server = input.value;
    }
  }

  /**
   * Renders the list. `result` is the import worker's answer (or null before / after a
   * cancel, with `note` saying why nothing was read); `onRerun` runs the import again.
   */
  render(result, { note = null, onRerun } = {}) {
    this.readServers();
    const recognised = new Map((result?.files ?? []).map((f) => [f.index, f]));
    const refused = new Map((result?.refused ?? []).filter((r) => r.index !== null).map((r) => [r.index, r]));
    const items = this.entries.map((entry, i) => {
      const { file } = entry;
      const refusal = refused.get(i);
      const found = refusal ? null : recognised.get(i);
      if (refusal && needsServer(refusal.fault)) entry.showServer = true;
      if (found?.kind === 'export-xml' || entry.server.trim()) entry.showServer = true;
      if (entry.showServer && !entry.server.trim()) Object.assign(entry, prefillServer(file.name, result?.known));

      let verdict;
      let state;
      if (refusal) {
        state = 'refused';
        verdict = el('p', { class: 'file-verdict' },
          el('span', { class: 'badge' }, 'refused'), ' ',
          refusal.fault.code ? el('code', { class: 'fault-code' }, refusal.fault.code) : null,
          refusal.fault.code ? ': ' : '',
          el('span', { class: 'file-fault' }, text(refusal.fault.message, '(no message)')));
      } else if (found) {
        state = 'recognised';
        const counts = [];
        if (found.kind !== 'failover-json') counts.push(plural(found.scopes, 'scope'));
        if (found.kind === 'collection' || found.kind === 'failover-json') counts.push(plural(found.relationships, 'relationship'));
        verdict = el('p', { class: 'file-verdict' },
          el('span', { class: 'badge' }, 'recognised'), ' ',
          el('span', { class: 'file-kind' }, KINDS[found.kind] ?? text(found.kind)),
          found.server ? [', server ', el('span', { class: 'file-server' }, text(found.server))] : null,
          `: ${counts.join(', ')}`);
      } else {
        state = 'pending';
        verdict = el('p', { class: 'file-verdict muted' }, note ?? 'Not read yet.');
      }

      let serverField = null;
      if (entry.showServer) {
        const id = `${this.prefix}-server-${i}`;
        const hint = `${id}-hint`;
        const input = el('input', { type: 'text', id, value: entry.server, autocomplete: 'off', spellcheck: 'false', 'aria-describedby': hint });
        input.value = entry.server;
        input.addEventListener('input', () => { entry.server = input.value; entry.matched = false; });
        input.addEventListener('keydown', (event) => {
          if (event.key === 'Enter' && onRerun) {
            event.preventDefault();
            onRerun();
          }
        });
        serverField = el('div', { class: 'field server-field' },
          el('label', { for: id }, 'DHCP server of ', el('span', {}, `“${file.name}”`)),
          input,
          el('p', { class: 'hint', id: hint }, 'The file does not say which server it came from: give its name, then import again '
            + `(${entry.matched ? 'prefilled with the server seen in the other files that its file name points at' : 'prefilled from the file name'}).`));
      }
      return el('li', { class: `import-file ${state}`, 'data-file': file.name },
        el('p', { class: 'file-name' }, el('span', { class: 'name' }, file.name), el('span', { class: 'muted' }, ` (${bytes(file.size)})`)),
        verdict, serverField);
    });
    this.list.replaceChildren(...items);
    return this.entries.some((e) => e.showServer);
  }
}

/** The findings, grouped by relationship (findings about no relationship first), with counts. */
export function groupDrift(findings) {
  const groups = new Map();
  for (const f of findings) {
    const key = f.relationship ?? '';
    if (!groups.has(key)) groups.set(key, { relationship: f.relationship ?? null, findings: [], errors: 0, warnings: 0 });
    const group = groups.get(key);
    group.findings.push(f);
    if (f.severity === 'error') group.errors++;
    else group.warnings++;
  }
  return [...groups.values()];
}

function driftItem(finding) {
  const severity = finding.severity === 'error' ? 'error' : 'warning';
  return el('li', { class: `finding ${severity}` },
    el('span', { class: 'badge' }, severity), ' ',
    el('code', { class: 'rule' }, text(finding.kind)),
    el('span', { class: 'message' }, `: ${text(finding.message)}`));
}

function countText(group) {
  const parts = [];
  if (group.errors) parts.push(plural(group.errors, 'error'));
  if (group.warnings) parts.push(plural(group.warnings, 'warning'));
  return parts.join(', ');
}

/** Fills `container` with the drift findings by relationship; returns a one-line summary. */
export function renderDrift(container, findings) {
  const groups = groupDrift(findings);
  const shown = groups.slice(0, FINDING_GROUPS_SHOWN);
  container.replaceChildren(...shown.map((group) => {
    const title = group.relationship === null
      ? el('span', {}, 'Servers and inputs')
      : [el('span', { class: 'muted' }, 'Relationship '), el('span', { class: 'relname' }, group.relationship)];
    const items = group.findings.slice(0, FINDINGS_PER_GROUP).map(driftItem);
    const more = group.findings.length > FINDINGS_PER_GROUP
      ? el('p', { class: 'muted' }, `Showing ${fmt(FINDINGS_PER_GROUP)} of ${plural(group.findings.length, 'finding')}.`) : null;
    return el('li', { class: 'drift-group' },
      el('p', { class: 'drift-title' }, title, el('span', { class: 'drift-count' }, ` (${countText(group)})`)),
      el('ul', { class: 'findings-list' }, items), more);
  }));
  const errors = findings.filter((f) => f.severity === 'error').length;
  if (findings.length === 0) return 'The servers agree: no drift found.';
  const head = `${plural(findings.length, 'finding')} (${plural(errors, 'error')}, ${plural(findings.length - errors, 'warning')}) `
    + `in ${plural(groups.length, 'group')}`;
  return groups.length > shown.length ? `${head}; showing the first ${fmt(shown.length)} groups.` : `${head}.`;
}

/** Fills a tbody with the servers seen: name, IP, sources, scopes, relationships, error. */
export function renderServers(tbody, servers) {
  tbody.replaceChildren(...servers.map((s) => el('tr', { class: s.error ? 'unreachable' : null },
    el('th', { scope: 'row' }, text(s.name)),
    el('td', { class: 'mono' }, text(s.ip, '—')),
    el('td', { class: 'sources' }, s.sources.length ? s.sources.map((name) => el('span', {}, name)) : '—'),
    el('td', { class: 'num' }, s.scopes === null || s.scopes === undefined ? 'not collected' : fmt(s.scopes)),
    el('td', { class: 'num' }, fmt(s.relationships)),
    el('td', { class: 'server-error' }, text(s.error, '')))));
}

/** The progress of a run in the import worker: a bar, a line of text and Cancel. */
export class ProgressView {
  constructor(prefix) {
    this.area = $(`${prefix}-progress-area`);
    this.label = $(`${prefix}-progress-label`);
    this.bar = $(`${prefix}-progress`);
    this.text = $(`${prefix}-progress-text`);
    this.cancel = $(`${prefix}-cancel`);
  }

  start(label) {
    this.area.hidden = false;
    this.label.textContent = label;
    this.bar.removeAttribute('value');
    this.text.textContent = 'Starting the import engine…';
  }

  update(p) {
    if (p.phase === 'reading') {
      this.bar.max = p.total;
      this.bar.value = p.done;
      this.text.textContent = `Reading file ${fmt(p.done + 1)} of ${fmt(p.total)}: ${p.name} (${bytes(p.bytes)})`;
    } else if (p.phase === 'checking') {
      this.bar.max = p.total;
      this.bar.value = p.done;
      this.text.textContent = `A file was refused; checking each file alone: ${fmt(p.done + 1)} of ${fmt(p.total)}, ${p.name}`;
    } else {
      this.bar.removeAttribute('value'); // indeterminate: the core reads all files in one call
      this.text.textContent = p.phase === 'reconciling'
        ? 'Comparing the working copy with the fresh collection…'
        : `Importing ${plural(p.total, 'file')}…`;
    }
  }

  stop() {
    this.area.hidden = true;
  }
}
