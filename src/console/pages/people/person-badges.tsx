import type { PersonSummary } from './person-summary.js';

/** The person's state in a word each: bot stopped, staff talking, flagged for no-shows; else 通常. */
export function PersonStateBadges({
  person,
}: {
  person: Pick<PersonSummary, 'blockedAt' | 'handoffAt' | 'flaggedAt'>;
}) {
  const badges = [
    person.blockedAt ? (
      <span key="b" class="badge bad">
        自動応答停止中
      </span>
    ) : null,
    person.handoffAt ? (
      <span key="h" class="badge warn">
        職員対応中
      </span>
    ) : null,
    person.flaggedAt ? (
      <span key="f" class="badge warn">
        無断欠席の確認対象
      </span>
    ) : null,
  ].filter((x) => x !== null);
  return badges.length > 0 ? <span class="badges">{badges}</span> : <span class="badge ok">通常</span>;
}
