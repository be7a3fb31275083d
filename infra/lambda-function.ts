import { Duration } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { entry as entryPath, repoRoot } from './paths.js';

export interface DubanFunctionProps {
  /** Entry file relative to the repository root, exporting `handler`. */
  readonly entry: string;
  readonly table: ITableV2;
  readonly tableAccess: 'read' | 'readwrite';
  readonly environment?: Record<string, string>;
  readonly timeout?: Duration;
  readonly memorySize?: number;
}

/**
 * Every Duban Lambda the same way: Node.js 22 on arm64, X-Ray tracing, a log group with retention,
 * bundled by the local esbuild as ESM (no Docker), table access granted by mode.
 */
export class DubanFunction extends Construct {
  readonly fn: NodejsFunction;

  constructor(scope: Construct, id: string, props: DubanFunctionProps) {
    super(scope, id);
    this.fn = new NodejsFunction(this, 'Function', {
      entry: entryPath(props.entry),
      handler: 'handler',
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      logGroup: new LogGroup(this, 'Logs', { retention: RetentionDays.ONE_MONTH }),
      projectRoot: repoRoot,
      depsLockFilePath: `${repoRoot}package-lock.json`,
      environment: {
        TABLE_NAME: props.table.tableName,
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        target: 'node22',
        minify: true,
        sourceMap: true,
        mainFields: ['module', 'main'],
        // Some dependencies still call require(); give ESM bundles one.
        banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
        // The Lambda runtime ships the AWS SDK v3.
        externalModules: ['@aws-sdk/*'],
      },
    });
    if (props.tableAccess === 'read') props.table.grantReadData(this.fn);
    else props.table.grantReadWriteData(this.fn);
  }
}
