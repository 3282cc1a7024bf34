import { instrumentKindLabels } from '../../../shared/instruments/instrument-kinds';
import { useChannel } from '../ipc/use-channel';
import { shortLocalTime } from '../recipes/recipe-time';
import { useSystemInfo } from '../system/system-info-context';
import { HomeSection, HomeTile, TileGroup, whenReady } from './home-tiles';

const DAY = 24 * 3_600_000;
/** The start page looks two weeks ahead, so calibrations can be booked in time. */
const CALIBRATION_LOOKAHEAD_DAYS = 14;
const RECENT_EXPORTS = 5;

/** Technician: instruments out of service or due for calibration, the last backup, recent exports. */
export function TechnicianSection() {
  const instruments = useChannel('instruments.list', {});
  const backups = useChannel('backup.list', {});
  const schedule = useChannel('backup.settings.get', {});
  const exports = useChannel('exports.recent', {});
  const { info } = useSystemInfo();
  const now = Date.now();
  return (
    <HomeSection
      title="Instruments, backups and exports"
      testId="home-technician"
      screen={{ to: '/instruments', label: 'Instruments' }}
    >
      {whenReady(instruments.state, instruments.reload, (all) => {
        const inUse = all.filter((instrument) => instrument.status !== 'retired');
        const due = inUse.filter(
          (instrument) =>
            instrument.status === 'active' &&
            instrument.calibrationDueUtc !== null &&
            Date.parse(instrument.calibrationDueUtc) <= now + CALIBRATION_LOOKAHEAD_DAYS * DAY,
        );
        return (
          <>
            <TileGroup
              heading="Out of service"
              empty="Every instrument is in service."
              testId="home-out-of-service"
            >
              {inUse
                .filter((instrument) => instrument.status === 'out-of-service')
                .map((instrument) => (
                  <HomeTile
                    key={instrument.id}
                    to="/instruments"
                    testId="home-instrument-out"
                    title={`${instrument.assetId} · ${instrument.model}`}
                    detail={instrumentKindLabels[instrument.kind]}
                    attention={{ tone: 'fail', text: 'Out of service' }}
                    action="Instruments"
                  />
                ))}
            </TileGroup>
            <TileGroup
              heading={`Calibration due within ${CALIBRATION_LOOKAHEAD_DAYS} days or overdue`}
              empty="No calibration falls due in the next two weeks."
              testId="home-calibration-due"
            >
              {due.map((instrument) => {
                const overdue = Date.parse(instrument.calibrationDueUtc!) < now;
                return (
                  <HomeTile
                    key={instrument.id}
                    to="/instruments"
                    testId="home-calibration"
                    title={`${instrument.assetId} · ${instrument.model}`}
                    detail={`Calibration due ${shortLocalTime(instrument.calibrationDueUtc!, info.timeZone)}`}
                    attention={
                      overdue ? { tone: 'fail', text: 'Overdue' } : { tone: 'warn', text: 'Due soon' }
                    }
                    action="Instruments"
                  />
                );
              })}
            </TileGroup>
          </>
        );
      })}
      {whenReady(backups.state, backups.reload, (list) => {
        const last = [...list].sort((a, b) => b.atUtc.localeCompare(a.atUtc))[0];
        const stale =
          last === undefined || (schedule.state.status === 'ready' && schedule.state.value.dueNow);
        return (
          <TileGroup heading="Last backup" empty="" testId="home-backup">
            {[
              <HomeTile
                key="backup"
                to="/backup"
                testId="home-last-backup"
                title={last ? shortLocalTime(last.atUtc, info.timeZone) : 'No backup yet'}
                detail={last ? `${last.file} in ${last.folder}` : 'Nothing of this store is backed up.'}
                attention={
                  stale ? { tone: 'warn', text: last ? 'Stale: a backup is due' : 'Never backed up' } : null
                }
                action="Backup"
              />,
            ]}
          </TileGroup>
        );
      })}
      {whenReady(exports.state, exports.reload, (recent) => (
        <TileGroup
          heading="Export packages written recently"
          empty="No export package written yet."
          testId="home-exports"
        >
          {recent.slice(0, RECENT_EXPORTS).map((written) => (
            <HomeTile
              key={`${written.packageName}-${written.atUtc}`}
              to="/exports"
              testId="home-export"
              title={`${written.batchNumber} · ${written.packageName}`}
              detail={`${shortLocalTime(written.atUtc, info.timeZone)} · ${written.exportedByName} · ${written.directory}`}
              action="Export"
            />
          ))}
        </TileGroup>
      ))}
    </HomeSection>
  );
}
