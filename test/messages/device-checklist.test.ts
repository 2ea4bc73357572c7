import { describe, expect, it } from 'vitest';
import { renderQuestion } from '../../src/messages/questions.js';
import { textOf } from '../support/chat-driver.js';
import { makeFacts, NOW } from '../machines/fixtures.js';

const checklist = renderQuestion({
  question: 'checklist',
  context: { turn: 0, greeted: false, editing: false, purpose: 'new', draft: {} },
  facts: makeFacts(),
  now: NOW,
})
  .map((m) => textOf(m as unknown as Record<string, unknown>))
  .join('\n');

// Terms articles 3, 5, 8(2), 12(4) and 12(5): what the person confirms about their device and place.
describe('the device and place checklist the person confirms before booking', () => {
  it.each([
    ['a supported OS with the latest security updates', 'サポート期間中で、最新のセキュリティ更新'],
    ['the browser and the app kept up to date', 'ブラウザや Zoom・TeleOffice などのアプリも最新'],
    ['a firewall that lets through only what is needed', 'ファイアウォールを有効にし、許可する通信を必要なものだけ'],
    [
      'antivirus of paid-product grade with current definitions',
      '有償版と同等のウイルス対策ソフトを入れ、定義ファイルを最新',
    ],
    [
      'no file-sharing software, nothing unneeded running during the session',
      'ファイル共有ソフトを入れておらず、相談中は不要なソフトを起動しない',
    ],
    ['no free Wi-Fi of unknown safety', '無料Wi-Fi'],
    ['a private room', '個室'],
    ["equipment and connection costs are the person's own", '端末と通信環境はご自身でご用意いただき、通信料はご負担'],
    ['a warning about metered plans', '従量制の料金プラン'],
  ])('asks about %s', (_point, words) => {
    expect(checklist).toContain(words);
  });
});
