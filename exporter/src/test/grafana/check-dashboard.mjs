// Type-checks a Grafana dashboard JSON file against the Dashboard type of @grafana/schema.
//
// Usage: node check-dashboard.mjs [dashboard.json]   (default: the dashboard shipped in exporter/)
//
// The JSON is wrapped into `const dashboard = {...} satisfies Json<Dashboard>` and compiled with
// `tsc --noEmit --strict`: a missing required field, a wrong type or an unknown property (excess
// property checks apply to `satisfies`) is a compile error. Json<T> is Dashboard as JSON can spell
// it: the schema types some fields with TypeScript string enums (ThresholdsMode, MappingType,
// FieldColorModeId, ...), and a JSON string such as "absolute" is never an enum member to the
// compiler, so Json<T> replaces each string enum by the union of its string values (`${E}`) and
// leaves every other type as it is. Exit code 0 when it type-checks, 1 when
// it does not (tsc's messages are printed), 2 on a usage error.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dashboardPath = resolve(process.argv[2] ??
  join(here, '../../main/resources/org/jfrthreads/exporter/grafana/jfr-threads-dashboard.json'));

let json;
try {
  json = JSON.stringify(JSON.parse(readFileSync(dashboardPath, 'utf8')), null, 2);
} catch (e) {
  console.error(`${dashboardPath}: not a readable JSON file: ${e.message}`);
  process.exit(2);
}

const tscPath = join(here, 'node_modules/typescript/bin/tsc');
if (!existsSync(tscPath)) {
  console.error(`${tscPath} is missing: run npm ci in ${here}`);
  process.exit(2);
}

// The generated file must sit below this folder so that `@grafana/schema` resolves from node_modules.
const work = mkdtempSync(join(here, '.generated-'));
let exitCode;
try {
  exitCode = typeCheck(work);
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exit(exitCode);

function typeCheck(work) {
  writeFileSync(join(work, 'dashboard.ts'),
    `// Generated from ${dashboardPath}\n` +
    `import type { Dashboard } from '@grafana/schema';\n\n` +
    `type Json<T> = T extends string ? \`\${T}\`\n` +
    `  : T extends readonly (infer E)[] ? Json<E>[]\n` +
    `  : T extends object ? { [K in keyof T]: Json<T[K]> }\n` +
    `  : T;\n\n` +
    `export const dashboard = ${json} satisfies Json<Dashboard>;\n`);
  const tsc = spawnSync(process.execPath, [
    tscPath,
    '--noEmit', '--strict', '--skipLibCheck',
    '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext',
    'dashboard.ts',
  ], { cwd: work, encoding: 'utf8' });
  if (tsc.error) {
    console.error(`cannot run ${tscPath}: ${tsc.error.message}`);
    return 2;
  }
  if (tsc.status !== 0) {
    // Line numbers refer to the JSON pretty-printed with 2 spaces, after the 9 lines of the header.
    console.error(`${dashboardPath}: does not satisfy the @grafana/schema Dashboard type`);
    console.error((tsc.stdout + tsc.stderr).replace(/^dashboard\.ts/gm, 'dashboard.ts (wrapped JSON)'));
    return 1;
  }
  console.log(`${dashboardPath}: satisfies the @grafana/schema Dashboard type`);
  return 0;
}
