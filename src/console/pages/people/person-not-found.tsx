import type { Response } from 'express';
import type { AppContext } from '../../../app-context.js';
import type { SignedIn } from '../../auth/signed-in.js';
import { frameOf } from '../../views/frame.js';
import { Page } from '../../views/page.js';
import { sendPage } from '../../views/render.js';

/** 404 for a LINE user id the office has no record of (a person page, 開示 or 消去). */
export function sendPersonNotFound(res: Response, ctx: AppContext, who: SignedIn): void {
  sendPage(
    res,
    <Page frame={frameOf(ctx, who)} section="people" title="利用者が見つかりません">
      <p>この利用者は記録にありません。</p>
      <p>
        <a href="/staff/people">利用者の検索に戻る</a>
      </p>
    </Page>,
    404,
  );
}
