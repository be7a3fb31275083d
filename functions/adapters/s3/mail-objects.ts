import { CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';

/** Messages SES received into the mail bucket (incoming/), read once and then removed or quarantined. */
export interface MailObjects {
  get(key: string): Promise<Buffer>;
  /** Keeps a refused message for a person under quarantine/ (the bucket's lifecycle expires it). */
  quarantine(key: string, reason: string): Promise<void>;
  remove(key: string): Promise<void>;
}

export function s3MailObjects(client: S3Client, bucket: string): MailObjects {
  return {
    async get(key) {
      const res = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return Buffer.from((await res.Body?.transformToByteArray()) ?? new Uint8Array());
    },
    async quarantine(key, reason) {
      const name = key.split('/').at(-1) ?? key;
      await client.send(
        new CopyObjectCommand({
          Bucket: bucket,
          CopySource: `${bucket}/${encodeURIComponent(key)}`,
          Key: `quarantine/${name}`,
          Tagging: `reason=${reason}`,
          TaggingDirective: 'REPLACE',
        }),
      );
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
    async remove(key) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
  };
}

/** An S3 event notification (Records) or the EventBridge "Object Created" event the stack routes. */
export interface MailEvent {
  Records?: { s3?: { object?: { key?: string } } }[];
  detail?: { object?: { key?: string } };
}

/** Object keys of the received messages an event names. */
export function mailKeysOf(event: MailEvent): string[] {
  const raw = event.detail?.object?.key
    ? [event.detail.object.key]
    : (event.Records ?? []).map((r) => decodeURIComponent((r.s3?.object?.key ?? '').replace(/\+/g, ' ')));
  return raw.filter((key) => key.startsWith('incoming/'));
}
