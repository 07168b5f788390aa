import Typography from '@material-ui/core/Typography';
import { Link } from '@backstage/core-components';
import { FeatureFlag } from '@internal/plugin-release-scorecard-common';
import { providerTitle } from './flagPresentation';

/** The flag key, linked to the flag in its provider, with its name below. */
export function FlagName(props: { flag: FeatureFlag }) {
  const { flag } = props;
  const key = <code>{flag.key}</code>;
  return (
    <>
      {flag.url ? (
        <Link
          to={flag.url}
          externalLinkIcon
          aria-label={`${flag.key} in ${providerTitle(flag.provider)}`}
        >
          {key}
        </Link>
      ) : (
        key
      )}
      {flag.name && flag.name !== flag.key && (
        <Typography variant="body2" color="textSecondary">
          {flag.name}
        </Typography>
      )}
    </>
  );
}
