import { useChannel } from '../ipc/use-channel';
import { HomeSection, HomeTile, TileGroup, whenReady } from './home-tiles';

const EXPIRING_WITHIN_DAYS = 30;

/** Material handler: lots still waiting for QA in quarantine, and usable lots about to expire or need a retest. */
export function MaterialHandlerSection() {
  const quarantined = useChannel('lots.list', { status: 'quarantine' });
  const expiring = useChannel('lots.list', { expiringWithinDays: EXPIRING_WITHIN_DAYS });
  return (
    <HomeSection
      title="Materials and lots"
      testId="home-materials"
      screen={{ to: '/materials', label: 'Materials' }}
    >
      {whenReady(quarantined.state, quarantined.reload, (lots) => (
        <TileGroup
          heading="In quarantine, waiting for QA"
          empty="No lot waits in quarantine."
          testId="home-lots-quarantine"
        >
          {lots.map((lot) => (
            <HomeTile
              key={lot.id}
              to="/materials"
              testId="home-lot-quarantine"
              title={`${lot.lotNumber} · ${lot.materialName}`}
              detail={`${lot.supplier} lot ${lot.supplierLot} · received ${lot.receivedDate}`}
              action="Materials"
            />
          ))}
        </TileGroup>
      ))}
      {whenReady(expiring.state, expiring.reload, (lots) => (
        <TileGroup
          heading={`Expiring or due for retest within ${EXPIRING_WITHIN_DAYS} days`}
          empty="No usable lot expires or needs a retest soon."
          testId="home-lots-expiring"
        >
          {lots.map((lot) => (
            <HomeTile
              key={lot.id}
              to="/materials"
              testId="home-lot-expiring"
              title={`${lot.lotNumber} · ${lot.materialName}`}
              detail={`expires ${lot.expiryDate}${lot.retestDate ? ` · retest ${lot.retestDate}` : ''} · ${lot.remainingQuantity} ${lot.unit} left`}
              attention={{ tone: 'warn', text: 'Expires soon' }}
              action="Materials"
            />
          ))}
        </TileGroup>
      ))}
    </HomeSection>
  );
}
