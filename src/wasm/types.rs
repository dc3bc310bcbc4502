//! The TypeScript declarations of the JavaScript contract, emitted into the generated
//! `.d.ts` so callers get exact types (no `any`).

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** A 64-bit signed record id: a number that is a safe integer, or a BigInt. */
export type Id = number | bigint;

/** A row of ADM_DhcpFailoverTable, shaped like DhcpFailover (MS-IPAMM2 2.2.4.104). */
export interface DhcpFailoverRow {
  RecordId: Id;
  RelationshipName?: string | null;
  Mode?: string;
  Server1RecordId?: Id | null;
  Server2RecordId?: Id | null;
  Server1Name?: string | null;
  Server2Name?: string | null;
  Server1IP?: string | null;
  Server2IP?: string | null;
  Server1Percentage?: number;
  Server1State?: string;
  Server2State?: string;
  MCLT?: string;
  StateSwitchInterval?: string;
  AutoStateTransition?: boolean;
  SharedSecretEnabled?: boolean;
  [field: string]: unknown;
}

/** A row of ADM_DhcpScopeFailoverTable: a scope's RecordId and its relationship's RecordId. */
export interface ScopeFailoverRow {
  ScopeId: Id;
  FailoverRelationId: Id;
  [field: string]: unknown;
}

/** A row of ADM_DHCPScopesTable. `ScopeId` is the IPv4 network address, as text. */
export interface DhcpScopeRow {
  RecordId: Id;
  ScopeId?: string;
  ScopeName?: string | null;
  SubnetMask?: string;
  DHCPServerRecordId?: Id;
  [field: string]: unknown;
}

/** The tables an operation reads, named as in MS-IPAMM2. */
export interface FailoverTables {
  ADM_DhcpFailoverTable: DhcpFailoverRow[];
  ADM_DhcpScopeFailoverTable: ScopeFailoverRow[];
  ADM_DHCPScopesTable?: DhcpScopeRow[] | null;
}

/** The parameter of AddDhcpFailoverScopes. */
export interface DhcpFailoverWithScopesParameters {
  $type?: "DhcpFailoverWithScopesParameters";
  OperationId?: "AddDhcpFailoverScopes";
  Failover: { RecordId: Id; [field: string]: unknown };
  ScopeIds: readonly Id[];
}

/** SubTaskStatus (MS-IPAMM2 2.2.5.101). */
export type SubTaskStatus =
  | "NotStarted" | "InProgress" | "CompletedWithError" | "CompletedWithWarning"
  | "CompletedWithSuccess" | "NotApplicable" | "NotRun";

/** One per-scope sub-task, shaped like SubTaskInstance (MS-IPAMM2 2.2.4.399). */
export interface SubTaskInstance {
  SubTaskInstanceId: number;
  SubTaskName: string;
  SubTaskStatus: SubTaskStatus;
  ProgressStatusDescriptions: string;
  IsNonDeterministicProgress: boolean;
  SubTaskInstanceDetails: { ScopeId: Id };
  FailedCompletionStatus: null;
}

/** The stable fault codes. */
export type FaultCode =
  | "INVALID_PARAMETER" | "MISSING_FAILOVER" | "MISSING_SCOPE_IDS" | "EMPTY_SCOPE_IDS"
  | "INVALID_ID" | "FAILOVER_NOT_FOUND" | "INVALID_TABLE" | "CANCELLED" | "INVALID_SNAPSHOT"
  | "INVALID_IMPORT";

/** What every operation throws: a real Error carrying the fault. */
export interface IpamFault extends Error {
  name: "IpamFault";
  code: FaultCode;
  /** The spec step that raised it (1 to 4), or null for malformed tables and cancellation. */
  step: 1 | 2 | 3 | 4 | null;
  exceptionId: "IpamApiGenericErrorOccurred";
  /** What a callback threw, for CANCELLED. */
  cause?: unknown;
  /** The MS-IPAMM2 2.2.2.1 SOAP 1.2 fault as XML text. */
  toSoapFault(): string;
}

/** The parameter of RemoveDhcpFailoverScopes. `Failover` is optional (spec error E2):
 * with it only that relationship's rows go; without it every row of each scope id goes. */
export interface DhcpFailoverRemoveScopesParameters {
  $type?: "DhcpFailoverRemoveScopesParameters";
  OperationId?: "RemoveDhcpFailoverScopes";
  Failover?: { RecordId: Id; [field: string]: unknown } | null;
  ScopeIds: readonly Id[];
  Force?: boolean | null;
}

/** One problem a DHCP server would raise for an add, found before anything is sent. */
export interface PreflightFinding {
  /** The scope it is about; null for the relationship or the whole call. */
  ScopeId: Id | null;
  rule:
    | "scope-unknown" | "scope-not-on-servers" | "scope-in-other-relationship" | "not-ipv4"
    | "address-unknown"
    | "too-many-scopes" | "relationship-state" | "already-present";
  severity: "error" | "warning" | "info";
  /** The DHCP server's error code (20005, 20113, 20120, 20130), when it has one. */
  dhcpError: number | null;
  message: string;
}

/** The preflight of an add, counted and grouped for reading (`preflightReport`). */
export interface PreflightReport {
  summary: {
    /** Scopes with at least one error. */
    errorScopes: number;
    /** Relationship-level errors (ScopeId null). */
    generalErrors: number;
    warnings: number;
    /** Scopes already in the relationship. */
    present: number;
  };
  /** The relationship-level findings, errors first. */
  general: PreflightFinding[];
  /** One group per scope with findings, at most the limit asked: errors first, then warnings, then information. */
  groups: { key: string; id: Id; name: string; address: string; findings: PreflightFinding[] }[];
  /** How many scopes have findings (groups before the limit). */
  groupCount: number;
}

/** Pending changes of a working copy against the tables it was loaded from. */
export interface WorkspaceDiff {
  added: { ScopeId: Id; FailoverRelationId: Id }[];
  removed: { ScopeId: Id; FailoverRelationId: Id }[];
  relationships: {
    FailoverRelationId: Id;
    RelationshipName: string | null;
    added: number;
    removed: number;
  }[];
}

/** A query over the scopes a working copy lists; every filter given must hold. */
export interface ScopeQuery {
  /** A substring of the name or the address, case-insensitive. */
  text?: string | null;
  /** An address prefix, matched by address: "10.20.", "10.20" or "10.20.0.0/16". */
  prefix?: string | null;
  /** A server key from `servers()` (scopes hosted there), or a pair "id1,id2" (on either). */
  server?: string | null;
  /** "in-pair" / "elsewhere": in a relationship between the two servers of `server`, or in another. */
  membership?: "any" | "in-any" | "in-none" | "in-relationship" | "in-other" | "in-pair" | "elsewhere" | null;
  /** The relationship for "in-relationship" and "in-other". */
  relationship?: Id | null;
  /** Addresses sort as addresses; unsorted is table order. */
  sort?: "address" | "name" | "server" | "relationships" | null;
  descending?: boolean | null;
  offset?: number | null;
  /** At most 1000; 50 when absent. */
  limit?: number | null;
}

/** One listed scope. */
export interface ScopeView {
  /** Its position in the list (table order). */
  index: number;
  id: Id;
  key: string;
  /** "10.20.1.0/24", the address alone without a mask, or "" when unknown. */
  address: string;
  name: string;
  /** The hosting server's short name, or "". */
  server: string;
  /** `staged`: this pair was added in the working copy; `known`: the relationship is in ADM_DhcpFailoverTable. */
  relationships: { id: Id; name: string; known: boolean; staged: boolean }[];
  /** Relationships it left in the working copy. */
  removedFrom: { id: Id; name: string; known: boolean }[];
  /** In a pair added in the working copy. */
  staged: boolean;
  selected: boolean;
  /** Has an ADM_DHCPScopesTable row. */
  known: boolean;
}

/** How the page labels a scope. */
export interface ScopeLabel {
  id: Id;
  /** "name address", or "scope N". */
  label: string;
  /** Listed in the working copy. */
  known: boolean;
  /** ScopeName, or "" when the scopes table does not list it. */
  name: string;
  /** "address/prefix", or "". */
  address: string;
}

/** A window of a query's matches. */
export interface ScopePage {
  total: number;
  offset: number;
  rows: ScopeView[];
}

/** A change of the selection. */
export type SelectOperation =
  | { mode: "set" | "unset" | "toggle"; ids: readonly Id[] }
  | { mode: "matching"; query: ScopeQuery; unset?: boolean }
  | { mode: "clear" };

/** A relationship with its member and pending counts. */
export interface RelationshipSummary {
  id: Id;
  key: string;
  name: string;
  mode: string | null;
  server1: string | null;
  server2: string | null;
  server1Id: Id | null;
  server2Id: Id | null;
  state1: string | null;
  state2: string | null;
  /** Pairs in the working copy. */
  members: number;
  added: number;
  removed: number;
  /** The whole ADM_DhcpFailoverTable row. */
  row: DhcpFailoverRow;
}

/** A server that hosts listed scopes or serves a relationship. */
export interface ServerSummary {
  key: string;
  id: Id;
  name: string;
  scopes: number;
}

/** Coverage of one server pair. */
export interface PairCoverage {
  /** The pair's key for `ScopeQuery.server`. */
  server: string;
  servers: [string, string];
  relationships: { id: Id; name: string }[];
  /** Listed scopes hosted on either server. */
  scopes: number;
  /** In a relationship of this pair. */
  covered: number;
  /** In no relationship. */
  uncovered: number;
  /** In a relationship between other servers. */
  elsewhere: number;
}

/** What the last addScopes or removeScopes did per scope. */
export interface OperationOutcome {
  kind: "add" | "remove" | null;
  /** Added (add) or taken out of a relationship (remove), in request order. */
  changed: Id[];
  /** Already present (add) or in no matching relationship (remove). */
  unchanged: Id[];
  total: number;
}

/** The pending changes, bounded for display. */
export interface PendingSummary {
  added: number;
  removed: number;
  relationships: { id: Id; name: string; added: number; removed: number }[];
  addedPairs: { scopeId: Id; scope: string; relationshipId: Id; relationship: string }[];
  removedPairs: { scopeId: Id; scope: string; relationshipId: Id; relationship: string }[];
}

/** Did the planned changes land? One entry per pending change, and what changed that was not planned. */
export interface Reconciliation {
  changes: { change: "add" | "remove"; relationship: string; server: string; scope: string; status: "applied" | "not-applied" | "conflict" }[];
  unplanned: { change: "add" | "remove"; relationship: string; server: string; scope: string }[];
}

/** The formats `exportChangeSet` writes. */
export type ChangeSetFormat = "json" | "csv" | "powershell";

/** The progress callback port (MS-IPAMM2 3.21); every method is optional. A throw cancels. */
export interface OperationCallbacks {
  setCompletionPercentage?(percent: number): void;
  setOverallStatus?(status: "Success" | "Failure", percent: number, fault?: IpamFault): void;
  addSubTask?(subTask: SubTaskInstance): void;
  setSubTaskStatus?(subTask: SubTaskInstance): void;
}
"#;
