// Reading a Chromium trace (devtools.timeline, with the stacks of forced layouts) of the
// admin page, for bench/page.mjs --trace: the main thread's self time per event kind, and
// each long task taken apart (what ran in it, the style and layout passes with how many
// elements and layout objects they touched, and which page function forced them).

/** The page's main thread: the CrRendererMain thread with the most complete events. */
function mainThread(events) {
  const names = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const count = (t) => events.filter((e) => e.pid === t.pid && e.tid === t.tid && e.ph === 'X').length;
  return names.map((t) => ({ t, n: count(t) })).sort((a, b) => b.n - a.n)[0]?.t ?? null;
}

/** The main thread's complete events in time order, each with its self time (µs) filled in. */
function withSelfTime(events) {
  const main = mainThread(events);
  const mine = events.filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && typeof e.dur === 'number')
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur)
    .map((e) => ({ ...e, child: 0, depth: 0 }));
  const stack = [];
  for (const e of mine) {
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
    const parent = stack.at(-1);
    if (parent) parent.child += e.dur;
    e.depth = stack.length;
    stack.push(e);
  }
  for (const e of mine) e.self = e.dur - e.child;
  return mine;
}

/**
 * Main-thread time per trace event kind (self time: a complete event's duration minus its
 * children's), highest first: where a long task goes (script, style, layout, paint).
 */
export function summariseTrace(events) {
  const self = new Map();
  for (const e of withSelfTime(events)) self.set(e.name, (self.get(e.name) ?? 0) + e.self / 1000);
  return [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([name, ms]) => ({ name, selfMs: Math.round(ms) }));
}

const frameText = (f) => (f ? `${f.functionName || '(anonymous)'} ${String(f.url ?? '').replace(/^.*\//, '')}:${(f.lineNumber ?? 0) + 1}` : '');

/**
 * Every main-thread task over `minMs` (the top-level RunTask events), longest first, each
 * with its self time per event kind, the page functions called in it (FunctionCall), and its
 * style (UpdateLayoutTree: elements restyled) and layout (Layout: dirty / total objects)
 * passes, with the page function that forced each one when it was forced.
 */
export function traceLongTasks(events, minMs = 50) {
  const mine = withSelfTime(events);
  const tasks = mine.filter((e) => e.depth === 0 && e.dur >= minMs * 1000);
  return tasks.sort((a, b) => b.dur - a.dur).slice(0, 20).map((task) => {
    const end = task.ts + task.dur;
    const inside = mine.filter((e) => e.ts >= task.ts && e.ts + e.dur <= end);
    const self = new Map();
    for (const e of inside) self.set(e.name, (self.get(e.name) ?? 0) + e.self / 1000);
    const calls = inside.filter((e) => e.name === 'FunctionCall' && e.dur >= 2000)
      .map((e) => `${frameText(e.args?.data)} ${Math.round(e.dur / 1000)} ms`);
    const passes = inside.filter((e) => (e.name === 'UpdateLayoutTree' || e.name === 'Layout') && e.dur >= 2000).map((e) => {
      const data = e.args?.beginData ?? e.args?.data ?? {};
      const size = e.name === 'Layout'
        ? `${data.dirtyObjects ?? '?'}/${data.totalObjects ?? '?'} objects`
        : `${e.args?.elementCount ?? data.elementCount ?? '?'} elements`;
      const forcedBy = frameText(data.stackTrace?.[0]);
      return `${e.name === 'Layout' ? 'layout' : 'style'} ${Math.round(e.dur / 1000)} ms (${size})${forcedBy ? ` forced by ${forcedBy}` : ''}`;
    });
    return {
      ms: Math.round(task.dur / 1000),
      self: [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([name, ms]) => `${name} ${Math.round(ms)}`).join(', '),
      calls: calls.slice(0, 6),
      passes: passes.slice(0, 8),
    };
  });
}
