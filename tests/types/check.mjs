// Type-checks the README's usage example and a file of deliberate misuses against the
// generated www/pkg-import/ipam_failover.d.ts (the whole API) with tsc --strict. The misuse
// file marks each bad call with @ts-expect-error, so the check fails if the types ever
// become loose (`any`).
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const readme = readFileSync(join(root, "README.md"), "utf8");
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
if (blocks.length === 0) throw new Error("README.md has no ```ts example");

const out = join(root, "target", "readme-ts");
mkdirSync(out, { recursive: true });
const pkg = join(root, "www", "pkg-import", "ipam_failover.js");
const files = blocks.map((code, i) => {
  const file = join(out, `readme-example-${i}.ts`);
  writeFileSync(file, code.replaceAll('"./pkg-import/ipam_failover.js"', JSON.stringify(pkg)));
  return file;
});
files.push(join(root, "tests", "types", "misuse.ts"));

const tsc = join(root, "node_modules", ".bin", "tsc");
try {
  execFileSync(tsc, [
    "--strict", "--noEmit", "--target", "es2022", "--module", "es2022",
    "--moduleResolution", "bundler", "--lib", "esnext,dom", "--skipLibCheck", "false",
    ...files,
  ], { stdio: "inherit" });
} catch {
  console.error("tsc --strict failed");
  process.exit(1);
}
console.log(`tsc --strict: ${files.length} files checked, 0 errors`);
