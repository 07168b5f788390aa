import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { DateTime } from 'luxon';
import { FlagSnapshotStatus } from '@internal/plugin-release-scorecard-common';
import { formatTimestamp, providerTitle } from '../shared';

function relative(iso: string) {
  return DateTime.fromISO(iso).toRelative() ?? iso;
}

/** `Unleash as of 2 hours ago · LaunchDarkly as of 5 minutes ago` */
export function SnapshotAges(props: { snapshots: FlagSnapshotStatus[] }) {
  if (props.snapshots.length === 0) {
    return null;
  }
  return (
    <>
      {props.snapshots.map((snapshot, index) => (
        <span key={snapshot.provider}>
          {index > 0 && ' · '}
          {providerTitle(snapshot.provider)} as of{' '}
          <time
            dateTime={snapshot.refreshedAt}
            title={formatTimestamp(snapshot.refreshedAt)}
          >
            {relative(snapshot.refreshedAt)}
          </time>
        </span>
      ))}
    </>
  );
}

/**
 * A provider whose last refresh failed keeps its last good snapshot; say so,
 * so that nobody mistakes old flags for current ones.
 */
export function SnapshotErrors(props: { snapshots: FlagSnapshotStatus[] }) {
  const failing = props.snapshots.filter(snapshot => snapshot.lastError);
  if (failing.length === 0) {
    return null;
  }
  return (
    <>
      {failing.map(snapshot => (
        <Alert key={snapshot.provider} severity="warning">
          <Typography variant="body2">
            Could not refresh the flags from {providerTitle(snapshot.provider)}{' '}
            (last attempt {relative(snapshot.lastAttemptAt)}):{' '}
            {snapshot.lastError}
          </Typography>
          <Typography variant="body2">
            Showing the last good snapshot, from{' '}
            {relative(snapshot.refreshedAt)}.
          </Typography>
        </Alert>
      ))}
    </>
  );
}
