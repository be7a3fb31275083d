import { Aws, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import {
  CfnManagedLoginBranding,
  CfnUserPoolGroup,
  FeaturePlan,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { AttributeType, Billing, ProjectionType, StreamViewType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { ReceiptRuleSet } from 'aws-cdk-lib/aws-ses';
import { S3 as S3Action } from 'aws-cdk-lib/aws-ses-actions';
import type { Construct } from 'constructs';
import { tableDesign } from '../functions/adapters/table-design.js';
import { roles } from '../functions/domain/staff.js';

/**
 * What holds data and must outlive deployments: the table (built from the shared table design),
 * the KMS key that encrypts reporter data, the staff user pool and the evidence bucket.
 */
export interface StatefulStackProps extends StackProps {
  /**
   * Public base URL of the staff site (the API URL or its custom domain): the app client's callback
   * (`/staff/auth/callback`) and logout (`/`) URLs. Known only after the first deploy: pass
   * `-c staffBaseUrl=…` (README, "Sign-in on AWS").
   */
  readonly staffBaseUrl?: string | undefined;
  /** Prefix of the managed-login domain (<prefix>.auth.<region>.amazoncognito.com); unique per region. */
  readonly loginDomainPrefix?: string | undefined;
  /** The complaint address SES receives for (举报邮箱). */
  readonly mailboxAddress?: string | undefined;
}

/** Local development URL registered until the real one is given (Cognito allows http only for localhost). */
export const PLACEHOLDER_STAFF_BASE_URL = 'http://localhost:3000';

export class StatefulStack extends Stack {
  readonly table: TableV2;
  readonly reporterKey: Key;
  /** KMS HMAC key from which the API derives its paging-cursor key (functions/adapters/dynamo/cursor.ts). */
  readonly cursorKey: Key;
  readonly userPool: UserPool;
  readonly userPoolClient: UserPoolClient;
  /** The managed login (hosted sign-in pages) of the staff pool. */
  readonly userPoolDomain: UserPoolDomain;
  readonly staffBaseUrl: string;
  /** Mail SES receives for the complaint address (incoming/), read once by the mailbox function. */
  readonly mailBucket: Bucket;
  readonly mailboxAddress: string;
  readonly evidenceBucket: Bucket;

  constructor(scope: Construct, id: string, props?: StatefulStackProps) {
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
      // Feeds notification delivery: the function reads new images of items with pending notifications.
      dynamoStream: StreamViewType.NEW_IMAGE,
      globalSecondaryIndexes: tableDesign.indexes.map((ix) => ({
        indexName: ix.name,
        partitionKey: { name: ix.partitionKey, type: AttributeType.STRING },
        sortKey: { name: ix.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      })),
    });

    // The complaint mailbox (举报邮箱): SES receiving → this bucket → the mailbox function. A message is
    // removed once filed; refused ones wait in quarantine/ for a person, and nothing stays past 30 days.
    this.mailboxAddress = props?.mailboxAddress ?? 'jubao@duban.example.gov.cn';
    this.mailBucket = new Bucket(this, 'MailBucket', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      eventBridgeEnabled: true,
      lifecycleRules: [{ expiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new ReceiptRuleSet(this, 'MailboxRules', {
      rules: [
        {
          recipients: [this.mailboxAddress],
          scanEnabled: true,
          actions: [new S3Action({ bucket: this.mailBucket, objectKeyPrefix: 'incoming/' })],
        },
      ],
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
      // Staff see reporter identities: long passwords, a second factor (TOTP), and Cognito's threat
      // protection (compromised credentials, risky sign-ins) on the Plus plan — cheap for a staff pool.
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
      },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const role of roles) {
      new CfnUserPoolGroup(this, `Group-${role}`, { userPoolId: this.userPool.userPoolId, groupName: role });
    }
    // Staff pages sign in through the managed login: authorization code + PKCE, public client (no secret).
    this.staffBaseUrl = (props?.staffBaseUrl ?? PLACEHOLDER_STAFF_BASE_URL).replace(/\/+$/, '');
    this.userPoolDomain = this.userPool.addDomain('StaffLogin', {
      cognitoDomain: { domainPrefix: props?.loginDomainPrefix ?? `duban-${Aws.ACCOUNT_ID}` },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    this.userPoolClient = this.userPool.addClient('StaffWeb', {
      generateSecret: false,
      authFlows: { userPassword: true, userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.PROFILE],
        callbackUrls: [`${this.staffBaseUrl}/staff/auth/callback`],
        logoutUrls: [`${this.staffBaseUrl}/`],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      idTokenValidity: Duration.hours(1),
      preventUserExistenceErrors: true,
    });
    // Managed login (v2) needs a branding style per client; Cognito's default look.
    new CfnManagedLoginBranding(this, 'StaffLoginBranding', {
      userPoolId: this.userPool.userPoolId,
      clientId: this.userPoolClient.userPoolClientId,
      useCognitoProvidedValues: true,
    });
    Validations.of(this.mailBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Incoming complaint mail only, written by SES and read by one function; CloudTrail data events are the audit trail, server access logs would copy object keys into another bucket.',
    });
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        "CDK's own bucket-notifications handler (a singleton it creates for EventBridge notifications); its role is not ours to shape.",
    });

    this.evidenceBucket = this.evidenceStorage();
  }

  /**
   * Evidence photos and notices (证据材料): private, encrypted with their own KMS key (S3 Bucket Key
   * keeps KMS calls down), TLS only, access-logged. Browsers upload with presigned POSTs (CORS allows
   * POST) under `staging/`, which expires after a day whether or not it was attached.
   */
  private evidenceStorage(): Bucket {
    const key = new Key(this, 'EvidenceKey', {
      description: 'Duban: encryption at rest of evidence files',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const accessLogs = new Bucket(this, 'EvidenceAccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket of the evidence bucket; it cannot log to itself.',
    });
    return new Bucket(this, 'EvidenceBucket', {
      encryption: BucketEncryption.KMS,
      encryptionKey: key,
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      versioned: false,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'evidence/',
      lifecycleRules: [
        { id: 'staged-uploads-expire', prefix: 'staging/', expiration: Duration.days(1) },
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      // The report page posts photos straight to the bucket (presigned POST): the policy in each form
      // is the permission, so any origin may send the form.
      cors: [
        { allowedMethods: [HttpMethods.POST], allowedOrigins: ['*'], allowedHeaders: ['*'], maxAge: 3000 },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
