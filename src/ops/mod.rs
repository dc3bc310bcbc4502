//! The delegates of MS-IPAMM2 3.19.4.4.1, one file each.

/// 3.19.4.4.1.25 DhcpFailoverAddScopesDelegate.
pub mod add_scopes;
/// 3.19.4.4.1.26 DhcpFailoverRemoveScopesDelegate (working copy only).
pub mod remove_scopes;

pub use add_scopes::{add_scopes, AddScopesOutcome};
pub use remove_scopes::{remove_scopes, RemoveScopesOutcome};
