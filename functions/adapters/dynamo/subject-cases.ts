import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { subjectKey } from '../../domain/case.js';
import { type CaseStatus, finalStatuses } from '../../domain/case-status.js';
import type { SubjectCases } from '../../services/ports.js';
import { keys, tableDesign } from '../table-design.js';
import { withStoreRetry } from './retry.js';

const SUBJECT_PK = tableDesign.indexes.find((ix) => ix.name === 'bySubject')?.partitionKey ?? 'gsi4pk';

/**
 * Repeat subjects on the bySubject index: a key condition on the subject's partition, newest first,
 * reading only status, category and time received. Cost grows with the cases about this one subject
 * (capped at `maxRead`), never with the table.
 */
export function createSubjectCases(client: DynamoDBClient, tableName: string, maxRead = 500): SubjectCases {
  return {
    async openCasesForSubject(subject, category) {
      const receivedAt: string[] = [];
      let start: Record<string, unknown> | undefined;
      let read = 0;
      do {
        const res = await withStoreRetry(() =>
          client.send(
            new QueryCommand({
              TableName: tableName,
              IndexName: 'bySubject',
              KeyConditionExpression: '#pk = :pk',
              ExpressionAttributeNames: {
                '#pk': SUBJECT_PK,
                '#s': 'status',
                '#c': 'category',
                '#r': 'receivedAt',
              },
              ExpressionAttributeValues: { ':pk': { S: keys.subjectPartition(subjectKey(subject)) } },
              ProjectionExpression: '#s, #c, #r',
              ScanIndexForward: false,
              Limit: Math.min(100, maxRead - read),
              ExclusiveStartKey: start as never,
            }),
          ),
        );
        for (const raw of res.Items ?? []) {
          const item = unmarshall(raw) as { status: CaseStatus; category: string; receivedAt: string };
          if (item.category === category && !finalStatuses.has(item.status)) receivedAt.push(item.receivedAt);
        }
        read += res.Items?.length ?? 0;
        start = res.LastEvaluatedKey;
      } while (start && read < maxRead);
      return { count: receivedAt.length, receivedAt };
    },
  };
}
