//! The working copy in a compact binary form, for the browser to store and read back
//! quickly: what a reload restores. It holds what the JSON snapshot holds (the loaded
//! tables, every recorded change, how many are applied) plus what is otherwise derived by
//! reading every scope row (the page's list of scopes and servers, the partner check's
//! addresses), so reading it parses no JSON but the few relationship rows.
//!
//! Layout, little-endian: the magic `IPAMFOWS`, a u32 version, the sections below, and a
//! u64 checksum of everything before it. A text is a u64 byte length and UTF-8 bytes.
//! - relationships: count; per row its RecordId (i64) and its other fields as JSON text;
//! - scope-failover rows as loaded: count n, n scope ids, n relationship ids (i64), then
//!   the rows with fields beyond the two ids: count; per row its number and JSON text;
//! - scope rows: u8 1 if the table was given (0: absent); count n, n RecordIds, n ends
//!   (u64) of each row's text in the rows' text, which comes last;
//! - the partner check's (server RecordId, IPv4 address) pairs: count; i64 and u32 each;
//! - the page's servers (count; RecordId, name, scope count) and scopes (count; RecordId,
//!   flags, network, server, address, name);
//! - changes: count, how many are applied, then each: u8 0 (add: first slot, rows) or 1
//!   (remove: rows, each with its slot); a row is scope id, relationship id and its extra
//!   fields' JSON text (empty for none);
//! - the scope rows' text, one after another (empty without a scopes table).
//!
//! A damaged copy is refused with INVALID_SNAPSHOT, never half-read: every count and
//! length is checked against what is left before anything is allocated for it.

use serde_json::{Map, Value};

use crate::fault::{Fault, FaultCode};
use crate::tables::{FailoverRow, ScopeFailoverRow};

use super::id_index::IdIndex;
use super::store::{ScopeRows, Store};
use super::view::{ScopeEntry, ScopeView, ServerEntry};
use super::{Change, Workspace};

/// The first eight bytes of every packed copy.
pub const MAGIC: &[u8; 8] = b"IPAMFOWS";
/// The packed version this code writes and reads.
pub const PACKED_VERSION: u32 = 1;

const NETWORK: u8 = 1;
const SERVER: u8 = 2;
const KNOWN: u8 = 4;

fn bad(message: impl Into<String>) -> Fault {
    Fault::unstepped(
        FaultCode::InvalidSnapshot,
        format!("the saved working copy cannot be read: {}", message.into()),
    )
}

/// A checksum that notices damage (not an attacker): FNV-style over 8-byte words, fed in
/// pieces of any size.
struct Checksum {
    h: u64,
    pending: [u8; 8],
    filled: usize,
    total: u64,
}

impl Checksum {
    fn new() -> Checksum {
        Checksum {
            h: 0xcbf2_9ce4_8422_2325,
            pending: [0; 8],
            filled: 0,
            total: 0,
        }
    }

    fn word(&mut self, word: [u8; 8]) {
        let w = u64::from_le_bytes(word);
        self.h = (self.h ^ w)
            .wrapping_mul(0x0000_0100_0000_01b3)
            .rotate_left(31);
    }

    fn feed(&mut self, mut bytes: &[u8]) {
        self.total += bytes.len() as u64;
        if self.filled > 0 {
            let n = (8 - self.filled).min(bytes.len());
            self.pending[self.filled..self.filled + n].copy_from_slice(&bytes[..n]);
            self.filled += n;
            bytes = &bytes[n..];
            if self.filled < 8 {
                return;
            }
            self.word(self.pending);
            self.filled = 0;
        }
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            self.word(word.try_into().unwrap_or_default());
        }
        let rest = words.remainder();
        self.pending[..rest.len()].copy_from_slice(rest);
        self.filled = rest.len();
    }

    fn finish(&self) -> u64 {
        let mut h = self.h;
        for b in &self.pending[..self.filled] {
            h = (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        h ^ self.total
    }
}

fn checksum(bytes: &[u8]) -> u64 {
    let mut sum = Checksum::new();
    sum.feed(bytes);
    sum.finish()
}

/// How many bytes the writer gathers before handing them on: the size of every piece but
/// the last, which ends with the checksum.
const PIECE: usize = 1 << 20;

// ---- writing ----------------------------------------------------------------------------

/// Where written pieces go: a large copy never sits whole in memory while it is written.
type Sink<'s> = &'s mut dyn FnMut(&[u8]);

/// With no sink it only counts (`packed_len`).
struct Writer<'s> {
    buf: Vec<u8>,
    sum: Checksum,
    sink: Option<Sink<'s>>,
    counted: usize,
}

impl Writer<'_> {
    /// Gathers bytes into pieces of exactly PIECE bytes (the last one excepted), each
    /// handed on as it fills: a long text goes out in pieces too.
    fn bytes(&mut self, mut v: &[u8]) {
        let Some(sink) = self.sink.as_mut() else {
            self.counted += v.len();
            return;
        };
        while !v.is_empty() {
            if self.buf.is_empty() && v.len() >= PIECE {
                let (piece, rest) = v.split_at(PIECE);
                self.sum.feed(piece);
                sink(piece);
                v = rest;
                continue;
            }
            let (now, rest) = v.split_at((PIECE - self.buf.len()).min(v.len()));
            self.buf.extend_from_slice(now);
            v = rest;
            if self.buf.len() == PIECE {
                self.sum.feed(&self.buf);
                sink(&self.buf);
                self.buf.clear();
            }
        }
    }
    /// Hands on what is left with the checksum of everything before it, as the last piece;
    /// returns the count when only counting.
    fn finish(mut self) -> usize {
        let Some(sink) = self.sink.as_mut() else {
            return self.counted + 8;
        };
        self.sum.feed(&self.buf);
        let sum = self.sum.finish().to_le_bytes();
        self.buf.extend_from_slice(&sum);
        sink(&self.buf);
        0
    }
    fn u8(&mut self, v: u8) {
        self.bytes(&[v]);
    }
    fn u32(&mut self, v: u32) {
        self.bytes(&v.to_le_bytes());
    }
    fn u64(&mut self, v: u64) {
        self.bytes(&v.to_le_bytes());
    }
    fn len(&mut self, v: usize) {
        self.u64(v as u64);
    }
    fn i64(&mut self, v: i64) {
        self.bytes(&v.to_le_bytes());
    }
    fn text(&mut self, v: &str) {
        self.len(v.len());
        self.bytes(v.as_bytes());
    }
    fn fields(&mut self, v: Option<&Map<String, Value>>) {
        match v {
            Some(fields) if !fields.is_empty() => {
                self.text(&serde_json::to_string(fields).unwrap_or_default())
            }
            _ => self.len(0),
        }
    }
    fn row(&mut self, row: &ScopeFailoverRow) {
        self.i64(row.scope_id);
        self.i64(row.relation_id);
        self.fields(Some(&row.extra));
    }
}

impl Workspace {
    /// The working copy in its packed form; [`Workspace::from_packed`] reads it back to
    /// the same tables, history and list of scopes.
    pub fn to_packed(&self) -> Vec<u8> {
        let mut out = Vec::new();
        self.write_packed(&mut |piece| out.extend_from_slice(piece));
        out
    }

    /// The packed form handed to `sink` in pieces of a megabyte (2^20 bytes; the last
    /// one, which ends with the checksum, may be shorter), in order: what
    /// [`Workspace::to_packed`] joins.
    pub fn write_packed(&self, sink: &mut dyn FnMut(&[u8])) {
        self.pack(Writer {
            buf: Vec::with_capacity(PIECE),
            sum: Checksum::new(),
            sink: Some(sink),
            counted: 0,
        });
    }

    /// How many bytes [`Workspace::write_packed`] writes (counted, not written: so that a
    /// caller can make room for them at once).
    pub fn packed_len(&self) -> usize {
        self.pack(Writer {
            buf: Vec::new(),
            sum: Checksum::new(),
            sink: None,
            counted: 0,
        })
    }

    /// Writes (or counts) the packed form; returns the count.
    fn pack(&self, mut w: Writer) -> usize {
        let store = &self.store;
        let base = self.baseline_slots();
        let rows = store.scopes.as_ref();
        w.bytes(MAGIC);
        w.u32(PACKED_VERSION);

        w.len(store.failovers.len());
        for row in &store.failovers {
            w.i64(row.record_id);
            w.fields(Some(&row.fields));
        }

        let pairs: Vec<_> = base.columns().collect();
        w.len(pairs.len());
        pairs.iter().for_each(|(scope, _, _)| w.i64(*scope));
        pairs.iter().for_each(|(_, relation, _)| w.i64(*relation));
        let extras: Vec<_> = pairs
            .iter()
            .enumerate()
            .filter_map(|(i, (_, _, extra))| extra.filter(|e| !e.is_empty()).map(|e| (i, e)))
            .collect();
        w.len(extras.len());
        for (i, fields) in extras {
            w.len(i);
            w.fields(Some(fields));
        }

        match rows {
            None => w.u8(0),
            Some(rows) => {
                w.u8(1);
                w.len(rows.len());
                rows.ids.iter().for_each(|id| w.i64(*id));
                rows.ends.iter().for_each(|end| w.len(*end));
            }
        }

        let hosted: Vec<(i64, u32)> = store.hosted.iter().copied().collect();
        let hosted = super::sort::sorted_by(hosted, |(server, address)| (*server, *address as i64));
        w.len(hosted.len());
        for (server, address) in hosted {
            w.i64(server);
            w.u32(address);
        }

        let servers = self.view.servers();
        w.len(servers.len());
        for server in servers {
            w.i64(server.id);
            w.text(&server.name);
            w.len(server.scopes);
        }
        let entries = self.view.entries();
        w.len(entries.len());
        for e in entries {
            w.i64(e.id);
            let flags = if e.network.is_some() { NETWORK } else { 0 }
                | if e.server.is_some() { SERVER } else { 0 }
                | if e.known { KNOWN } else { 0 };
            w.u8(flags);
            w.u32(e.network.unwrap_or(0));
            w.u32(e.server.unwrap_or(0));
            w.text(e.address);
            w.text(e.name);
        }

        w.len(self.done.len() + self.undone.len());
        w.len(self.done.len());
        for change in self.done.iter().chain(self.undone.iter().rev()) {
            match change {
                Change::Add { start, rows } => {
                    w.u8(0);
                    w.len(*start);
                    w.len(rows.len());
                    rows.iter().for_each(|row| w.row(row));
                }
                Change::Remove { rows } => {
                    w.u8(1);
                    w.len(rows.len());
                    for (slot, row) in rows {
                        w.len(*slot);
                        w.row(row);
                    }
                }
            }
        }
        // Last, so that a reader can keep it where it lies (see `from_packed_vec`).
        w.text(rows.map_or("", |r| r.text.as_str()));
        w.finish()
    }

    /// Reads a working copy written by [`Workspace::to_packed`]; a damaged or foreign one
    /// is refused with INVALID_SNAPSHOT.
    pub fn from_packed(bytes: &[u8]) -> Result<Workspace, Fault> {
        let (parts, text) = Self::read_packed(bytes)?;
        let text = std::str::from_utf8(&bytes[text])
            .map_err(|_| bad("the scope rows' text is not UTF-8"))?
            .to_owned();
        parts.assemble(text).map_err(bad)
    }

    /// As [`Workspace::from_packed`], keeping the scope rows' text in the given buffer
    /// rather than copying it out: a 100,000-scope copy needs 20 MB less memory to read.
    pub fn from_packed_vec(mut bytes: Vec<u8>) -> Result<Workspace, Fault> {
        let (parts, text) = Self::read_packed(&bytes)?;
        bytes.truncate(text.end);
        bytes.drain(..text.start);
        bytes.shrink_to_fit();
        let text =
            String::from_utf8(bytes).map_err(|_| bad("the scope rows' text is not UTF-8"))?;
        parts.assemble(text).map_err(bad)
    }

    /// Checks the frame and reads every section but the scope rows' text, whose place it
    /// returns.
    fn read_packed(bytes: &[u8]) -> Result<(Parts, std::ops::Range<usize>), Fault> {
        if bytes.len() < MAGIC.len() + 4 + 8 || &bytes[..MAGIC.len()] != MAGIC {
            return Err(bad("it is not a packed working copy"));
        }
        let (body, sum) = bytes.split_at(bytes.len() - 8);
        if checksum(body) != u64::from_le_bytes(sum.try_into().unwrap_or_default()) {
            return Err(bad(
                "it is damaged: its checksum does not match its contents",
            ));
        }
        let mut r = Reader {
            bytes: body,
            at: MAGIC.len(),
        };
        let version = r.u32().map_err(bad)?;
        if version != PACKED_VERSION {
            return Err(bad(format!(
                "it is packed version {version}, not {PACKED_VERSION}"
            )));
        }
        let parts = read(&mut r).map_err(|m| bad(format!("{m} (at byte {})", r.at)))?;
        let len = r.len().map_err(bad)?;
        let start = r.at;
        r.take(len).map_err(bad)?;
        if r.at != body.len() {
            return Err(bad("it has bytes after the scope rows' text"));
        }
        Ok((parts, start..start + len))
    }
}

// ---- reading ----------------------------------------------------------------------------

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self
            .at
            .checked_add(n)
            .filter(|end| *end <= self.bytes.len())
            .ok_or("it ends too soon")?;
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }
    fn u8(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }
    fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().unwrap_or_default(),
        ))
    }
    fn u64(&mut self) -> Result<u64, String> {
        Ok(u64::from_le_bytes(
            self.take(8)?.try_into().unwrap_or_default(),
        ))
    }
    fn i64(&mut self) -> Result<i64, String> {
        Ok(i64::from_le_bytes(
            self.take(8)?.try_into().unwrap_or_default(),
        ))
    }
    /// A length or position (it must fit in memory).
    fn len(&mut self) -> Result<usize, String> {
        usize::try_from(self.u64()?).map_err(|_| "a length is too large".into())
    }
    /// A count of items of at least `each` bytes, checked against what is left.
    fn count(&mut self, each: usize, what: &str) -> Result<usize, String> {
        let n = self.len()?;
        match n.checked_mul(each) {
            Some(bytes) if bytes <= self.bytes.len() - self.at => Ok(n),
            _ => Err(format!("it claims more {what} ({n}) than it holds")),
        }
    }
    fn text(&mut self) -> Result<&'a str, String> {
        let n = self.len()?;
        std::str::from_utf8(self.take(n)?).map_err(|_| "a text is not UTF-8".into())
    }
    fn i64s(&mut self, n: usize) -> Result<Vec<i64>, String> {
        Ok(self
            .take(n.checked_mul(8).ok_or("it ends too soon")?)?
            .chunks_exact(8)
            .map(|c| i64::from_le_bytes(c.try_into().unwrap_or_default()))
            .collect())
    }
    fn fields(&mut self) -> Result<Map<String, Value>, String> {
        let text = self.text()?;
        if text.is_empty() {
            return Ok(Map::new());
        }
        serde_json::from_str(text)
            .map_err(|e| format!("a row's fields are not a JSON object ({e})"))
    }
    fn row(&mut self) -> Result<ScopeFailoverRow, String> {
        Ok(ScopeFailoverRow {
            scope_id: self.i64()?,
            relation_id: self.i64()?,
            extra: self.fields()?,
        })
    }
}

/// Everything a packed copy holds but the scope rows' text, read and checked on its own.
struct Parts {
    failovers: Vec<FailoverRow>,
    failover_index: rustc_hash::FxHashMap<i64, usize>,
    scope_ids: Vec<i64>,
    relation_ids: Vec<i64>,
    extras: Vec<(usize, Map<String, Value>)>,
    /// The scope rows' RecordIds and text ends, when the table was given.
    rows: Option<(Vec<i64>, Vec<usize>)>,
    scope_index: IdIndex,
    hosted: rustc_hash::FxHashSet<(i64, u32)>,
    view: ScopeView,
    changes: Vec<Change>,
    cursor: usize,
}

fn read(r: &mut Reader) -> Result<Parts, String> {
    let n = r.count(16, "relationships")?;
    let mut failovers = Vec::with_capacity(n);
    let mut failover_index = rustc_hash::FxHashMap::default();
    for i in 0..n {
        let record_id = r.i64()?;
        if failover_index.insert(record_id, i).is_some() {
            return Err(format!("relationship {record_id} is listed twice"));
        }
        failovers.push(FailoverRow {
            record_id,
            fields: r.fields()?,
        });
    }

    let n = r.count(16, "scope-failover rows")?;
    let scope_ids = r.i64s(n)?;
    let relation_ids = r.i64s(n)?;
    let m = r.count(16, "rows with extra fields")?;
    let mut extras = Vec::with_capacity(m);
    for _ in 0..m {
        let i = r.len()?;
        if i >= n || extras.last().is_some_and(|(prev, _)| *prev >= i) {
            return Err(format!("extra fields name row {i}, out of order or range"));
        }
        extras.push((i, r.fields()?));
    }

    let scopes = match r.u8()? {
        0 => None,
        1 => {
            let n = r.count(16, "scope rows")?;
            let ids = r.i64s(n)?;
            let mut ends = Vec::with_capacity(n);
            for _ in 0..n {
                ends.push(r.len()?);
            }
            Some((ids, ends))
        }
        other => return Err(format!("the scope table's marker is {other}")),
    };
    let mut scope_index = match &scopes {
        Some((ids, _)) => IdIndex::for_ids(ids),
        None => IdIndex::default(),
    };
    for (i, id) in scopes.iter().flat_map(|(ids, _)| ids.iter()).enumerate() {
        if scope_index.insert(*id, i as u32).is_some() {
            return Err(format!("scope {id} is listed twice"));
        }
    }

    let n = r.count(12, "hosted addresses")?;
    let mut hosted = rustc_hash::FxHashSet::default();
    hosted.reserve(n);
    for _ in 0..n {
        hosted.insert((r.i64()?, r.u32()?));
    }

    let n = r.count(24, "servers")?;
    let mut servers = Vec::with_capacity(n);
    for _ in 0..n {
        servers.push(ServerEntry {
            id: r.i64()?,
            name: r.text()?.to_owned(),
            scopes: r.len()?,
        });
    }
    let n = r.count(33, "listed scopes")?;
    let mut entries = Vec::with_capacity(n);
    for _ in 0..n {
        let id = r.i64()?;
        let flags = r.u8()?;
        let (network, server) = (r.u32()?, r.u32()?);
        entries.push(ScopeEntry {
            id,
            network: (flags & NETWORK != 0).then_some(network),
            server: (flags & SERVER != 0).then_some(server),
            known: flags & KNOWN != 0,
            address: r.text()?,
            name: r.text()?,
        });
    }
    let view = ScopeView::from_parts(entries, servers)
        .ok_or("its list of scopes does not fit its servers")?;

    let count = r.count(9, "changes")?;
    let cursor = r.len()?;
    if cursor > count {
        return Err(format!("{cursor} of its {count} changes are applied"));
    }
    let changes = (0..count)
        .map(|i| read_change(r).map_err(|m| format!("change {i}: {m}")))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Parts {
        failovers,
        failover_index,
        scope_ids,
        relation_ids,
        extras,
        rows: scopes,
        scope_index,
        hosted,
        view,
        changes,
        cursor,
    })
}

impl Parts {
    /// The working copy, given the scope rows' text: the store built, each change checked
    /// against the rows it meets and applied, then the undone ones undone.
    fn assemble(self, text: String) -> Result<Workspace, String> {
        let scopes = match self.rows {
            None if text.is_empty() => None,
            None => return Err("it has scope rows' text but no scopes table".into()),
            Some((ids, ends)) => {
                let mut start = 0;
                for end in &ends {
                    if *end < start || *end > text.len() || !text.is_char_boundary(*end) {
                        return Err("the scope rows' texts are out of place".into());
                    }
                    start = *end;
                }
                if start != text.len() {
                    return Err("the scope rows' text is longer than its rows".into());
                }
                Some(ScopeRows { ids, ends, text })
            }
        };
        let mut store = Store {
            failovers: self.failovers,
            failover_index: self.failover_index,
            scopes,
            scope_index: self.scope_index,
            hosted: self.hosted,
            ..Store::default()
        };
        store.load_pairs(self.scope_ids, self.relation_ids, self.extras);
        let mut ws = Workspace::of(store, self.view);
        ws.view.include(ws.store.paired_scope_ids());
        let count = self.changes.len();
        for (i, change) in self.changes.into_iter().enumerate() {
            check_change(&change, &ws.store).map_err(|m| format!("change {i}: {m}"))?;
            change.apply(&mut ws.store);
            ws.after(&change);
            ws.done.push(change);
        }
        for _ in self.cursor..count {
            ws.undo();
        }
        Ok(ws)
    }
}

/// Whether a change read fits the rows it meets: an add starts at the end of the table,
/// a removal takes rows that are there.
fn check_change(change: &Change, store: &Store) -> Result<(), String> {
    match change {
        Change::Add { start, .. } if *start != store.slot_count() => Err(format!(
            "it starts at row {start}, not {}",
            store.slot_count()
        )),
        Change::Add { .. } => Ok(()),
        Change::Remove { rows } => {
            for (i, (slot, row)) in rows.iter().enumerate() {
                if store.slot(*slot).as_ref() != Some(row) {
                    return Err(format!("row {i} does not match row {slot} of the table"));
                }
            }
            Ok(())
        }
    }
}

fn read_change(r: &mut Reader) -> Result<Change, String> {
    match r.u8()? {
        0 => {
            let start = r.len()?;
            let n = r.count(24, "rows")?;
            let rows = (0..n).map(|_| r.row()).collect::<Result<Vec<_>, _>>()?;
            Ok(Change::Add { start, rows })
        }
        1 => {
            let n = r.count(32, "rows")?;
            let mut rows: Vec<(usize, ScopeFailoverRow)> = Vec::with_capacity(n);
            for i in 0..n {
                let slot = r.len()?;
                let row = r.row()?;
                if rows.last().is_some_and(|(prev, _)| *prev >= slot) {
                    return Err(format!("row {i} is not after the row before it"));
                }
                rows.push((slot, row));
            }
            Ok(Change::Remove { rows })
        }
        other => Err(format!(
            "its kind is {other}, neither add (0) nor remove (1)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Damage that keeps the checksum right (a bug, not the disk): random bytes changed,
    /// the checksum written again; reading refuses or reads, and never panics.
    #[test]
    fn damage_behind_a_good_checksum_never_panics() {
        let text = r#"{"ADM_DhcpFailoverTable":[{"RecordId":1,"Server1RecordId":5,"Server2RecordId":6}],
            "ADM_DhcpScopeFailoverTable":[{"ScopeId":1,"FailoverRelationId":1,"X":1},{"ScopeId":2,"FailoverRelationId":1}],
            "ADM_DHCPScopesTable":[{"RecordId":1,"ScopeId":"10.0.0.0","SubnetMask":"255.0.0.0","DHCPServerRecordId":5},{"RecordId":3,"ScopeName":"é"}]}"#;
        let mut ws = Workspace::from_text(text).unwrap();
        let param = crate::parameter::RawParameter::new(
            1,
            vec![crate::raw::RawId::from(3i64), crate::raw::RawId::from(1i64)],
        );
        ws.add_scopes(&param, &mut crate::progress::NoProgress)
            .unwrap();
        let good = ws.to_packed();
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut refused = 0;
        for round in 0..20_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let mut bytes = good[..good.len() - 8].to_vec();
            let at = 12 + (state as usize) % (bytes.len() - 12);
            bytes[at] = match round % 3 {
                0 => (state >> 32) as u8,
                1 => 0xff,
                _ => bytes[at].wrapping_add(1),
            };
            let sum = checksum(&bytes);
            bytes.extend_from_slice(&sum.to_le_bytes());
            if let Err(f) = Workspace::from_packed(&bytes) {
                assert_eq!(f.code(), FaultCode::InvalidSnapshot);
                refused += 1;
            }
        }
        assert!(refused > 10_000, "most damage is noticed: {refused}");
    }

    #[test]
    fn the_checksum_is_the_same_however_the_bytes_are_split() {
        let bytes: Vec<u8> = (0..1000u32).map(|i| (i * 7 + i / 13) as u8).collect();
        let whole = checksum(&bytes);
        for split in [1, 3, 7, 8, 9, 64, 999] {
            let mut sum = Checksum::new();
            bytes.chunks(split).for_each(|piece| sum.feed(piece));
            assert_eq!(sum.finish(), whole, "pieces of {split}");
        }
        assert_ne!(checksum(&bytes[..999]), whole);
    }

    /// A copy larger than a piece: written in pieces, joined, read back.
    #[test]
    fn a_large_copy_goes_out_in_pieces_and_reads_back() {
        let rows: Vec<String> = (0..12_000)
            .map(|i| {
                format!(
                    r#"{{"RecordId":{i},"ScopeId":"10.{}.{}.0","SubnetMask":"255.255.255.0","ScopeName":"scope {i} with a longer name to fill the row","DHCPServerRecordId":5,"Description":"row {i} of a table larger than one piece"}}"#,
                    i / 256,
                    i % 256
                )
            })
            .collect();
        let pairs: Vec<String> = (0..6_000)
            .map(|i| format!(r#"{{"ScopeId":{i},"FailoverRelationId":1}}"#))
            .collect();
        let text = format!(
            r#"{{"ADM_DhcpFailoverTable":[{{"RecordId":1,"Server1RecordId":5,"Server2RecordId":6}}],"ADM_DhcpScopeFailoverTable":[{}],"ADM_DHCPScopesTable":[{}]}}"#,
            pairs.join(","),
            rows.join(",")
        );
        let ws = Workspace::from_text(&text).unwrap();
        let mut pieces = Vec::new();
        ws.write_packed(&mut |piece| pieces.push(piece.to_vec()));
        assert!(pieces.len() > 2, "{} pieces", pieces.len());
        let (last, full) = pieces.split_last().unwrap();
        assert!(
            full.iter().all(|p| p.len() == PIECE),
            "every piece but the last is full"
        );
        assert!(!last.is_empty() && last.len() <= PIECE + 8);
        let joined = pieces.concat();
        assert_eq!(joined, ws.to_packed());
        assert_eq!(ws.packed_len(), joined.len());
        let back = Workspace::from_packed(&joined).unwrap();
        assert_eq!(back.to_json(), ws.to_json());
        assert_eq!(
            back.view().entries().collect::<Vec<_>>(),
            ws.view().entries().collect::<Vec<_>>()
        );
    }
}
