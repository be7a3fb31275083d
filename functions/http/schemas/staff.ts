import { z } from '@hono/zod-openapi';
import { caseStatusCodes } from '../../domain/case-status.js';
import { queueNames } from '../../domain/queues.js';
import { roles } from '../../domain/staff.js';

export const LoginSchema = z
  .strictObject({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) })
  .openapi('Login');

export const UserSchema = z
  .object({ username: z.string(), role: z.enum(roles), officeId: z.string().optional() })
  .openapi('User');

export const LoginResultSchema = z
  .object({ token: z.string(), expiresIn: z.number(), user: UserSchema })
  .openapi('LoginResult');

export const CaseListQuerySchema = z.object({
  queue: z.enum(queueNames).optional().openapi({
    description:
      'open | due_soon | overdue | finished (an office: inspectors their own, others name `office`); submitted | returned | pending_review | extension | escalated | unrouted (triage)',
  }),
  status: z.enum(caseStatusCodes).optional(),
  office: z.string().min(1).max(64).optional(),
  category: z.string().min(1).max(64).optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'must be a month as YYYY-MM' })
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(4000).optional(),
});

export const CaseSummarySchema = z
  .object({
    trackingCode: z.string(),
    status: z.string(),
    channel: z.string(),
    category: z.string(),
    area: z.string(),
    officeId: z.string().nullable(),
    subject: z.object({ kind: z.string(), name: z.string() }),
    receivedAt: z.string(),
    deadline: z.string().nullable(),
    escalationLevel: z.number(),
    urgent: z.boolean(),
    extensionRequested: z.boolean(),
    version: z.number(),
  })
  .openapi('CaseSummary');

export const StaffCaseSchema = CaseSummarySchema.extend({
  description: z.string(),
  anonymous: z.boolean(),
  reporter: z
    .object({ name: z.string().optional(), phone: z.string().optional(), email: z.string().optional() })
    .nullable()
    .openapi({ description: 'masked: 王**, 138****5678' }),
  events: z.array(z.object({ type: z.string(), at: z.string(), actor: z.string() }).passthrough()),
  evidence: z
    .array(
      z.object({
        id: z.string(),
        type: z.string(),
        bytes: z.number(),
        addedAt: z.string(),
        addedBy: z.string(),
      }),
    )
    .openapi({ description: 'evidence files; GET /cases/{trackingCode}/evidence/{id} opens one' }),
  allowedActions: z.array(z.string()),
})
  .passthrough()
  .openapi('StaffCase');

export const RevealSchema = z
  .strictObject({
    reason: z.string().trim().min(4, { error: 'give the reason (at least 4 characters)' }).max(500),
  })
  .openapi('RevealRequest');

const username = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{1,31}$/, { error: 'must be 2–32 lowercase letters, digits, . _ -' });
const password = z.string().min(10, { error: 'must be at least 10 characters' }).max(200);

const displayName = z.string().trim().max(64, { error: 'must be at most 64 characters' });

export const NewAccountSchema = z
  .strictObject({
    username,
    role: z.enum(roles),
    officeId: z.string().min(1).max(64).optional(),
    displayName: displayName.optional(),
    password,
  })
  .openapi('NewAccount');

export const AccountChangeSchema = z
  .strictObject({
    displayName: displayName.optional().openapi({ description: 'empty string removes it' }),
    role: z.enum(roles).optional(),
    officeId: z
      .string()
      .min(1)
      .max(64)
      .nullable()
      .optional()
      .openapi({ description: 'null removes it; an inspector must keep one' }),
  })
  .refine((v) => Object.keys(v).length > 0, { error: 'give at least one of displayName, role, officeId' })
  .openapi('AccountChange');

export const PasswordResetSchema = z.strictObject({ password }).openapi('PasswordReset');

export const AccountSchema = z
  .object({
    username: z.string(),
    role: z.enum(roles),
    officeId: z.string().nullable(),
    displayName: z.string().nullable(),
    disabled: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Account');
