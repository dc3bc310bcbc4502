//! ipam-failover: the MS-IPAMM2 operation "add DHCP scopes to a failover relationship"
//! (section 3.19.4.4.1.25, DhcpFailoverAddScopesDelegate).
//!
//! The core (everything but `wasm`) is plain Rust: it never imports wasm-bindgen, so
//! `cargo test` exercises all of the logic natively. The `wasm` module is the thin binding
//! that JavaScript sees; it is compiled only for `wasm32`.

/// The one fault type, its stable codes and the spec step that raised it.
pub mod fault;
/// Import from real DHCP servers (collection, PowerShell JSON, Export-DhcpServer XML),
/// drift findings between partners, and reconciliation after a change set ran.
pub mod import;
/// The delegates, one file each.
pub mod ops;
/// The operation parameters, raw and validated.
pub mod parameter;
/// The progress callback port (SetOverallStatus, SetCompletionPercentage, sub-tasks).
pub mod progress;
/// How JavaScript values look to validation: shapes, raw ids and their parsing.
pub mod raw;
/// The section 2.2.2.1 SOAP 1.2 fault rendering of a [`fault::Fault`].
pub mod soap;
/// The tables the delegates read and change, owned and indexed.
pub mod tables;
/// The resident working copy: what-if editing with preflight, diff, undo and exports.
pub mod workspace;

/// The wasm-bindgen binding (wasm32 only): the exports JavaScript sees.
#[cfg(target_arch = "wasm32")]
pub mod wasm;
