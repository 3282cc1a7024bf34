import { EXPIRING_WITHIN_DAYS } from '../../../shared/qualification/standing';
import { useChannel } from '../ipc/use-channel';
import { HomeSection, HomeTile, TileGroup, whenReady } from './home-tiles';

/** Supervisor, administrator and trainer: qualifications that lapse soon, so retraining is planned in time. */
export function TrainingSection() {
  const expiring = useChannel('training.expiring', {});
  return (
    <HomeSection
      title="Training and qualification"
      testId="home-training"
      screen={{ to: '/training', label: 'Qualification matrix' }}
    >
      {whenReady(expiring.state, expiring.reload, (soon) => (
        <TileGroup
          heading={`Qualifications expiring within ${EXPIRING_WITHIN_DAYS} days`}
          empty="No qualification expires soon."
          testId="home-qualifications-expiring"
        >
          {soon.map((entry) => (
            <HomeTile
              key={`${entry.userId}-${entry.code}`}
              to={`/training/people/${entry.userId}`}
              testId="home-qualification-expiring"
              title={`${entry.fullName} · ${entry.name}`}
              detail={`expires ${entry.expiresOn} · ${entry.daysLeft} day${entry.daysLeft === 1 ? '' : 's'} left`}
              attention={{ tone: 'warn', text: 'Expires soon' }}
              action="Training record"
            />
          ))}
        </TileGroup>
      ))}
    </HomeSection>
  );
}
