/**
 * Adapters whose module is loaded on first use, not at cold start: the citizen Lambda imports the
 * Encryption SDK (KMS keyring), Step Functions and S3 only when a request needs them (filing a complaint
 * with contact details, starting its workflow, an evidence upload), so reading the home page or a form
 * pays for none of them. A failed load is retried on the next call.
 */
import type { ObjectStore } from '../services/object-store.js';
import type { ReporterVault, WorkflowStarter } from '../services/ports.js';

/** Memoised async loader; a rejected load is forgotten so the next call tries again. */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load().catch((e: unknown) => {
      loading = undefined;
      throw e;
    });
    return loading;
  };
}

export function lazyVault(load: () => Promise<ReporterVault>): ReporterVault {
  const vault = loadOnce(load);
  return {
    seal: async (caseId, reporter) => (await vault()).seal(caseId, reporter),
    open: async (caseId, sealed) => (await vault()).open(caseId, sealed),
    sealSecret: async (caseId, secret) => (await vault()).sealSecret(caseId, secret),
    openSecret: async (caseId, sealed) => (await vault()).openSecret(caseId, sealed),
  };
}

export function lazyWorkflow(load: () => Promise<WorkflowStarter>): WorkflowStarter {
  const workflow = loadOnce(load);
  return { startCaseWorkflow: async (caseId, cycle) => (await workflow()).startCaseWorkflow(caseId, cycle) };
}

export function lazyObjectStore(load: () => Promise<ObjectStore>): ObjectStore {
  const objects = loadOnce(load);
  return {
    put: async (key, body, opts) => (await objects()).put(key, body, opts),
    get: async (key) => (await objects()).get(key),
    head: async (key) => (await objects()).head(key),
    copy: async (from, to) => (await objects()).copy(from, to),
    delete: async (key) => (await objects()).delete(key),
    presignPost: async (key, opts) => (await objects()).presignPost(key, opts),
    presignGet: async (key, opts) => (await objects()).presignGet(key, opts),
  };
}
