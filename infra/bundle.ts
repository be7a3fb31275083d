/**
 * How every Lambda is bundled — one definition used by the CDK stacks (through `LocalEsbuild`, local
 * esbuild, no Docker) and by the bundle bench (test/bench/bundles.ts), so the bench measures exactly what
 * is deployed. ESM with code splitting: a module an entry loads with `import()` lands in its own chunk,
 * so it is neither parsed nor run at cold start (the citizen function loads the Encryption SDK, Step
 * Functions and S3 that way).
 *
 * CLI (the CDK calls it synchronously in a child process, as esbuild plugins need the async API):
 *   node --import tsx infra/bundle.ts <entry> <outdir> <bundled|runtime>
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { ILocalBundling } from 'aws-cdk-lib';
import { type BuildOptions, build, type Metafile, type Plugin } from 'esbuild';
import { entry as entryPath, repoRoot } from './paths.js';

export interface BundleSpec {
  /** Entry file relative to the repository root, exporting `handler`. */
  readonly entry: string;
  /**
   * `bundled`: the AWS SDK clients the function uses are bundled and tree-shaken (ESM). Node loads the
   * runtime's SDK as hundreds of CommonJS files and scans each for its exports, which cost the HTTP
   * function more than half of its cold import in our measurements. `runtime`: use the Lambda runtime's SDK.
   */
  readonly awsSdk: 'bundled' | 'runtime';
}

/**
 * zod 4 re-exports its ~40 message locales as the `z.locales` and `z.core.locales` namespaces (~250 KB minified). Because
 * `@hono/zod-openapi` passes the whole `z` namespace around, esbuild cannot drop them; nothing in Duban
 * calls `z.locales` (zod's default English messages are imported by zod itself, not through it).
 */
const dropZodLocales: Plugin = {
  name: 'drop-zod-locales',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic|core)[\\/]/.test(args.importer)
        ? { path: 'zod-locales', namespace: 'duban-empty' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'duban-empty' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

/**
 * Entries that serve no OpenAPI document: `@asteasolutions/zod-to-openapi` (document generation and
 * schema metadata, never validation) is replaced by `functions/http/parts/no-openapi-document.ts`.
 * API Gateway sends /api/v1/openapi.json to the staff function, which keeps the real library.
 */
export const entriesWithoutOpenApiDocument: readonly string[] = ['functions/http/citizen-lambda.ts'];

const noOpenApiDocument: Plugin = {
  name: 'no-openapi-document',
  setup(b) {
    b.onResolve({ filter: /^@asteasolutions\/zod-to-openapi$/ }, () => ({
      path: entryPath('functions/http/parts/no-openapi-document.ts'),
    }));
  },
};

export function bundleOptions(spec: BundleSpec, outdir: string): BuildOptions {
  return {
    entryPoints: { index: entryPath(spec.entry) },
    outdir,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    minify: true,
    sourcemap: true,
    mainFields: ['module', 'main'],
    // Some dependencies still call require(); give ESM bundles one.
    banner: {
      js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
    },
    external: spec.awsSdk === 'runtime' ? ['@aws-sdk/*'] : [],
    plugins: entriesWithoutOpenApiDocument.includes(spec.entry)
      ? [dropZodLocales, noOpenApiDocument]
      : [dropZodLocales],
    metafile: true,
    // Metafile paths relative to the repository root, wherever the caller runs.
    absWorkingDir: repoRoot,
    logLevel: 'warning',
  };
}

/** Bundles one entry into `outdir` (`index.mjs` + `chunks/`); the metafile says what is in it. */
export async function bundle(spec: BundleSpec, outdir: string): Promise<Metafile> {
  const result = await build(bundleOptions(spec, outdir));
  return result.metafile as Metafile;
}

/**
 * The output files (metafile keys, relative to the repository root) a cold start loads: `index.mjs` and
 * the chunks it imports statically, transitively. Chunks reached only by `import()` load on first use.
 */
export function coldStartOutputs(meta: Metafile): string[] {
  const outputs = meta.outputs;
  const index = Object.keys(outputs).find((file) => /(^|\/)index\.mjs$/.test(file));
  const seen = new Set<string>();
  const pending = index ? [index] : [];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    for (const dep of outputs[file]?.imports ?? []) {
      if (dep.kind === 'import-statement' && outputs[dep.path]) pending.push(dep.path);
    }
  }
  return [...seen];
}

/** CDK local bundling: runs this file's CLI; the fields make each function's asset cache key distinct. */
export class LocalEsbuild implements ILocalBundling {
  constructor(
    readonly entry: string,
    readonly awsSdk: BundleSpec['awsSdk'],
  ) {}

  tryBundle(outputDir: string): boolean {
    execFileSync(
      process.execPath,
      ['--import', 'tsx', join(repoRoot, 'infra', 'bundle.ts'), this.entry, outputDir, this.awsSdk],
      { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] },
    );
    return true;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [entry, outdir, awsSdk] = process.argv.slice(2);
  if (!entry || !outdir || (awsSdk !== 'bundled' && awsSdk !== 'runtime')) {
    console.error('usage: node --import tsx infra/bundle.ts <entry> <outdir> <bundled|runtime>');
    process.exit(2);
  }
  await bundle({ entry, awsSdk }, outdir);
}
