import type { DeliveryDeps } from '../../functions/services/notification-delivery.js';

/** A deliverer whose process "dies" after sending and recording, before it settles the case. */
export function dyingBeforeSettle(deps: DeliveryDeps): DeliveryDeps {
  return {
    ...deps,
    queue: {
      ...deps.queue,
      settle: async () => {
        throw new Error('process killed');
      },
    },
  };
}
