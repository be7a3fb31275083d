import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { CfnUserPoolGroup, StringAttribute, UserPool, type UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { AttributeType, Billing, ProjectionType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { tableDesign } from '../functions/adapters/table-design.js';
import { roles } from '../functions/domain/staff.js';

/**
 * What holds data and must outlive deployments: the table (built from the shared table design),
 * the KMS key that encrypts reporter data, and the staff user pool.
 */
export class StatefulStack extends Stack {
  readonly table: TableV2;
  readonly reporterKey: Key;
  /** KMS HMAC key from which the API derives its paging-cursor key (functions/adapters/dynamo/cursor.ts). */
  readonly cursorKey: Key;
  readonly userPool: UserPool;
  readonly userPoolClient: UserPoolClient;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    this.table = new TableV2(this, 'Table', {
      partitionKey: { name: tableDesign.partitionKey, type: AttributeType.STRING },
      sortKey: { name: tableDesign.sortKey, type: AttributeType.STRING },
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      // Idempotency records expire after a day.
      timeToLiveAttribute: 'expiresAt',
      globalSecondaryIndexes: tableDesign.indexes.map((ix) => ({
        indexName: ix.name,
        partitionKey: { name: ix.partitionKey, type: AttributeType.STRING },
        sortKey: { name: ix.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      })),
    });

    this.reporterKey = new Key(this, 'ReporterDataKey', {
      description: 'Duban: field-by-field encryption of reporter personal data',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // HMAC keys cannot rotate automatically; retiring this key only invalidates outstanding page cursors.
    this.cursorKey = new Key(this, 'CursorKey', {
      description: 'Duban: derives the key that seals paging cursors',
      keySpec: KeySpec.HMAC_256,
      keyUsage: KeyUsage.GENERATE_VERIFY_MAC,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.userPool = new UserPool(this, 'StaffPool', {
      selfSignUpEnabled: false,
      signInAliases: { username: true },
      customAttributes: { officeId: new StringAttribute({ mutable: true }) },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const role of roles) {
      new CfnUserPoolGroup(this, `Group-${role}`, { userPoolId: this.userPool.userPoolId, groupName: role });
    }
    this.userPoolClient = this.userPool.addClient('StaffWeb', {
      generateSecret: false,
      authFlows: { userPassword: true, userSrp: true },
    });
  }
}
