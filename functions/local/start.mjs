/**
 * `npm start`: bundles the embedded runtime's TypeScript (main.ts and everything it imports from this
 * repository; packages stay in node_modules) with esbuild in one pass, then runs the bundle. Loading
 * ~300 source files one by one through a TypeScript loader cost about 2 s of CPU at every start; one
 * esbuild pass takes a fraction of that, and the process then loads one module. The result is the same
 * code `node --import tsx functions/local/main.ts` runs (tests run it that way).
 *
 * The bundle is written next to main.ts because the runtime finds its worker scripts relative to its
 * own module (`new URL('./dynalite-worker.mjs', import.meta.url)`). Each process writes its own file
 * and removes it once loaded, so parallel starts (tests, benches) never read each other's half-written
 * output. Source maps are inline, so stack traces name the TypeScript files.
 */
import { readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = fileURLToPath(new URL('.', import.meta.url));
const result = await build({
  entryPoints: [`${here}main.ts`],
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'inline',
  write: false,
  logLevel: 'warning',
});
const file = `${here}.main-${process.pid}.mjs`;
// A process killed while starting leaves its bundle behind: remove those of processes that are gone.
for (const name of readdirSync(here)) {
  const pid = Number(/^\.main-(\d+)\.mjs$/.exec(name)?.[1]);
  if (!pid) continue;
  try {
    process.kill(pid, 0);
  } catch {
    unlinkSync(`${here}${name}`);
  }
}
writeFileSync(file, result.outputFiles[0].contents);
process.setSourceMapsEnabled(true);
try {
  await import(new URL(`file://${file}`).href);
} finally {
  unlinkSync(file);
}
