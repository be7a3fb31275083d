import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';

/** A DynamoDB client: AWS defaults when `endpoint` is unset; dummy credentials for the embedded store. */
export function createDynamoClient(
  opts: { endpoint?: string | undefined; region?: string } = {},
): DynamoDBClient {
  const config: DynamoDBClientConfig = { region: opts.region ?? process.env.AWS_REGION ?? 'cn-north-1' };
  if (opts.endpoint) {
    config.endpoint = opts.endpoint;
    config.credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  }
  return new DynamoDBClient(config);
}
