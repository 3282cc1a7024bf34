import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { exportVerifyInput, type ExportVerificationView } from '../../../shared/contract/records';
import { fieldError } from '../forms/field-error';
import { useSubmit } from '../forms/use-submit';
import { call } from '../ipc/client';
import { useSystemInfo } from '../system/system-info-context';
import { FormError } from '../ui/form-error';
import { Panel } from '../ui/panel';
import { ScreenHeader } from '../ui/screen-header';
import { TextField } from '../ui/text-field';
import { VerificationReport } from './verification-report';
import { VERIFY_FOLDER_PARAM } from './verify-link';
import '../styles/records.css';

/**
 * "Verify a package" (A11-4.8): the check `ebr verify-export` makes, with no database needed, plus
 * which terminal of this workstation's register signed it. Reads the folder; writes nothing.
 */
export function VerifyPackageScreen() {
  const { info } = useSystemInfo();
  const [params] = useSearchParams();
  const [folder, setFolder] = useState(params.get(VERIFY_FOLDER_PARAM) ?? '');
  const [fingerprint, setFingerprint] = useState('');
  const [tried, setTried] = useState(false);
  const [report, setReport] = useState<ExportVerificationView | null>(null);
  const { pending, error, run } = useSubmit();
  const folderError = fieldError(exportVerifyInput.shape.directory, folder);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (folderError) return;
    setReport(null);
    const trusted = fingerprint.trim();
    const answer = await run(() =>
      call('exports.verify', {
        directory: folder.trim(),
        ...(trusted ? { trustedFingerprint: trusted } : {}),
      }),
    );
    if (answer) setReport(answer);
  };

  return (
    <div className="screen verify-package-screen" data-testid="verify-package-screen">
      <ScreenHeader
        title="Verify a package"
        purpose="Checks an export package folder as an inspector would with openssl and sha256sum: the signature of its manifest, the terminal that signed it, and every file against its SHA-256. Nothing is written; the check needs no database."
      />
      <div className="panels">
        <Panel title="Package folder" wide>
          <form className="form" onSubmit={submit} noValidate data-testid="verify-package-form">
            <TextField
              label="Package folder"
              value={folder}
              onChange={setFolder}
              error={tried ? folderError : undefined}
              hint="Full path of the folder holding manifest.json, e.g. /media/qa/USB-01/EBR-B2026-0042-20261102T080000Z."
              code
              wide
              testId="verify-package-folder"
            />
            <TextField
              label="Trusted fingerprint (optional)"
              value={fingerprint}
              onChange={setFingerprint}
              hint="The exporting terminal’s key fingerprint from the terminal register (64 hexadecimal digits; spaces allowed). Given, a package signed by any other key fails."
              code
              wide
              testId="verify-package-fingerprint"
            />
            <FormError error={error?.toData() ?? null} testId="verify-package-error" />
            <div className="form__actions">
              <button
                type="submit"
                className="button button--primary button--large"
                disabled={pending}
                data-testid="verify-package-submit"
              >
                {pending ? 'Verifying…' : 'Verify package'}
              </button>
            </div>
          </form>
        </Panel>
        {report ? (
          <Panel title="Report" wide>
            <VerificationReport report={report} timeZone={info.timeZone} />
          </Panel>
        ) : null}
      </div>
    </div>
  );
}
