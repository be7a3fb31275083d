import { fileURLToPath } from 'node:url';

/** Repository root and entry points, resolved from this file so `cdk synth` works from any folder. */
export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
export const entry = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));
