/**
 * Scheduled Lambda (EventBridge Scheduler, the 1st at 08:00 Asia/Shanghai): drafts last month's
 * notice and notifies the leaders. Thin: the job is `runScheduledNotice`.
 */
import { awsCoreDeps } from '../adapters/aws-core.js';
import { runScheduledNotice } from '../services/reports/scheduled-notice.js';

const core = awsCoreDeps();

export async function handler() {
  const result = await runScheduledNotice(core);
  core.logger.info('monthly notice job', {
    ran: result.ran,
    ...(result.ran ? { month: result.draft.month, itemsRead: result.draft.itemsRead } : {}),
  });
  return { ran: result.ran };
}
