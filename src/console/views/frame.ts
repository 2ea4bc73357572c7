import type { AppContext } from '../../app-context.js';
import type { SignedIn } from '../auth/signed-in.js';
import type { PageFrame } from './page.js';

/** The frame of a signed-in page: who is looking, their form token, the office. */
export function frameOf(ctx: Pick<AppContext, 'settings'>, who: SignedIn): PageFrame {
  return { account: who.account, csrfToken: who.session.csrfToken, officeName: ctx.settings.officeName };
}
