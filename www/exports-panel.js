// The four exports: the working tables (JSON, ids beyond 2^53 as digits) and the change
// set as JSON, CSV and a PowerShell script. The output worker (output-client.js) writes the
// text; this panel saves it. The worker may answer with a Blob rather than a string: a Blob crosses to this thread by
// reference, where tens of megabytes of text would be copied and encoded here.

import { $, saveFile } from './dom.js';
import { showFault } from './alerts.js';

// The CSV and the script start with a UTF-8 byte order mark: Excel and Windows PowerShell
// 5.1 read a file without one as the ANSI code page, which garbles names such as "Malmö".
const EXPORTS = {
  tables: { id: 'export-tables', file: 'ipam-failover-tables.json', type: 'application/json', bom: false },
  json: { id: 'export-json', file: 'ipam-failover-changes.json', type: 'application/json', bom: false },
  csv: { id: 'export-csv', file: 'ipam-failover-changes.csv', type: 'text/csv;charset=utf-8', bom: true },
  powershell: { id: 'export-ps1', file: 'ipam-failover-changes.ps1', type: 'text/plain;charset=utf-8', bom: true },
};

/** The text or Blob with a UTF-8 byte order mark in front (a Blob is not read for it). */
function withBom(content, type) {
  return new Blob(['\uFEFF', content], { type });
}

export class ExportsPanel {
  /** `outputs`: the OutputClient that writes the exports. */
  constructor(session, outputs) {
    this.session = session;
    this.outputs = outputs;
    this.status = $('export-status');
    this.buttons = Object.entries(EXPORTS).map(([format, spec]) => {
      const button = $(spec.id);
      button.addEventListener('click', () => this.export(format));
      return button;
    });
    session.on('controls', () => {
      for (const button of this.buttons) button.disabled = session.isLocked();
    });
  }

  async export(format) {
    const { session } = this;
    if (session.isBusy()) return;
    const spec = EXPORTS[format];
    session.setBusy('export');
    let content;
    try {
      content = await this.outputs.request('export', { format });
    } catch (error) {
      showFault(`The export to ${spec.file} failed`, error.fault ?? { message: error.message });
      return;
    } finally {
      session.setBusy(null);
    }
    saveFile(spec.bom ? withBom(content, spec.type) : content, spec.file, spec.type);
    this.status.textContent = `Downloaded ${spec.file}.`;
  }
}
