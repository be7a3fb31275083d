import type { Hook } from '@hono/zod-openapi';
import { errorBody, zodFields } from './errors.js';

/** zod failures at the edge → 400 naming each bad field (headers, body, query alike). */
// biome-ignore lint/suspicious/noExplicitAny: the hook is shared by routes of every shape
export const validationHook: Hook<any, any, any, any> = (result, c) => {
  if (!result.success) {
    const fields = zodFields(result.error);
    if (result.target === 'header') for (const f of fields) f.path = `header.${f.path}`;
    return c.json(errorBody('VALIDATION_FAILED', 'The request has invalid fields.', fields), 400);
  }
};
