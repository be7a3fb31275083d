/**
 * Staff search in scope (检索): tracking code, subject (bySubject), and a caller's phone by keyed hash —
 * the number never stored in clear, never in a URL.
 */
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoClient } from '../../functions/adapters/dynamo/client.js';
import { keys, tableDesign } from '../../functions/adapters/table-design.js';
import { normalizeTrackingCode } from '../../functions/domain/tracking-code.js';
import { asStaff, json, login, postJson, testRuntime, validComplaint } from '../support/runtime.js';

type Rt = Awaited<ReturnType<typeof testRuntime>>;

describe('staff search', () => {
  let rt: Rt;
  const tokens: Record<string, string> = {};
  const codes: Record<string, string> = {};

  beforeAll(async () => {
    rt = await testRuntime();
    for (const u of ['dispatcher', 'leader', 'inspector-a', 'inspector-b', 'operator']) {
      tokens[u] = await login(rt.app, u);
    }
    const file = async (name: string, body: unknown, token?: string) => {
      const res = token
        ? await asStaff(rt.app, token, '/api/v1/complaints', { method: 'POST', body: JSON.stringify(body) })
        : await postJson(rt.app, '/api/v1/complaints', body);
      codes[name] = (await json(res)).trackingCode;
    };
    await file('webA', validComplaint()); // 龙水 → inspector-a, phone 13812345678
    await file('webB', { ...validComplaint(), area: 'YOUTING' }); // 邮亭 → inspector-b, same school name
    await file(
      'hotline',
      { ...validComplaint(), channel: 'hotline', area: 'YOUTING', reporter: { phone: '+86 138-1234-5678' } },
      tokens.operator,
    );
    await file('other', {
      ...validComplaint(),
      subject: { kind: 'institution', name: '学而思培训' },
      reporter: { name: '李四', phone: '13900001111' },
    });
    await rt.runner?.settle();
  }, 60_000);
  afterAll(() => rt.close());

  const search = async (who: string, body: unknown) => {
    const res = await asStaff(rt.app, tokens[who] as string, '/api/v1/cases/search', {
      method: 'POST',
      body: JSON.stringify(body),
    });
    return { status: res.status, body: await json(res) };
  };
  const found = (r: { body: { items: { trackingCode: string }[] } }) =>
    r.body.items.map((i) => i.trackingCode).sort();

  it('by subject: every case about the school, for a dispatcher; only their office for an inspector', async () => {
    const subject = { kind: 'school', name: ' 龙水镇第一小学 ' };
    const dispatcher = await search('dispatcher', { subject });
    const inspector = await search('inspector-a', { subject });
    expect(found(dispatcher)).toEqual([codes.webA, codes.webB, codes.hotline].sort());
    expect(found(inspector)).toEqual([codes.webA]);
  });

  it('by phone in any spelling: a dispatcher finds the caller’s cases; an operator only those they entered', async () => {
    const dispatcher = await search('dispatcher', { phone: '138 1234 5678' });
    const operator = await search('operator', { phone: '１３８１２３４５６７８' });
    const inspector = await search('inspector-a', { phone: '13812345678' });
    expect(found(dispatcher)).toEqual([codes.webA, codes.webB, codes.hotline].sort());
    expect(found(operator)).toEqual([codes.hotline]);
    expect(inspector.status).toBe(403);
  });

  it('the phone is in the table only as a keyed hash', async () => {
    // Arrange
    const client = createDynamoClient({ endpoint: rt.storeEndpoint, region: 'local' });
    const id = normalizeTrackingCode(codes.webA as string) as string;
    // Act
    const raw = await client.send(
      new GetItemCommand({ TableName: tableDesign.defaultTableName, Key: marshall(keys.case(id)) }),
    );
    client.destroy();
    // Assert
    const text = JSON.stringify(raw.Item);
    expect(text).toContain('PHONE#');
    expect(text).not.toMatch(/1381234|5678"/);
  });

  it('by tracking code, in scope only; a bad body names the field', async () => {
    const own = await search('inspector-a', { trackingCode: (codes.webA as string).toLowerCase() });
    const other = await search('inspector-a', { trackingCode: codes.webB });
    const two = await search('dispatcher', { trackingCode: codes.webA, phone: '13812345678' });
    expect(found(own)).toEqual([codes.webA]);
    expect(other.body.items).toEqual([]);
    expect(two.status).toBe(400);
    expect(two.body.error.fields[0].path).toBe('trackingCode');
  });

  it('pages a subject search: every page full or the last', async () => {
    const first = await search('dispatcher', {
      subject: { kind: 'school', name: '龙水镇第一小学' },
      limit: 2,
    });
    const second = await search('dispatcher', {
      subject: { kind: 'school', name: '龙水镇第一小学' },
      limit: 2,
      cursor: first.body.cursor,
    });
    expect([first.body.items.length, second.body.items.length]).toEqual([2, 1]);
    expect(second.body.cursor).toBeUndefined();
  });
});
