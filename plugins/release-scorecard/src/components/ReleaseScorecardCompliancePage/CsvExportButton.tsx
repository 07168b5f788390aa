import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import GetAppIcon from '@material-ui/icons/GetApp';
import { useState } from 'react';
import { ComplianceFilter, releaseScorecardApiRef } from '../../api';
import { downloadBlob } from './downloadBlob';

export const CSV_FILE_NAME = 'release-scorecard-compliance.csv';

/** Downloads the whole filtered view (every page) as CSV. */
export function CsvExportButton(props: { filter: ComplianceFilter }) {
  const api = useApi(releaseScorecardApiRef);
  const alertApi = useApi(alertApiRef);
  const [busy, setBusy] = useState(false);

  const exportCsv = async () => {
    setBusy(true);
    try {
      downloadBlob(
        await api.downloadComplianceCsv(props.filter),
        CSV_FILE_NAME,
      );
    } catch (error) {
      alertApi.post({
        message: `Could not export the compliance view: ${
          (error as Error).message
        }`,
        severity: 'error',
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button
      variant="outlined"
      color="primary"
      onClick={exportCsv}
      disabled={busy}
      startIcon={busy ? <CircularProgress size={16} /> : <GetAppIcon />}
    >
      Export CSV
    </Button>
  );
}
