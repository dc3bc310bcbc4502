//! The one fault type every operation raises.
//!
//! Codes are API: JavaScript callers and the admin page switch on them, so they never
//! change once published. Each fault also names the spec step that raised it.

use std::fmt;

/// The IpamExceptionId every fault carries. The MS-IPAMM2 enumeration of ids could not be
/// retrieved; `IpamApiGenericErrorOccurred` is the one literal we can confirm (see README).
pub const EXCEPTION_ID: &str = "IpamApiGenericErrorOccurred";

/// What went wrong, as a stable code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FaultCode {
    /// The parameter is null, not a plain object, or of the wrong `$type` / `OperationId`.
    InvalidParameter,
    /// `Failover` is null or absent.
    MissingFailover,
    /// `ScopeIds` is null or absent.
    MissingScopeIds,
    /// `ScopeIds` is empty.
    EmptyScopeIds,
    /// An id is not a 64-bit integer (a safe-integer number or a BigInt).
    InvalidId,
    /// No row of ADM_DhcpFailoverTable has the requested RecordId.
    FailoverNotFound,
    /// The tables are malformed.
    InvalidTable,
    /// A progress callback threw, which cancels the operation.
    Cancelled,
    /// A serialised working copy could not be read.
    InvalidSnapshot,
    /// An imported file (collection, PowerShell JSON, Export-DhcpServer XML) could not be read.
    InvalidImport,
}

impl FaultCode {
    /// Every code, in a fixed order.
    pub const ALL: [FaultCode; 10] = [
        FaultCode::InvalidParameter,
        FaultCode::MissingFailover,
        FaultCode::MissingScopeIds,
        FaultCode::EmptyScopeIds,
        FaultCode::InvalidId,
        FaultCode::FailoverNotFound,
        FaultCode::InvalidTable,
        FaultCode::Cancelled,
        FaultCode::InvalidSnapshot,
        FaultCode::InvalidImport,
    ];

    /// The stable text of the code, as JavaScript sees it in `fault.code`.
    pub fn as_str(self) -> &'static str {
        match self {
            FaultCode::InvalidParameter => "INVALID_PARAMETER",
            FaultCode::MissingFailover => "MISSING_FAILOVER",
            FaultCode::MissingScopeIds => "MISSING_SCOPE_IDS",
            FaultCode::EmptyScopeIds => "EMPTY_SCOPE_IDS",
            FaultCode::InvalidId => "INVALID_ID",
            FaultCode::FailoverNotFound => "FAILOVER_NOT_FOUND",
            FaultCode::InvalidTable => "INVALID_TABLE",
            FaultCode::Cancelled => "CANCELLED",
            FaultCode::InvalidSnapshot => "INVALID_SNAPSHOT",
            FaultCode::InvalidImport => "INVALID_IMPORT",
        }
    }
}

impl fmt::Display for FaultCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A fault: a code, the spec step that raised it (1 to 4, or none), and a clear message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    code: FaultCode,
    step: Option<u8>,
    message: String,
}

impl Fault {
    /// A fault raised by spec step `step`.
    pub fn at_step(code: FaultCode, step: u8, message: impl Into<String>) -> Fault {
        Fault {
            code,
            step: Some(step),
            message: message.into(),
        }
    }

    /// A fault that no spec step raises (malformed tables, cancellation).
    pub fn unstepped(code: FaultCode, message: impl Into<String>) -> Fault {
        Fault {
            code,
            step: None,
            message: message.into(),
        }
    }

    /// Step 3's fault: no relationship has this RecordId.
    pub fn failover_not_found(record_id: i64) -> Fault {
        Fault::at_step(
            FaultCode::FailoverNotFound,
            3,
            format!("no failover relationship has RecordId {record_id}"),
        )
    }

    /// A malformed-table fault.
    pub fn invalid_table(message: impl Into<String>) -> Fault {
        Fault::unstepped(FaultCode::InvalidTable, message)
    }

    /// An import fault: `file` could not be read; `place` says where in it (a line and
    /// column, a byte offset or a JSON path).
    pub fn invalid_import(file: &str, place: &str, message: impl fmt::Display) -> Fault {
        let file = crate::raw::quote(file);
        let message = if place.is_empty() {
            format!("{file}: {message}")
        } else {
            format!("{file}, {place}: {message}")
        };
        Fault::unstepped(FaultCode::InvalidImport, message)
    }

    /// The fault raised when a progress callback throws.
    pub fn cancelled() -> Fault {
        Fault::unstepped(
            FaultCode::Cancelled,
            "the operation was cancelled: a progress callback threw; the tables are unchanged",
        )
    }

    /// The stable code.
    pub fn code(&self) -> FaultCode {
        self.code
    }

    /// The spec step (1 to 4) that raised the fault, if any.
    pub fn step(&self) -> Option<u8> {
        self.step
    }

    /// The human-readable message.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The IpamExceptionId this fault carries in its SOAP form.
    pub fn exception_id(&self) -> &'static str {
        EXCEPTION_ID
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.step {
            Some(step) => write!(f, "{} (step {}): {}", self.code, step, self.message),
            None => write!(f, "{}: {}", self.code, self.message),
        }
    }
}

impl std::error::Error for Fault {}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_stable_and_distinct() {
        let texts: Vec<_> = FaultCode::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(
            texts,
            [
                "INVALID_PARAMETER",
                "MISSING_FAILOVER",
                "MISSING_SCOPE_IDS",
                "EMPTY_SCOPE_IDS",
                "INVALID_ID",
                "FAILOVER_NOT_FOUND",
                "INVALID_TABLE",
                "CANCELLED",
                "INVALID_SNAPSHOT",
                "INVALID_IMPORT",
            ]
        );
        assert_eq!(texts.iter().collect::<HashSet<_>>().len(), texts.len());
    }

    #[test]
    fn display_names_code_step_and_message() {
        let f = Fault::at_step(FaultCode::EmptyScopeIds, 2, "ScopeIds is empty");
        assert_eq!(f.to_string(), "EMPTY_SCOPE_IDS (step 2): ScopeIds is empty");
        assert_eq!(Fault::cancelled().step(), None);
        assert_eq!(f.exception_id(), "IpamApiGenericErrorOccurred");
    }
}
