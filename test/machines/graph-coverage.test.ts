import { transition } from 'xstate';
import { getAdjacencyMap, getShortestPaths } from 'xstate/graph';
import { describe, expect, it } from 'vitest';
import { bookingMachine } from '../../machines/booking/booking-machine.js';
import { evaluateAnswer, isComplete } from '../../machines/booking/evaluate-answer.js';
import type { BookingSnapshot } from '../../machines/booking/restore.js';
import { QUESTIONS, type Answer, type ConversationState, type Question } from '../../machines/booking/types.js';
import { bookableDates } from '../../src/calendar/index.js';
import { isReturning } from '../../machines/booking/previous-details.js';
import { answerFacts, candidateAnswers, candidateEvents, snapshotShape } from './candidates.js';
import { NOW, effectsOf, initialSnapshot, noticesOf, roundTrip, step } from './fixtures.js';

const traversal = {
  events: (snapshot: BookingSnapshot) => candidateEvents(snapshot),
  serializeState: (snapshot: BookingSnapshot) => snapshotShape(snapshot),
};

const paths = getShortestPaths(bookingMachine, traversal);
const vertices = Object.values(getAdjacencyMap(bookingMachine, traversal)).map((v) => v.state);
const questionVertices = vertices.filter((s): s is BookingSnapshot & { value: Question } => s.value !== 'idle');

const describeAnswer = (a: Answer): string => JSON.stringify(a);

describe('every state is reachable (xstate/graph shortest paths)', () => {
  it('reaches idle and every question', () => {
    const reached = new Set(paths.map((p) => p.state.value));
    const missing = (['idle', ...QUESTIONS] as ConversationState[]).filter((s) => !reached.has(s));
    expect(missing).toEqual([]);
  });

  it('replays each shortest path with transition() to a snapshot of the same shape', () => {
    // Snapshots are grouped by shape (state, what was collected), so compare the shape, not the turn.
    for (const path of paths) {
      let snapshot = initialSnapshot();
      // The first step of each path is xstate's own init event, which the machine ignores.
      for (const { event } of path.steps.filter((st) => (st.event.type as string) !== 'xstate.init'))
        [snapshot] = transition(bookingMachine, snapshot, event);
      expect(snapshotShape(snapshot)).toBe(snapshotShape(path.state));
    }
  });

  it('keeps a JSON-serialisable context in every snapshot visited', () => {
    for (const snapshot of vertices) expect(roundTrip(snapshot.context)).toEqual(snapshot.context);
  });
});

describe('each question routes its answers (the chart lists where each outcome leads)', () => {
  it('has one state per question, each reading its answers and routing them to states that exist', () => {
    const states = Object.keys(bookingMachine.states);
    expect([...states].sort()).toEqual(['idle', ...QUESTIONS].sort());
    for (const question of QUESTIONS) {
      const node = bookingMachine.states[question];
      expect(node?.on.ANSWER?.length, question).toBe(1);
      const routes = node?.on.ANSWERED ?? [];
      // The refusal, at least one route, and the fallback for an outcome no route takes.
      expect(routes.length, question).toBeGreaterThanOrEqual(3);
      for (const route of routes)
        for (const target of route.target ?? []) expect(states, question).toContain(target.key);
    }
  });

  it('takes every accepted answer by a route of its question (never the fallback), doing exactly what evaluateAnswer read', () => {
    let checked = 0;
    for (const snapshot of questionVertices) {
      const question = snapshot.value;
      for (const facts of answerFacts(question)) {
        for (const answer of candidateAnswers(question, snapshot.context.draft, facts, NOW)) {
          const result = evaluateAnswer({ question, answer, context: snapshot.context, facts, now: NOW });
          const [next, actions] = step(snapshot, { type: 'ANSWER', answer, now: NOW, facts });
          const label = `${question} + ${describeAnswer(answer)}`;
          checked += 1;
          if (result.ok) {
            // Routed: another question, idle, or the same question asked anew (a new turn).
            const routed = next.value !== question || next.context.turn === snapshot.context.turn + 1;
            expect(routed, `${label} (${result.outcome})`).toBe(true);
            expect(noticesOf(actions), label).toEqual(result.notices ?? []);
            expect(
              effectsOf(actions).map((e) => e.effect),
              label,
            ).toEqual(result.effects ?? []);
            if (next.value !== 'idle') expect(next.context.draft, label).toEqual(result.draft);
          } else {
            expect(next.value, label).toBe(question);
            expect(next.context, label).toEqual(snapshot.context);
            expect(noticesOf(actions), label).toEqual([result.notice]);
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('sends each outcome of a question to one place, whatever else was answered before', () => {
    // Same question, same outcome, same editing and purpose: the same target. A route that
    // depended on anything else would be a rule hidden from the chart.
    const targets = new Map<string, Set<string>>();
    for (const snapshot of questionVertices) {
      const question = snapshot.value;
      for (const facts of answerFacts(question)) {
        for (const answer of candidateAnswers(question, snapshot.context.draft, facts, NOW)) {
          const result = evaluateAnswer({ question, answer, context: snapshot.context, facts, now: NOW });
          if (!result.ok) continue;
          const [next] = step(snapshot, { type: 'ANSWER', answer, now: NOW, facts });
          const { editing, purpose } = snapshot.context;
          const both = result.draft.choice2 !== undefined;
          const complete =
            question === 'terms'
              ? JSON.stringify([
                  isComplete(snapshot.context.draft),
                  facts.identity !== undefined ||
                    Boolean(snapshot.context.draft.name && snapshot.context.draft.jobSeekerNumber),
                  // A returning person skips the eligibility questions once they agree (§12).
                  isReturning(facts, NOW),
                ])
              : '';
          const key = JSON.stringify([
            question,
            result.outcome,
            editing,
            purpose ?? 'new',
            question.startsWith('choice1') ? both : null,
            // Contact details kept from before are not asked again (a returning person, §12), also
            // when both choices came in one message at the first.
            question.startsWith('choice')
              ? snapshot.context.draft.email !== undefined && snapshot.context.draft.phone !== undefined
              : null,
            complete,
            // An item given while editing returns to the review once the booking is whole again.
            editing && result.outcome === 'filled' ? isComplete(result.draft) : null,
          ]);
          const set = targets.get(key) ?? new Set<string>();
          set.add(String(next.value));
          targets.set(key, set);
        }
      }
    }
    const ambiguous = [...targets]
      .filter(([, set]) => set.size > 1)
      .map(([key, set]) => `${key} -> ${[...set].join(' | ')}`);
    expect(targets.size).toBeGreaterThan(50);
    expect(ambiguous).toEqual([]);
  });

  // Found earlier (refusals.test.ts 'moves to the times of a date typed at the time question'): a
  // date typed at a time question must move to that date's times, as a new turn.
  it('moves to the times of a date typed at a time question, as a new turn', () => {
    let checked = 0;
    for (const snapshot of questionVertices.filter((s) => s.value === 'choice1Time' || s.value === 'choice2Time')) {
      const question = snapshot.value;
      const facts = answerFacts(question)[0];
      if (!facts) continue;
      for (const date of bookableDates(facts.calendar, snapshot.context.draft.kind ?? 'regular', NOW, 3)) {
        const answer: Answer = { source: 'text', text: `${Number(date.slice(5, 7))}/${Number(date.slice(8))}` };
        const result = evaluateAnswer({ question, answer, context: snapshot.context, facts, now: NOW });
        if (!result.ok) continue;
        const [next, actions] = step(snapshot, { type: 'ANSWER', answer, now: NOW, facts });
        const label = `${question} + ${answer.text}`;
        expect(result.outcome, label).toBe('dayPicked');
        expect(next.value, label).toBe(question);
        expect(next.context.turn, label).toBe(snapshot.context.turn + 1);
        expect(next.context.draft.pendingDate, label).toBe(date);
        expect(noticesOf(actions), label).toEqual([]);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});
