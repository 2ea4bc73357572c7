import type { Booking } from '../../db/repositories/bookings-repository.js';
import type { LifecycleResult } from '../bookings/lifecycle.js';
import { bookingEventsDispatches, type RenderContext } from '../messages/booking-events.js';
import { refusalFailure } from './booking-refusal-json.js';
import { done, type Outcome } from './outcome.js';

/** A booking operation's result as the API answers it: the booking and its messages, or a refusal with its status. */
export function fromLifecycle(r: LifecycleResult, ctx: RenderContext): Outcome<Booking> {
  return r.ok ? done(r.booking, bookingEventsDispatches(r.events, ctx)) : refusalFailure(r.refusal);
}
