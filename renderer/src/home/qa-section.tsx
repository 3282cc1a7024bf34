import { useBatchChanges } from '../batches/use-batch-changes';
import { zonedTime } from '../format/zoned-time';
import { useChannel } from '../ipc/use-channel';
import { shortLocalTime } from '../recipes/recipe-time';
import { useSystemInfo } from '../system/system-info-context';
import { HomeSection, HomeTile, TileGroup, whenReady } from './home-tiles';

const QUEUE_HEAD = 5;

/** QA: the review queue's head, oldest first, with what is still open; the decisions of today. */
export function QaSection() {
  const queue = useChannel('review.queue', {});
  const decisions = useChannel('review.releaseTimes', {});
  useBatchChanges(queue.reload);
  useBatchChanges(decisions.reload);
  const { info } = useSystemInfo();
  const today = zonedTime(new Date().toISOString(), info.timeZone)?.date;
  return (
    <HomeSection title="Batches to review" testId="home-qa" screen={{ to: '/review', label: 'Review queue' }}>
      {whenReady(queue.state, queue.reload, (items) => (
        <TileGroup
          heading="Waiting for review, oldest first"
          empty="No batch waits for review."
          testId="home-review-queue"
        >
          {[...items]
            .sort((a, b) =>
              (a.batch.executionCompletedAtUtc ?? '').localeCompare(b.batch.executionCompletedAtUtc ?? ''),
            )
            .slice(0, QUEUE_HEAD)
            .map(({ batch, counts }) => (
              <HomeTile
                key={batch.id}
                to={`/review/${batch.id}`}
                testId="home-review-item"
                title={batch.batchNumber}
                detail={`${batch.productName} · execution complete ${batch.executionCompletedAtUtc ? shortLocalTime(batch.executionCompletedAtUtc, info.timeZone) : ''}`}
                attention={
                  counts.openItems > 0
                    ? {
                        tone: 'warn',
                        text: `${counts.openItems} open ${counts.openItems === 1 ? 'item' : 'items'}`,
                      }
                    : null
                }
                action="Review"
              />
            ))}
        </TileGroup>
      ))}
      {whenReady(decisions.state, decisions.reload, (times) => (
        <TileGroup heading="Decided today" empty="No release or rejection today." testId="home-decided-today">
          {times
            .filter((time) => zonedTime(time.decidedAtUtc, info.timeZone)?.date === today)
            .map((time) => (
              <HomeTile
                key={time.batchNumber}
                to="/batches"
                testId="home-decision"
                title={`${time.batchNumber} · ${time.decision === 'released' ? 'Released' : 'Rejected'}`}
                detail={`${shortLocalTime(time.decidedAtUtc, info.timeZone)} · ${time.hours.toFixed(1)} h after execution`}
                action="Batches"
              />
            ))}
        </TileGroup>
      ))}
    </HomeSection>
  );
}
