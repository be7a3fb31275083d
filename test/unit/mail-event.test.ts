/** The mailbox function's trigger: the stack routes S3 Object Created events through EventBridge. */
import { describe, expect, it } from 'vitest';
import { mailKeysOf } from '../../functions/adapters/s3/mail-objects.js';

describe('mail event keys', () => {
  it('reads the object key of an EventBridge Object Created event (what the stack sends)', () => {
    // Arrange
    const event = {
      'detail-type': 'Object Created',
      source: 'aws.s3',
      detail: { bucket: { name: 'mail' }, object: { key: 'incoming/0abc123', size: 2048 } },
    };
    // Act / Assert
    expect(mailKeysOf(event)).toEqual(['incoming/0abc123']);
  });

  it('reads URL-encoded keys of an S3 notification and ignores keys outside incoming/', () => {
    const event = {
      Records: [{ s3: { object: { key: 'incoming/a+b%2Bc' } } }, { s3: { object: { key: 'quarantine/x' } } }],
    };
    expect(mailKeysOf(event)).toEqual(['incoming/a b+c']);
  });
});
