import { readFileSync } from 'node:fs';
import { CfnOutput, Duration, Stack, type StackProps, TimeZone, Validations } from 'aws-cdk-lib';
import { type CfnStage, HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { UserPool, UserPoolClient, UserPoolDomain } from 'aws-cdk-lib/aws-cognito';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Key } from 'aws-cdk-lib/aws-kms';
import { EventSourceMapping, FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { ScheduleExpression, Schedule as SchedulerSchedule } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { citizenRoutes } from '../functions/http/parts/citizen-routes.js';
import { NOTICE_SCHEDULE } from '../functions/services/reports/scheduled-notice.js';
import { caseLifecycleDefinitionPath } from '../workflows/definition.js';
import { grantEvidenceAccess, grantEvidenceFiling } from './evidence-access.js';
import { DubanFunction } from './lambda-function.js';

export interface StatelessStackProps extends StackProps {
  readonly table: ITableV2;
  readonly reporterKey: Key;
  readonly cursorKey: Key;
  readonly userPool: UserPool;
  readonly userPoolClient: UserPoolClient;
  /** Managed login domain and the staff site's public base URL (hosted sign-in, see the stateful stack). */
  readonly userPoolDomain: UserPoolDomain;
  readonly staffBaseUrl: string;
  readonly mailBucket: IBucket;
  readonly mailboxAddress: string;
  /** Sender of notifications and auto-replies: an SES verified identity in the account. */
  readonly mailFrom?: string;
  readonly evidenceBucket: IBucket;
}

/** Code that can be replaced at will: the functions, the HTTP API and the case state machine. */
export class StatelessStack extends Stack {
  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);

    // The case workflow: one Standard execution per case, the definition from workflows/.
    const workflowFn = new DubanFunction(this, 'WorkflowTasks', {
      entry: 'functions/workflow/lambda.ts',
      table: props.table,
      tableAccess: 'readwrite',
      timeout: Duration.seconds(25),
    }).fn;
    const caseLifecycle = new StateMachine(this, 'CaseLifecycle', {
      stateMachineType: StateMachineType.STANDARD,
      // Inline (not an S3 asset) so the template shows the definition; placeholders filled by substitution.
      definitionBody: DefinitionBody.fromString(readFileSync(caseLifecycleDefinitionPath, 'utf8')),
      definitionSubstitutions: { WorkflowFunctionArn: workflowFn.functionArn },
      tracingEnabled: true,
      // Execution data is case ids and decisions only; reporter data never enters the workflow.
      logs: {
        destination: new LogGroup(this, 'CaseLifecycleLogs', { retention: RetentionDays.ONE_MONTH }),
        level: LogLevel.ALL,
        includeExecutionData: true,
      },
    });
    workflowFn.grantInvoke(caseLifecycle);
    Validations.of(caseLifecycle).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Step Functions log delivery (logs:*LogDelivery, DescribeResourcePolicies) and X-Ray take no resource ARN.',
    });
    Validations.of(caseLifecycle).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(workflowFn.node.defaultChild as never)}.Arn>:*]`,
      reason:
        'Invoke of the task function and its versions/aliases (the :* suffix); one function, nothing else.',
    });

    // The staff function: the whole app (staff API and pages, reports, channels); the API's $default.
    const httpFn = new DubanFunction(this, 'Http', {
      entry: 'functions/http/lambda.ts',
      table: props.table,
      tableAccess: 'readwrite',
      awsSdk: 'bundled',
      environment: {
        STATE_MACHINE_ARN: caseLifecycle.stateMachineArn,
        REPORTER_KEY_ARN: props.reporterKey.keyArn,
        CURSOR_KEY_ID: props.cursorKey.keyArn,
        USER_POOL_ID: props.userPool.userPoolId,
        USER_POOL_CLIENT_ID: props.userPoolClient.userPoolClientId,
        COGNITO_DOMAIN: props.userPoolDomain.baseUrl(),
        STAFF_BASE_URL: props.staffBaseUrl,
        EVIDENCE_BUCKET: props.evidenceBucket.bucketName,
      },
    }).fn;
    caseLifecycle.grantStartExecution(httpFn);
    // Staff account administration (admin API) manages the Cognito users.
    props.userPool.grant(
      httpFn,
      'cognito-idp:AdminCreateUser',
      'cognito-idp:AdminSetUserPassword',
      'cognito-idp:AdminAddUserToGroup',
      'cognito-idp:AdminListGroupsForUser',
      'cognito-idp:AdminGetUser',
      'cognito-idp:AdminDisableUser',
      'cognito-idp:AdminEnableUser',
      'cognito-idp:ListUsers',
      // Account changes (role, office, display name) and ending sessions after them.
      'cognito-idp:AdminUpdateUserAttributes',
      'cognito-idp:AdminDeleteUserAttributes',
      'cognito-idp:AdminRemoveUserFromGroup',
      'cognito-idp:AdminUserGlobalSignOut',
    );
    // Exactly what the Encryption SDK's KMS keyring calls (no kms:ReEncrypt*, no GenerateDataKey* wildcard).
    props.reporterKey.grant(httpFn, 'kms:GenerateDataKey', 'kms:Encrypt', 'kms:Decrypt');
    props.cursorKey.grant(httpFn, 'kms:GenerateMac');
    // Evidence: stage, check, copy under the case, remove staged copies; presigned POST/GET URLs are
    // signed with this role, so browsers upload and read with exactly these rights.
    grantEvidenceAccess(httpFn, props.evidenceBucket);
    for (const resource of [
      '<EvidenceBucketFBA44255.Arn>/*',
      `${Stack.of(props.evidenceBucket).stackName}:ExportsOutputFnGetAttEvidenceBucketFBA44255ArnB9DEB114/*`,
    ]) {
      Validations.of(this).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${resource}]`,
        reason:
          'HTTP function: get/put/delete on objects of the one evidence bucket (<bucket>/* — object keys are per case and per upload, so no narrower ARN exists), no bucket-level or wildcard actions.',
      });
    }

    // Recovery: hourly, start a workflow for every open case that has none running.
    const reconcile = new DubanFunction(this, 'ReconcileWorkflows', {
      entry: 'functions/workflow/reconcile-lambda.ts',
      table: props.table,
      tableAccess: 'read',
      timeout: Duration.minutes(5),
      environment: { STATE_MACHINE_ARN: caseLifecycle.stateMachineArn },
    });
    const reconcileFn = reconcile.fn;
    caseLifecycle.grantStartExecution(reconcileFn);
    caseLifecycle.grantRead(reconcileFn);
    const machineId = this.getLogicalId(caseLifecycle.node.defaultChild as never);
    Validations.of(reconcile).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${machineId}"}]}]}:*]`,
      reason:
        "Reading the state machine's executions (one per case, named at run time) needs execution:<machine>:*.",
    });
    new Rule(this, 'ReconcileSchedule', {
      schedule: Schedule.rate(Duration.hours(1)),
      targets: [new LambdaFunction(reconcileFn)],
    });

    // Monthly notice (月度督查通报): the 1st at 08:00 Asia/Shanghai, draft last month and notify leaders.
    const reportsFn = new DubanFunction(this, 'MonthlyNotice', {
      entry: 'functions/reports/lambda.ts',
      table: props.table,
      tableAccess: 'readwrite',
      timeout: Duration.minutes(10),
      memorySize: 1024,
    }).fn;
    new SchedulerSchedule(this, 'MonthlyNoticeSchedule', {
      description: 'Draft the previous month’s 月度督查通报 and notify the leaders',
      schedule: ScheduleExpression.cron({
        minute: '0',
        hour: String(NOTICE_SCHEDULE.hour),
        day: String(NOTICE_SCHEDULE.dayOfMonth),
        month: '*',
        year: '*',
        timeZone: TimeZone.ASIA_SHANGHAI,
      }),
      target: new LambdaInvoke(reportsFn, { retryAttempts: 2 }),
    });
    // The target's role is created by the scheduler construct at stack level: acknowledged there, for
    // exactly this function's ARN.
    Validations.of(this).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(reportsFn.node.defaultChild as never)}.Arn>:*]`,
      reason:
        'EventBridge Scheduler invokes the monthly-notice function and its versions (the :* suffix); nothing else.',
    });

    // Notification delivery (通知送达): the table's stream, filtered to case items holding pending
    // notifications, plus a one-minute sweep for retries; SES v2 e-mail, SNS SMS.
    const mailFrom = props.mailFrom ?? `noreply@${props.mailboxAddress.split('@')[1]}`;
    const notifyFn = new DubanFunction(this, 'NotifyDelivery', {
      entry: 'functions/notify/lambda.ts',
      table: props.table,
      tableAccess: 'readwrite',
      timeout: Duration.seconds(60),
      environment: {
        REPORTER_KEY_ARN: props.reporterKey.keyArn,
        MAIL_FROM: mailFrom,
        // Links in staff e-mail (a published notice's page).
        STAFF_BASE_URL: props.staffBaseUrl,
      },
    }).fn;
    props.table.grantStreamRead(notifyFn);
    props.reporterKey.grantDecrypt(notifyFn);
    new EventSourceMapping(this, 'NotifyStream', {
      target: notifyFn,
      eventSourceArn: props.table.tableStreamArn,
      startingPosition: StartingPosition.LATEST,
      batchSize: 50,
      retryAttempts: 5,
      reportBatchItemFailures: true,
      filters: [FilterCriteria.filter({ dynamodb: { NewImage: { notifyPk: { S: FilterRule.exists() } } } })],
    });
    new Rule(this, 'NotifySweep', {
      schedule: Schedule.rate(Duration.minutes(1)),
      targets: [new LambdaFunction(notifyFn)],
    });
    notifyFn.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [`arn:${this.partition}:ses:${this.region}:${this.account}:identity/*`],
      }),
    );
    // SMS to a phone number has no topic ARN to scope to; deny publishing to topics instead.
    notifyFn.addToRolePolicy(
      new PolicyStatement({ actions: ['sns:Publish'], notResources: ['arn:*:sns:*:*:*'] }),
    );

    // The complaint mailbox: SES stores received mail in the bucket; its Object Created event runs the
    // same parser and intake as the embedded SMTP server.
    for (const [id, reason] of [
      [
        'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:identity/*]',
        'SES sends from verified identities of this account; the sender identity is configuration (MAIL_FROM).',
      ],
      [
        'AwsSolutions-IAM5[Action::s3:GetObject*]',
        'Mailbox function reads and deletes mail objects of the one mail bucket (CDK grant).',
      ],
      ['AwsSolutions-IAM5[Action::s3:GetBucket*]', 'Mailbox function: the one mail bucket (CDK grant).'],
      ['AwsSolutions-IAM5[Action::s3:List*]', 'Mailbox function: the one mail bucket (CDK grant).'],
      [
        'AwsSolutions-IAM5[Action::s3:DeleteObject*]',
        'Mailbox function deletes mail once filed (one bucket).',
      ],
      ['AwsSolutions-IAM5[Action::s3:Abort*]', 'Mailbox function: the one mail bucket (CDK grant).'],
      [
        'AwsSolutions-IAM5[Action::kms:ReEncrypt*]',
        'Mailbox function encrypts reporter data with the reporter key (CDK grant); to be narrowed like the HTTP function.',
      ],
      [
        'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
        'Mailbox function encrypts reporter data with the reporter key (CDK grant); to be narrowed like the HTTP function.',
      ],
    ] as const) {
      Validations.of(this).acknowledge({ id, reason });
    }
    const mailboxFn = new DubanFunction(this, 'Mailbox', {
      entry: 'functions/mailbox/lambda.ts',
      table: props.table,
      tableAccess: 'readwrite',
      timeout: Duration.seconds(60),
      environment: {
        STATE_MACHINE_ARN: caseLifecycle.stateMachineArn,
        REPORTER_KEY_ARN: props.reporterKey.keyArn,
        MAIL_BUCKET: props.mailBucket.bucketName,
        EVIDENCE_BUCKET: props.evidenceBucket.bucketName,
        MAILBOX_ADDRESS: props.mailboxAddress,
        MAIL_FROM: mailFrom,
        // Intake derives a mail's case id and access code from its Message-ID with the lookup key.
        CURSOR_KEY_ID: props.cursorKey.keyArn,
      },
    }).fn;
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::<MailBucketFABEC941.Arn>/*]',
      reason:
        'Mailbox function: objects of the one mail bucket (<bucket>/*, a cross-stack export at synth) and the reporter key, via CDK grants.',
    });
    Validations.of(this).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${Stack.of(props.mailBucket).stackName}:ExportsOutputFnGetAttMailBucketFABEC941ArnB8304EC6/*]`,
      reason:
        'Mailbox function: objects of the one mail bucket (<bucket>/*, a cross-stack export at synth) and the reporter key, via CDK grants.',
    });
    props.mailBucket.grantReadWrite(mailboxFn);
    props.mailBucket.grantDelete(mailboxFn);
    // Attached photos become evidence under the new case (get + put on cases/* of the evidence bucket).
    grantEvidenceFiling(mailboxFn, props.evidenceBucket);
    for (const resource of [
      '<EvidenceBucketFBA44255.Arn>/cases/*',
      `${Stack.of(props.evidenceBucket).stackName}:ExportsOutputFnGetAttEvidenceBucketFBA44255ArnB9DEB114/cases/*`,
    ]) {
      Validations.of(this).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${resource}]`,
        reason:
          'Mailbox function: get/put on the case objects of the one evidence bucket (cases/* — a new case id per message at run time), no bucket-level or wildcard actions.',
      });
    }
    props.reporterKey.grantEncryptDecrypt(mailboxFn);
    props.cursorKey.grant(mailboxFn, 'kms:GenerateMac');
    caseLifecycle.grantStartExecution(mailboxFn);
    new Rule(this, 'MailReceived', {
      eventPattern: {
        source: ['aws.s3'],
        detailType: ['Object Created'],
        detail: {
          bucket: { name: [props.mailBucket.bucketName] },
          object: { key: [{ prefix: 'incoming/' }] },
        },
      },
      targets: [new LambdaFunction(mailboxFn)],
    });

    // The citizen function: only what citizens and Open311 apps hit (functions/http/citizen-lambda.ts),
    // a small bundle that imports fast on a cold start. No staff administration (no Cognito admin rights).
    const citizenFn = new DubanFunction(this, 'Citizen', {
      entry: 'functions/http/citizen-lambda.ts',
      table: props.table,
      tableAccess: 'readwrite',
      awsSdk: 'bundled',
      sourceMapsAtRuntime: false,
      environment: {
        STATE_MACHINE_ARN: caseLifecycle.stateMachineArn,
        REPORTER_KEY_ARN: props.reporterKey.keyArn,
        USER_POOL_ID: props.userPool.userPoolId,
        USER_POOL_CLIENT_ID: props.userPoolClient.userPoolClientId,
        EVIDENCE_BUCKET: props.evidenceBucket.bucketName,
        // Intake derives the reporter's phone lookup hash and idempotent case ids with the lookup key.
        CURSOR_KEY_ID: props.cursorKey.keyArn,
      },
    }).fn;
    caseLifecycle.grantStartExecution(citizenFn);
    props.reporterKey.grant(citizenFn, 'kms:GenerateDataKey', 'kms:Encrypt', 'kms:Decrypt');
    props.cursorKey.grant(citizenFn, 'kms:GenerateMac');
    grantEvidenceAccess(citizenFn, props.evidenceBucket);

    const api = new HttpApi(this, 'Api', {
      description: 'Duban (督办) public and staff API',
      defaultIntegration: new HttpLambdaIntegration('HttpIntegration', httpFn),
    });
    // Access log per request: no body, no query string, no headers — nothing a reporter typed.
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', { retention: RetentionDays.ONE_MONTH });
    (api.defaultStage?.node.defaultChild as CfnStage).accessLogSettings = {
      destinationArn: accessLogs.logGroupArn,
      format: JSON.stringify({
        requestId: '$context.requestId',
        ip: '$context.identity.sourceIp',
        method: '$context.httpMethod',
        route: '$context.routeKey',
        path: '$context.path',
        status: '$context.status',
        latencyMs: '$context.responseLatency',
      }),
    };
    // Citizen paths go to the citizen function; everything else to the staff function ($default).
    const citizenIntegration = new HttpLambdaIntegration('CitizenIntegration', citizenFn);
    for (const path of citizenRoutes) {
      api.addRoutes({ path, methods: [HttpMethod.ANY], integration: citizenIntegration });
    }
    Validations.of(api).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'Routes go to the app (citizen or staff function), which serves public endpoints and verifies staff JWTs itself (issuer, audience, expiry, session version) per route.',
    });
    new CfnOutput(this, 'ApiUrl', { value: api.apiEndpoint });
    new CfnOutput(this, 'StateMachineArn', { value: caseLifecycle.stateMachineArn });
  }
}
