import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { tableDesign } from '../../functions/adapters/table-design.js';
import { roles } from '../../functions/domain/staff.js';
import { citizenRoutes } from '../../functions/http/parts/citizen-routes.js';
import { buildApp } from '../../infra/app.js';
import { taskStates } from '../../workflows/definition.js';

let stateful: Template;
let stateless: Template;
let app: App;
beforeAll(() => {
  // Synthesises both stacks, bundling the Lambda entries with the local esbuild.
  const built = buildApp(new App({ context: { stage: 'test', staffBaseUrl: 'https://duban.example.cn/' } }));
  app = built.app;
  stateful = Template.fromStack(built.stateful);
  stateless = Template.fromStack(built.stateless);
  // Bundling every Lambda with esbuild takes seconds on an idle machine and far longer on a busy one.
}, 300_000);

describe('stateful stack', () => {
  it('builds the table from the shared table design', () => {
    const table = Object.values(stateful.findResources('AWS::DynamoDB::GlobalTable'))[0]?.Properties;
    expect(table.KeySchema).toEqual([
      { AttributeName: tableDesign.partitionKey, KeyType: 'HASH' },
      { AttributeName: tableDesign.sortKey, KeyType: 'RANGE' },
    ]);
    expect(
      table.GlobalSecondaryIndexes.map(
        (g: { IndexName: string; KeySchema: unknown; Projection: unknown }) => ({
          name: g.IndexName,
          keys: g.KeySchema,
          projection: g.Projection,
        }),
      ),
    ).toEqual(
      tableDesign.indexes.map((ix) => ({
        name: ix.name,
        keys: [
          { AttributeName: ix.partitionKey, KeyType: 'HASH' },
          { AttributeName: ix.sortKey, KeyType: 'RANGE' },
        ],
        projection: { ProjectionType: 'ALL' },
      })),
    );
  });

  it('protects the table: point-in-time recovery, deletion protection, retained, TTL for idempotency records', () => {
    stateful.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        Replicas: [
          Match.objectLike({
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
            DeletionProtectionEnabled: true,
          }),
        ],
      }),
    });
  });

  it('has a rotating KMS key for reporter data and a user pool with one group per role', () => {
    stateful.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    const groups = Object.values(stateful.findResources('AWS::Cognito::UserPoolGroup')).map(
      (g) => g.Properties.GroupName,
    );
    expect(groups.sort()).toEqual([...roles].sort());
    stateful.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Schema: Match.arrayWith([Match.objectLike({ Name: 'officeId', Mutable: true })]),
    });
  });
});

describe('staff sign-in through the Cognito managed login', () => {
  it('has a managed-login domain and a public app client for the code flow with the staff URLs', () => {
    stateful.hasResourceProperties('AWS::Cognito::UserPoolDomain', { ManagedLoginVersion: 2 });
    stateful.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: Match.arrayWith(['openid', 'profile']),
      CallbackURLs: ['https://duban.example.cn/staff/auth/callback'],
      LogoutURLs: ['https://duban.example.cn/'],
      SupportedIdentityProviders: ['COGNITO'],
    });
    stateful.hasResourceProperties('AWS::Cognito::ManagedLoginBranding', { UseCognitoProvidedValues: true });
  });

  it('tells the HTTP function the login domain and the staff base URL', () => {
    const http = Object.values(stateless.findResources('AWS::Lambda::Function')).find(
      (fn) => fn.Properties.Environment.Variables.COGNITO_DOMAIN,
    );
    expect(http?.Properties.Environment.Variables.STAFF_BASE_URL).toBe('https://duban.example.cn');
    expect(JSON.stringify(http?.Properties.Environment.Variables.COGNITO_DOMAIN)).toContain(
      'amazoncognito.com',
    );
  });
});

describe('evidence bucket', () => {
  const evidenceBucket = () =>
    Object.values(stateful.findResources('AWS::S3::Bucket')).find((b) =>
      JSON.stringify(b.Properties.BucketEncryption ?? {}).includes('aws:kms'),
    );

  it('is private, KMS-encrypted with a bucket key, TLS-only and retained', () => {
    const bucket = evidenceBucket();
    expect(bucket?.DeletionPolicy).toBe('Retain');
    expect(bucket?.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket?.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0]).toMatchObject({
      BucketKeyEnabled: true,
      ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: expect.anything() },
    });
    expect(bucket?.Properties.LoggingConfiguration).toBeDefined();
    stateful.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      }),
    });
  });

  it('expires staged uploads after a day', () => {
    expect(evidenceBucket()?.Properties.LifecycleConfiguration.Rules).toContainEqual(
      expect.objectContaining({ Prefix: 'staging/', ExpirationInDays: 1, Status: 'Enabled' }),
    );
  });

  it('gives the HTTP function the bucket name and exactly get/put/delete on its objects (no wildcard actions)', () => {
    const http = Object.values(stateless.findResources('AWS::Lambda::Function')).find(
      (f) =>
        f.Properties.Environment.Variables.EVIDENCE_BUCKET && f.Properties.Environment.Variables.USER_POOL_ID,
    );
    expect(http).toBeDefined();
    stateless.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({ Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], Effect: 'Allow' }),
          Match.objectLike({ Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Effect: 'Allow' }),
        ]),
      }),
    });
  });
});

describe('stateless stack', () => {
  it('runs every function on Node.js 22 / arm64 with X-Ray tracing and the table name', () => {
    const fns = Object.values(stateless.findResources('AWS::Lambda::Function'));
    expect(fns.length).toBeGreaterThanOrEqual(2);
    for (const fn of fns) {
      expect(fn.Properties).toEqual(
        expect.objectContaining({
          Runtime: 'nodejs22.x',
          Architectures: ['arm64'],
          TracingConfig: { Mode: 'Active' },
        }),
      );
      expect(Object.keys(fn.Properties.Environment.Variables)).toContain('TABLE_NAME');
    }
  });

  it('routes the HTTP API to the HTTP function', () => {
    stateless.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    stateless.hasResourceProperties('AWS::ApiGatewayV2::Integration', { IntegrationType: 'AWS_PROXY' });
    stateless.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$default' });
  });

  it('routes the citizen paths to the citizen function and everything else to the staff function', () => {
    // Arrange: route key → the logical id of the function behind its integration.
    const integrations = stateless.findResources('AWS::ApiGatewayV2::Integration');
    const functionOf = (target: unknown) => {
      const ref = JSON.stringify(target).match(/"Ref":"([^"]+)"/)?.[1] ?? '';
      return integrations[ref]?.Properties.IntegrationUri['Fn::GetAtt'][0] as string;
    };
    // Act
    const routes = Object.fromEntries(
      Object.values(stateless.findResources('AWS::ApiGatewayV2::Route')).map((r) => [
        r.Properties.RouteKey,
        functionOf(r.Properties.Target),
      ]),
    );
    // Assert
    expect(Object.keys(routes).sort()).toEqual(['$default', ...citizenRoutes.map((p) => `ANY ${p}`)].sort());
    expect(routes.$default).toMatch(/^HttpFunction/);
    for (const path of citizenRoutes) expect(routes[`ANY ${path}`]).toMatch(/^CitizenFunction/);
  });

  it('gives the citizen function no staff rights (no Cognito administration) and no source maps at run time', () => {
    // Arrange
    const fns = stateless.findResources('AWS::Lambda::Function');
    const id = Object.keys(fns).find((k) => k.startsWith('CitizenFunction')) as string;
    const policies = Object.values(stateless.findResources('AWS::IAM::Policy')).filter((p) =>
      JSON.stringify(p.Properties.Roles).includes('CitizenRole'),
    );
    // Act
    const actions = policies.flatMap((p) =>
      p.Properties.PolicyDocument.Statement.flatMap((st: { Action: string | string[] }) => st.Action),
    );
    const variables = fns[id]?.Properties.Environment.Variables;
    // Assert
    expect(fns[id]?.Properties.Handler).toBe('index.handler');
    expect(Object.keys(variables).sort()).toEqual(
      [
        'CURSOR_KEY_ID',
        'EVIDENCE_BUCKET',
        'REPORTER_KEY_ARN',
        'STATE_MACHINE_ARN',
        'TABLE_NAME',
        'USER_POOL_CLIENT_ID',
        'USER_POOL_ID',
      ].sort(),
    );
    expect(actions).toEqual(
      expect.arrayContaining([
        'states:StartExecution',
        'kms:GenerateDataKey',
        'kms:GenerateMac',
        's3:PutObject',
      ]),
    );
    expect(actions.filter((a: string) => a.startsWith('cognito-idp:'))).toEqual([]);
  });

  it('deploys the case workflow as a Standard state machine with full logging and tracing', () => {
    stateless.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: Match.objectLike({ Level: 'ALL' }),
    });
    const machine = Object.values(stateless.findResources('AWS::StepFunctions::StateMachine'))[0]?.Properties;
    // The definition is the file in workflows/, with the task function's ARN substituted in.
    const body = JSON.stringify(machine.DefinitionString);
    for (const state of taskStates) expect(body).toContain(state);
    expect(machine.DefinitionSubstitutions.WorkflowFunctionArn).toBeDefined();
  });

  it('lets only the functions that file complaints (staff HTTP, citizen HTTP, mailbox) derive keys from the KMS HMAC key', () => {
    stateful.hasResourceProperties('AWS::KMS::Key', { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
    stateless.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([Match.objectLike({ Action: 'kms:GenerateMac' })]),
      }),
    });
    const withKey = Object.values(stateless.findResources('AWS::Lambda::Function')).filter(
      (fn) => fn.Properties.Environment.Variables.CURSOR_KEY_ID,
    );
    expect(withKey).toHaveLength(3);
  });

  it('runs the workflow reconciler every hour', () => {
    stateless.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(1 hour)' });
  });

  it('lets the HTTP function start executions and the state machine invoke the task function', () => {
    stateless.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([Match.objectLike({ Action: 'states:StartExecution' })]),
      }),
    });
    stateless.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([Match.objectLike({ Action: 'lambda:InvokeFunction' })]),
      }),
    });
  });
});

describe('monthly notice schedule', () => {
  it('EventBridge Scheduler invokes the reports function on the 1st at 08:00 Asia/Shanghai', () => {
    // Arrange
    const schedules = Object.values(stateless.findResources('AWS::Scheduler::Schedule'));
    const fns = stateless.findResources('AWS::Lambda::Function');
    // Assert
    expect(schedules).toHaveLength(1);
    const props = schedules[0]?.Properties;
    expect(props.ScheduleExpression).toBe('cron(0 8 1 * ? *)');
    expect(props.ScheduleExpressionTimezone).toBe('Asia/Shanghai');
    expect(props.State).toBe('ENABLED');
    const targetFn = props.Target.Arn['Fn::GetAtt'][0];
    expect(fns[targetFn]?.Properties.Handler).toBe('index.handler');
    expect(targetFn).toMatch(/^MonthlyNotice/);
  });
});

describe('channels: mailbox and notification delivery', () => {
  it('receives complaint mail with SES into an encrypted private bucket that forgets it in 30 days', () => {
    stateful.hasResourceProperties('AWS::SES::ReceiptRule', {
      Rule: Match.objectLike({
        Recipients: ['jubao@duban.example.gov.cn'],
        ScanEnabled: true,
        Actions: [Match.objectLike({ S3Action: Match.objectLike({ ObjectKeyPrefix: 'incoming/' }) })],
      }),
    });
    stateful.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: Match.objectLike({
        ServerSideEncryptionConfiguration: [
          Match.objectLike({ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }),
        ],
      }),
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 30, Status: 'Enabled' })] },
    });
    // Object Created events go to EventBridge (no bucket → function reference across the stacks).
    stateful.hasResourceProperties('Custom::S3BucketNotifications', {
      NotificationConfiguration: { EventBridgeConfiguration: {} },
    });
    // SES may write only into this account's bucket (the action's bucket policy).
    stateful.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({ Action: 's3:PutObject', Principal: { Service: 'ses.amazonaws.com' } }),
        ]),
      }),
    });
  });

  it('streams new images of the table to the delivery function, filtered to items with pending notifications', () => {
    stateful.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
    });
    stateless.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      StartingPosition: 'LATEST',
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      FilterCriteria: {
        Filters: [
          { Pattern: JSON.stringify({ dynamodb: { NewImage: { notifyPk: { S: [{ exists: true }] } } } }) },
        ],
      },
    });
    stateless.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(1 minute)' });
  });

  it('lets the delivery function send with SES and SNS (SMS only, no topics) and decrypt reporter contact', () => {
    const delivery = Object.values(stateless.findResources('AWS::IAM::Policy')).find((p) =>
      JSON.stringify(p.Properties.PolicyDocument).includes('ses:SendEmail'),
    );
    const statements = delivery?.Properties.PolicyDocument.Statement as { Action: unknown }[];
    expect(statements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Action: 'ses:SendEmail', Effect: 'Allow' }),
        expect.objectContaining({ Action: 'sns:Publish', NotResource: 'arn:*:sns:*:*:*' }),
        expect.objectContaining({ Action: 'kms:Decrypt' }),
        expect.objectContaining({ Action: expect.arrayContaining(['dynamodb:GetRecords']) }),
      ]),
    );
  });

  it('runs the mailbox function on mail arriving under incoming/', () => {
    stateless.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.objectLike({
        source: ['aws.s3'],
        'detail-type': ['Object Created'],
        detail: Match.objectLike({ object: { key: [{ prefix: 'incoming/' }] } }),
      }),
    });
    const mailbox = Object.values(stateless.findResources('AWS::Lambda::Function')).find(
      (f) => f.Properties?.Environment?.Variables?.MAILBOX_ADDRESS,
    );
    expect(mailbox?.Properties.Environment.Variables).toMatchObject({
      MAILBOX_ADDRESS: 'jubao@duban.example.gov.cn',
      MAIL_FROM: 'noreply@duban.example.gov.cn',
      EVIDENCE_BUCKET: expect.anything(),
    });
  });

  it('lets the mailbox function file attached photos: get and put on cases/* of the evidence bucket only', () => {
    // Arrange: the mailbox function's role policy.
    const mailboxRole = Object.values(stateless.findResources('AWS::Lambda::Function')).find(
      (f) => f.Properties?.Environment?.Variables?.MAILBOX_ADDRESS,
    )?.Properties.Role['Fn::GetAtt'][0];
    const policy = Object.values(stateless.findResources('AWS::IAM::Policy')).find((p) =>
      JSON.stringify(p.Properties.Roles).includes(mailboxRole),
    );
    const statements = policy?.Properties.PolicyDocument.Statement as {
      Action: unknown;
      Resource: unknown;
    }[];
    // Act
    const filing = statements.find(
      (s) => JSON.stringify(s.Action) === JSON.stringify(['s3:GetObject', 's3:PutObject']),
    );
    // Assert
    expect(JSON.stringify(filing?.Resource)).toContain('/cases/*');
    expect(JSON.stringify(filing?.Resource)).toContain('EvidenceBucket');
    expect(statements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Action: 's3:ListBucket' }),
        expect.objectContaining({ Action: ['kms:Decrypt', 'kms:GenerateDataKey'] }),
      ]),
    );
    expect(JSON.stringify(statements)).not.toMatch(/EvidenceBucket[^"]*"?[^}]*s3:DeleteObject/);
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('finds nothing: every finding is fixed or acknowledged with a written reason', () => {
    // Act
    const report = new AwsSolutionsChecks(app).validateScope(app);
    // Assert (rule and resource paths, so a new finding says where it is)
    const findings = report.violations.map(
      (v) =>
        `${v.ruleName}: ${v.violatingResources.map((r) => (r as { constructPath?: string }).constructPath).join(', ')}`,
    );
    expect(findings).toEqual([]);
  });

  it('the staff pool has a password policy, required TOTP and threat protection', () => {
    stateful.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 12, RequireSymbols: true }) },
      UserPoolAddOns: { AdvancedSecurityMode: Match.anyValue() },
    });
  });

  it('logs API access without bodies or query strings', () => {
    const stage = Object.values(stateless.findResources('AWS::ApiGatewayV2::Stage'))[0]?.Properties;
    const format = JSON.parse(stage.AccessLogSettings.Format);
    expect(Object.keys(format).sort()).toEqual([
      'ip',
      'latencyMs',
      'method',
      'path',
      'requestId',
      'route',
      'status',
    ]);
  });
});
