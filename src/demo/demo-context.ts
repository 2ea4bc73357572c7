import type { Config } from '../config.js';
import type { MovableClock } from '../infra/clock.js';
import type { FakeLinePlatform } from '../line/fake-line-platform.js';
import type { RichMenuDefinition } from '../line/rich-menu/rich-menu-definition.js';
import type { DemoEvents } from './demo-events.js';
import type { DemoPeople } from './demo-people.js';
import type { Transcript } from './transcript.js';

/** The rich menu the demo set up on its fake platform; `image` is null when no Japanese font was found. */
export interface DemoRichMenu {
  richMenuId: string | null;
  definition: RichMenuDefinition;
  image: Buffer | null;
}

/** Everything the simulator's routes share; one per running demo, nothing module-level. */
export interface DemoContext {
  config: Config;
  platform: FakeLinePlatform;
  clock: MovableClock;
  people: DemoPeople;
  transcript: Transcript;
  events: DemoEvents;
  richMenu: DemoRichMenu;
  /** The app's own webhook URL; known once the server listens. */
  webhookUrl(): string;
  /** Called after the clock moved, so messages that became due go out now. */
  onClockMoved(): void;
}
