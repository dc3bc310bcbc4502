// The view in the URL: the target relationship, the relationship list's filter, sort and
// page, the scope filters, sort and page, as URLSearchParams in the hash
// (#rel=12&server=3%2C4&member=in-none&page=2). A reload or a shared link opens the same
// view; history.replaceState keeps the back button for real navigation.
//
// Keys: rel (target relationship key), rq / rpair / rsort / rpage (relationship list),
// q / prefix / server / member / sort / page (scopes). A sort is a key, "-key" when
// descending; pages count from 1. Empty values are left out.

const WRITE_DELAY_MS = 80;

let params = new URLSearchParams(location.hash.replace(/^#/, ''));
let timer = 0;

/** The value of `key` in the URL as the page opened (or as last written), '' when absent. */
export function viewParam(key) {
  return params.get(key) ?? '';
}

/** A whole page number from the URL (1-based there), as a 0-based index. */
export function viewPage(key) {
  const n = Number(params.get(key));
  return Number.isInteger(n) && n > 1 ? n - 1 : 0;
}

/** Merges `part` ({ key: value }; '' or null removes a key) and writes it to the URL soon. */
export function writeView(part) {
  for (const [key, value] of Object.entries(part)) {
    if (value === '' || value === null || value === undefined) params.delete(key);
    else params.set(key, String(value));
  }
  clearTimeout(timer);
  timer = setTimeout(flush, WRITE_DELAY_MS);
}

function flush() {
  clearTimeout(timer);
  const hash = params.toString();
  const url = `${location.pathname}${location.search}${hash ? `#${hash}` : ''}`;
  if (url !== `${location.pathname}${location.search}${location.hash}`) history.replaceState(history.state, '', url);
}

// A reload right after a change still keeps it.
addEventListener('pagehide', flush);

// A link pasted into the same tab changes only the hash (replaceState fires no
// hashchange): open that view.
addEventListener('hashchange', () => {
  clearTimeout(timer);
  params = new URLSearchParams(location.hash.replace(/^#/, ''));
  location.reload();
});
