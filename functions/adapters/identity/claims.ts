import type { JWTPayload } from 'jose';
import { type Principal, type Role, roles } from '../../domain/staff.js';

/**
 * `cognito:groups` arrives as a JSON array in the token, but API Gateway's JWT authorizer context
 * flattens it to a string like "[dispatcher]" or "[dispatcher inspector]": accept every shape.
 */
export function parseGroups(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  return value
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .map((g) => g.replace(/^"|"$/g, ''))
    .filter(Boolean);
}

export class InvalidClaimsError extends Error {}

/** One mapping from token claims to a Principal, for local tokens and Cognito ID tokens alike. */
export function principalFromClaims(claims: JWTPayload & Record<string, unknown>): Principal {
  const username = [claims['cognito:username'], claims.username, claims.sub].find(
    (v): v is string => typeof v === 'string' && v.length > 0,
  );
  const groups = [...parseGroups(claims['cognito:groups']), ...parseGroups(claims.role)];
  const role = groups.find((g): g is Role => (roles as readonly string[]).includes(g));
  const officeRaw = claims['custom:officeId'] ?? claims.officeId;
  const officeId = typeof officeRaw === 'string' && officeRaw ? officeRaw : undefined;
  if (!username || !role) throw new InvalidClaimsError('token lacks a user or a known role');
  if (role === 'inspector' && !officeId)
    throw new InvalidClaimsError('an inspector token must name an office');
  return { username, role, officeId: role === 'inspector' ? officeId : undefined };
}
