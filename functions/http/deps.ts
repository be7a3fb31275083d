import type { CaseRepository } from '../adapters/dynamo/case-repository.js';
import type { subjectKinds } from '../domain/reference/catalog.js';
import type {
  CatalogSource,
  Clock,
  Logger,
  ReporterVault,
  Secrets,
  WorkflowStarter,
} from '../services/ports.js';

/** Everything the app needs, injected: AWS adapters on Lambda, embedded ones locally, fakes in tests. */
export interface AppDeps {
  store: CaseRepository;
  workflow: WorkflowStarter;
  clock: Clock;
  secrets: Secrets;
  vault: ReporterVault;
  catalog: CatalogSource;
  logger: Logger;
  subjectKinds: typeof subjectKinds;
}
