// Keyboard shortcuts: Ctrl+Z undoes, Ctrl+Shift+Z and Ctrl+Y redo (Cmd on a Mac), outside
// text fields (where they are the field's own undo) and outside dialogs.

import { dialogOpen } from './dialogs.js';

/** Whether typing Ctrl+Z here means "undo this text", not "undo the last change". */
function isTextField(target) {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return true;
  if (!(target instanceof HTMLInputElement)) return false;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'range', 'color'].includes(target.type);
}

/** Calls `step('undo' | 'redo')` for the shortcuts. */
export function bindHistoryKeys(step) {
  document.addEventListener('keydown', (event) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.repeat) return;
    const key = event.key.toLowerCase();
    let kind = null;
    if (key === 'z') kind = event.shiftKey ? 'redo' : 'undo';
    else if (key === 'y' && !event.shiftKey) kind = 'redo';
    if (!kind || isTextField(event.target) || dialogOpen()) return;
    event.preventDefault();
    step(kind);
  });
}
