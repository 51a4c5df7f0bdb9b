// Type-checks Grafana dashboard JSON files against the Dashboard type of @grafana/schema.
//
// Usage: node check-dashboard.mjs [dashboard.json ...]   (default: the dashboard shipped in exporter/)
//
// Each JSON file is wrapped into `export const dashboard = {...} satisfies Json<Dashboard>` and all
// are compiled in one `tsc --noEmit --strict` run: a missing required field, a wrong type or an
// unknown property (excess property checks apply to `satisfies`) is a compile error. Json<T> is
// Dashboard as JSON can spell it: the schema types some fields with TypeScript string enums
// (ThresholdsMode, MappingType, FieldColorModeId, ...), and a JSON string such as "absolute" is
// never an enum member to the compiler, so Json<T> replaces each string enum by the union of its
// string values (`${E}`) and leaves every other type as it is.
//
// Prints one line per file, "<path>: satisfies ..." or "<path>: does not satisfy ..." followed by
// tsc's errors for it. Exit code 0 when every file type-checks, 1 when one does not, 2 on a usage
// error (unreadable file, packages not installed).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dashboards = (process.argv.length > 2 ? process.argv.slice(2)
  : [join(here, '../../main/resources/org/jfrthreads/exporter/grafana/jfr-threads-dashboard.json')])
  .map(path => resolve(path));

const tscPath = join(here, 'node_modules/typescript/bin/tsc');
if (!existsSync(tscPath)) {
  console.error(`${tscPath} is missing: run npm ci in ${here}`);
  process.exit(2);
}

const HEADER =
  `import type { Dashboard } from '@grafana/schema';\n\n` +
  'type Json<T> = T extends string ? `${T}`\n' +
  '  : T extends readonly (infer E)[] ? Json<E>[]\n' +
  '  : T extends object ? { [K in keyof T]: Json<T[K]> }\n' +
  '  : T;\n\n';

const sources = dashboards.map((path, i) => {
  let json;
  try {
    json = JSON.stringify(JSON.parse(readFileSync(path, 'utf8')), null, 2);
  } catch (e) {
    console.error(`${path}: not a readable JSON file: ${e.message}`);
    process.exit(2);
  }
  return { path, file: `dashboard-${i}.ts`, text: `${HEADER}export const dashboard = ${json} satisfies Json<Dashboard>;\n` };
});

// The generated files must sit below this folder so that `@grafana/schema` resolves from node_modules.
const work = mkdtempSync(join(here, '.generated-'));
let exitCode;
try {
  exitCode = typeCheck(work);
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exit(exitCode);

function typeCheck(work) {
  sources.forEach(source => writeFileSync(join(work, source.file), source.text));
  const tsc = spawnSync(process.execPath, [
    tscPath, '--noEmit', '--strict', '--skipLibCheck',
    '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext',
    ...sources.map(source => source.file),
  ], { cwd: work, encoding: 'utf8' });
  if (tsc.error) {
    console.error(`cannot run ${tscPath}: ${tsc.error.message}`);
    return 2;
  }
  const lines = (tsc.stdout + tsc.stderr).split('\n');
  const headerLines = HEADER.split('\n').length - 1;
  let failed = false;
  for (const source of sources) {
    // "dashboard-0.ts(21,3): error ..." -> the line in the JSON pretty-printed with 2 spaces
    const errors = lines
      .filter(line => line.startsWith(source.file + '('))
      .map(line => line.replace(/^[^(]+\((\d+),(\d+)\)/, (_, l, c) => `  JSON line ${l - headerLines}, column ${c}`));
    if (errors.length > 0 || (tsc.status !== 0 && sources.length === 1)) {
      failed = true;
      console.log(`${source.path}: does not satisfy the @grafana/schema Dashboard type`);
      console.log(errors.length > 0 ? errors.join('\n') : lines.join('\n'));
    } else {
      console.log(`${source.path}: satisfies the @grafana/schema Dashboard type`);
    }
  }
  if (tsc.status !== 0 && !failed) {
    console.log(`tsc failed without an error in a dashboard:\n${lines.join('\n')}`);
    return 1;
  }
  return failed ? 1 : 0;
}
