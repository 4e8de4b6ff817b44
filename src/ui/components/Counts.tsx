import type { QueueCounts } from '../../domain/queue/queue';

/** New / learning / due, always in that order and colour, each with a spoken label. */
export function Counts({ counts, current }: { counts: QueueCounts; current?: 'new' | 'learning' | 'review' }) {
  const item = (kind: 'new' | 'learning' | 'review', value: number, label: string) => (
    <span className={`count count-${kind}${current === kind ? ' current' : ''}`} title={label}>
      <span className="visually-hidden">{label}: </span>
      {value}
    </span>
  );
  return (
    <span className="counts" data-testid="counts">
      {item('new', counts.newCount, 'New')}
      {item('learning', counts.learningCount, 'Learning')}
      {item('review', counts.reviewCount, 'Due')}
    </span>
  );
}
