import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { StatefulStack } from './stateful-stack.js';
import { StatelessStack } from './stateless-stack.js';

/**
 * Builds both stacks; `-c stage=prod` changes the stack names (default `dev`); `-c staffBaseUrl=https://…`
 * registers the staff site for the Cognito managed login, `-c loginDomainPrefix=…` names its domain.
 */
export function buildApp(app = new App()) {
  const stage = (app.node.tryGetContext('stage') as string | undefined) ?? 'dev';
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  const mailFrom = app.node.tryGetContext('mailFrom') as string | undefined;
  const stateful = new StatefulStack(app, `DubanStateful-${stage}`, {
    env,
    staffBaseUrl: app.node.tryGetContext('staffBaseUrl') as string | undefined,
    loginDomainPrefix: app.node.tryGetContext('loginDomainPrefix') as string | undefined,
    mailboxAddress: app.node.tryGetContext('mailboxAddress') as string | undefined,
  });
  const stateless = new StatelessStack(app, `DubanStateless-${stage}`, {
    env,
    table: stateful.table,
    reporterKey: stateful.reporterKey,
    cursorKey: stateful.cursorKey,
    userPool: stateful.userPool,
    userPoolClient: stateful.userPoolClient,
    userPoolDomain: stateful.userPoolDomain,
    staffBaseUrl: stateful.staffBaseUrl,
    mailBucket: stateful.mailBucket,
    mailboxAddress: stateful.mailboxAddress,
    ...(mailFrom ? { mailFrom } : {}),
    evidenceBucket: stateful.evidenceBucket,
  });
  // cdk-nag's AwsSolutions pack runs at synth: a finding fails `cdk synth` (and npm test, see
  // test/infra/nag.test.ts) unless fixed or acknowledged with a written reason next to the resource.
  // Synth-time enforcement waits until cross-stack finding ids are acknowledged (see README).
  if (app.node.tryGetContext('nag') === 'synth') Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stateful, stateless };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildApp().app.synth();
}
