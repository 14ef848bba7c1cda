/** Show Log: opens the "CSMS" output channel, where every request and failure is written. */
import type { Services } from '../services';

export async function showLog(services: Services): Promise<void> {
  services.log.show();
}
