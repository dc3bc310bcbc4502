// Calls the types must refuse. Each line below is an error under tsc --strict; if the
// generated .d.ts ever loosens (e.g. to `any`), @ts-expect-error itself fails the check.
import { addScopes, type FailoverTables, type IpamFault } from "../../www/pkg-import/ipam_failover.js";

const tables: FailoverTables = { ADM_DhcpFailoverTable: [], ADM_DhcpScopeFailoverTable: [] };

// @ts-expect-error ScopeIds holds ids, not strings
addScopes(tables, { Failover: { RecordId: 1 }, ScopeIds: ["10"] });
// @ts-expect-error Failover is required
addScopes(tables, { ScopeIds: [1] });
// @ts-expect-error a wrong $type literal
addScopes(tables, { $type: "DhcpFailoverParameters", Failover: { RecordId: 1 }, ScopeIds: [1] });
// @ts-expect-error a table row needs its ids
addScopes({ ADM_DhcpFailoverTable: [{}], ADM_DhcpScopeFailoverTable: [] }, { Failover: { RecordId: 1 }, ScopeIds: [1] });
// @ts-expect-error setCompletionPercentage takes a number
addScopes(tables, { Failover: { RecordId: 1 }, ScopeIds: [1] }, { setCompletionPercentage: (p: string) => p });

const row = addScopes(tables, { Failover: { RecordId: 1n }, ScopeIds: [1, 2n] });
// @ts-expect-error the result is a row, not a string
const s: string = row;
const code = (e: IpamFault) => e.code;
// @ts-expect-error codes are a closed set
const c: "NOT_A_CODE" = code({} as IpamFault);
export { s, c };
