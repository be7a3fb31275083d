/**
 * Object storage port (evidence files): S3 on AWS, an S3-compatible server (s3rver) in the embedded
 * runtime — one adapter serves both. Keys are opaque strings; bodies are small enough (≤ 10 MB) to
 * hold in memory.
 */

export interface ObjectHead {
  bytes: number;
  contentType: string;
  metadata: Record<string, string>;
}

export interface StoredObject extends ObjectHead {
  body: Uint8Array;
}

/** A browser form that uploads one file straight to storage (S3 POST policy). */
export interface PresignedPost {
  url: string;
  /** Form fields to send before the file field (named `file`). */
  fields: Record<string, string>;
  expiresAt: string;
}

export interface ObjectStore {
  put(
    key: string,
    body: Uint8Array,
    opts: { contentType: string; metadata?: Record<string, string> },
  ): Promise<void>;
  get(key: string): Promise<StoredObject | undefined>;
  head(key: string): Promise<ObjectHead | undefined>;
  /** Server-side copy; false when the source does not exist. */
  copy(from: string, to: string): Promise<boolean>;
  delete(key: string): Promise<void>;
  /**
   * A form that lets a browser upload at most `maxBytes` to `key` directly, without passing through
   * the function (AWS Lambda takes at most 6 MB). The storage enforces the size.
   */
  presignPost(
    key: string,
    opts: { maxBytes: number; expiresInSeconds: number; successRedirect?: string | undefined },
  ): Promise<PresignedPost>;
  /** A URL that reads `key` for a short while. */
  presignGet(
    key: string,
    opts: { expiresInSeconds: number; contentType: string; fileName: string },
  ): Promise<string>;
}

/**
 * Short-lived links to evidence files, minted after the caller was authorised for the case. On AWS
 * they are presigned S3 URLs; in the embedded runtime the app serves them from a signed token (the
 * storage server listens on loopback only).
 */
export interface EvidenceLinks {
  urlFor(
    key: string,
    opts: { contentType: string; fileName: string; expiresInSeconds: number },
  ): Promise<string>;
  /** For app-served links: the key and type a token grants, or undefined when invalid or expired. */
  open?(token: string): { key: string; contentType: string; fileName: string } | undefined;
}
