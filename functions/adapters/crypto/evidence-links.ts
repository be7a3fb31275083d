import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { EvidenceLinks } from '../../services/object-store.js';

/** Path under which the app serves app-signed evidence links. */
export const EVIDENCE_FILE_PATH = '/api/v1/evidence/files';

interface Grant {
  k: string;
  t: string;
  f: string;
  /** Expiry, Unix seconds (real time). */
  e: number;
}

/**
 * Links the app itself serves (embedded runtime): `/api/v1/evidence/files/<token>`, the token an
 * HMAC-signed grant of one object for a few minutes. The key lives in memory only, so a restart
 * invalidates open links — they last minutes anyway. No access code or personal data in the URL.
 */
export function appSignedLinks(opts: { key?: Uint8Array; now?: () => Date } = {}): EvidenceLinks {
  const key = opts.key ?? randomBytes(32);
  const now = opts.now ?? (() => new Date());
  const sign = (payload: string) => createHmac('sha256', key).update(payload).digest();
  return {
    async urlFor(objectKey, link) {
      const grant: Grant = {
        k: objectKey,
        t: link.contentType,
        f: link.fileName,
        e: Math.floor(now().getTime() / 1000) + link.expiresInSeconds,
      };
      const payload = Buffer.from(JSON.stringify(grant)).toString('base64url');
      return `${EVIDENCE_FILE_PATH}/${payload}.${sign(payload).toString('base64url')}`;
    },
    open(token) {
      const [payload, mac] = token.split('.');
      if (!payload || !mac) return undefined;
      const given = Buffer.from(mac, 'base64url');
      const expected = sign(payload);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      try {
        const grant = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Grant;
        if (grant.e * 1000 <= now().getTime()) return undefined;
        return { key: grant.k, contentType: grant.t, fileName: grant.f };
      } catch {
        return undefined;
      }
    },
  };
}
