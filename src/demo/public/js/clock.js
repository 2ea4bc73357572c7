import { formatFull, toJstInputValue } from './format.js';

/**
 * The app-clock control: shows the app's "now" in Japan time, ticking locally between syncs,
 * and moves it forward (+1 hour, +1 day, or to a chosen date and time, read as Japan time).
 * @param {{ output: HTMLOutputElement, buttons: HTMLButtonElement[], form: HTMLFormElement, input: HTMLInputElement }} els
 * @param {{ advance: (minutes: number) => Promise<{now: string}>, set: (iso: string) => Promise<{now: string}>, notice: (text: string) => void }} io
 */
export function createClockControl(els, io) {
  let offset = 0;
  const now = () => Date.now() + offset;
  const render = () => {
    els.output.textContent = formatFull(now());
  };
  const sync = (iso) => {
    offset = Date.parse(iso) - Date.now();
    render();
    els.input.min = toJstInputValue(now());
    // Offer the current time as a starting point, unless the person is editing the field.
    if (document.activeElement !== els.input) els.input.value = toJstInputValue(now());
  };
  const run = async (move) => {
    try {
      sync((await move()).now);
    } catch (e) {
      io.notice(`時計を進められませんでした：${e.message}`);
    }
  };
  for (const button of els.buttons) {
    button.addEventListener('click', () => run(() => io.advance(Number(button.dataset.advance))));
  }
  els.form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!els.input.value) return;
    // The input holds Japan wall-clock time; say so explicitly instead of trusting the browser's zone.
    run(() => io.set(`${els.input.value}:00+09:00`));
  });
  setInterval(render, 1000);
  return { sync, now };
}
