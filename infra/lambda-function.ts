import { AssetHashType, Duration, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { tableDesign } from '../functions/adapters/table-design.js';
import { type BundleSpec, LocalEsbuild } from './bundle.js';
import { repoRoot } from './paths.js';

export interface DubanFunctionProps {
  /** Entry file relative to the repository root, exporting `handler`. */
  readonly entry: string;
  readonly table: ITableV2;
  readonly tableAccess: 'read' | 'readwrite';
  readonly environment?: Record<string, string>;
  readonly timeout?: Duration;
  readonly memorySize?: number;
  /** Bundle the AWS SDK clients (HTTP functions, for cold start) or use the runtime's (default). */
  readonly awsSdk?: BundleSpec['awsSdk'];
  /**
   * Map stack traces through the bundle's source map at run time (`--enable-source-maps`, default on).
   * Off for the citizen function: Node then parses the map of every module it loads, which added ~70 %
   * to its cold import in our measurements; its maps stay in the asset for reading a trace offline.
   */
  readonly sourceMapsAtRuntime?: boolean;
}

/**
 * Every Duban Lambda the same way: Node.js 22 on arm64, X-Ray tracing, a log group with retention,
 * bundled by the local esbuild as ESM with code splitting (infra/bundle.ts, no Docker), table access
 * granted by mode.
 */
export class DubanFunction extends Construct {
  readonly fn: LambdaFunction;

  constructor(scope: Construct, id: string, props: DubanFunctionProps) {
    super(scope, id);
    // Its own role, writing only to its own log group (no AWS-managed AWSLambdaBasicExecutionRole).
    const logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.ONE_MONTH });
    const role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);
    this.fn = new LambdaFunction(this, 'Function', {
      role,
      // The same bundle the bundle bench measures: index.mjs (+ chunks/ loaded on first use).
      code: Code.fromAsset(repoRoot, {
        assetHashType: AssetHashType.OUTPUT,
        bundling: {
          // Never used: local esbuild always bundles (no Docker needed).
          image: Runtime.NODEJS_22_X.bundlingImage,
          local: new LocalEsbuild(props.entry, props.awsSdk ?? 'runtime'),
        },
      }),
      handler: 'index.handler',
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      logGroup,
      environment: {
        TABLE_NAME: props.table.tableName,
        ...(props.sourceMapsAtRuntime === false ? {} : { NODE_OPTIONS: '--enable-source-maps' }),
        ...props.environment,
      },
    });
    // Table access by mode, on the table and its named GSIs only (no index/* wildcard) — and no Scan:
    // every list is a key condition on an index.
    const read = [
      'dynamodb:GetItem',
      'dynamodb:BatchGetItem',
      'dynamodb:Query',
      'dynamodb:ConditionCheckItem',
    ];
    const write = [
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:BatchWriteItem',
    ];
    role.addToPolicy(
      new PolicyStatement({
        actions: props.tableAccess === 'read' ? read : [...read, ...write],
        resources: [
          props.table.tableArn,
          ...tableDesign.indexes.map((ix) => `${props.table.tableArn}/index/${ix.name}`),
        ],
      }),
    );
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions.',
    });
    Validations.of(this.fn).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Pinned to Node.js 22, the version the code is built (target node22) and tested on; moves with the tested version.',
    });
  }
}
