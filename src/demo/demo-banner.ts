import { storeLabel } from '../../db/store-config.js';
import { DEMO_STAFF } from './demo-staff.js';
import type { RunningDemo } from './start-demo.js';

/** What the console says at start: plainly that this is not LINE, and where to click. */
export function demoBanner(demo: RunningDemo): string {
  const { config } = demo;
  return [
    '',
    '  ==================================================================',
    '   DEMO MODE: not connected to LINE. No LINE credentials were set.',
    `   Chat simulator (open in a browser): ${demo.simulatorUrl}`,
    `   Staff console: ${demo.consoleUrl}  (login id: ${DEMO_STAFF.loginId}, password: ${DEMO_STAFF.password})`,
    `   Messages go to a fake LINE platform inside this process (${demo.platform.url}).`,
    `   Database: ${storeLabel(config.store)}`,
    ...(config.terms.placeholder
      ? [`   Terms link: a placeholder (TERMS_URL not set), the default ${config.terms.url}`]
      : []),
    `   Webhook:  ${demo.baseUrl}/webhook  (signed with the demo secret)`,
    `   Staff API token for this run: ${config.staffApiToken}`,
    `   Try: curl -H "Authorization: Bearer ${config.staffApiToken}" ${demo.baseUrl}/api/bookings`,
    '   Demo mode listens on 127.0.0.1 only. To connect a real channel, see',
    '   "Connect a real LINE channel" in README.md.',
    '  ==================================================================',
    '',
  ].join('\n');
}
