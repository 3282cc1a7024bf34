import { exceptionTypeLabels } from '../../../shared/batches/batch-status';
import { useBatchChanges } from '../batches/use-batch-changes';
import { useChannel } from '../ipc/use-channel';
import { shortLocalTime } from '../recipes/recipe-time';
import { useSystemInfo } from '../system/system-info-context';
import { HomeSection, HomeTile, TileGroup, whenReady } from './home-tiles';

/** The newest few; the exceptions screen lists them all. */
const OPEN_EXCEPTIONS_SHOWN = 4;

/** Supervisor: exceptions still open (overridden, deviating, manual) and batches on hold. */
export function SupervisorSection() {
  const exceptions = useChannel('batches.openExceptions', {});
  const batches = useChannel('batches.list', {});
  useBatchChanges(exceptions.reload);
  useBatchChanges(batches.reload);
  const { info } = useSystemInfo();
  return (
    <HomeSection
      title="Exceptions and holds"
      testId="home-supervisor"
      screen={{ to: '/exceptions', label: 'All exceptions' }}
    >
      {whenReady(exceptions.state, exceptions.reload, (open) => (
        <TileGroup
          heading="Open exceptions"
          total={open.length}
          empty="No exception is open."
          testId="home-open-exceptions"
        >
          {open.slice(0, OPEN_EXCEPTIONS_SHOWN).map((exception) => (
            <HomeTile
              key={exception.id}
              to={`/batches/${exception.batchId}`}
              testId="home-exception"
              title={`${exception.batchNumber} · ${exception.stepTitle}`}
              detail={`${exception.raisedByName}, ${shortLocalTime(exception.raisedAtUtc, info.timeZone)}`}
              attention={{
                tone: exception.severity === 'minor' ? 'warn' : 'fail',
                text: exceptionTypeLabels[exception.type],
              }}
              action="Open the batch"
            />
          ))}
        </TileGroup>
      ))}
      {whenReady(batches.state, batches.reload, (all) => (
        <TileGroup heading="On hold" empty="No batch is on hold." testId="home-on-hold">
          {all
            .filter((batch) => batch.status === 'on-hold')
            .map((batch) => (
              <HomeTile
                key={batch.id}
                to={`/batches/${batch.id}`}
                testId="home-batch-on-hold"
                title={batch.batchNumber}
                detail={`${batch.productName} · ${batch.stepsCompleted} of ${batch.stepCount} steps`}
                attention={{ tone: 'warn', text: 'On hold' }}
                action="Open to resume"
              />
            ))}
        </TileGroup>
      ))}
    </HomeSection>
  );
}
