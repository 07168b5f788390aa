import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CodeSnippet } from '@backstage/core-components';
import { discoveryApiRef, useApi } from '@backstage/core-plugin-api';
import { normalizeEntityRef } from '@internal/plugin-release-scorecard-common';
import useAsync from 'react-use/esm/useAsync';
import {
  FLAG_PROVIDER_ANNOTATIONS,
  getFlagProviderAnnotations,
} from '../../annotations';
import { RELEASE_SCORECARD_PLUGIN_ID } from '../../api/FlagOverviewClient';
import { providerTitle } from '../shared';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1.5),
  },
}));

/** The push API call that sends a flag snapshot for this entity from CI. */
export function buildIngestCurl(options: {
  baseUrl: string;
  entityRef: string;
  provider: string;
}) {
  const body = {
    entityRef: options.entityRef,
    provider: options.provider,
    flags: [
      {
        key: 'new-checkout',
        type: 'release',
        temporary: true,
        environments: [
          { name: 'production', enabled: true, rolloutPercent: 25 },
        ],
      },
    ],
  };
  return [
    `curl -X PUT '${options.baseUrl}/ingest/flags' \\`,
    `  -H "Authorization: Bearer $RELEASE_SCORECARD_CI_TOKEN" \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d '${JSON.stringify(body, null, 2)}'`,
  ].join('\n');
}

function AnnotationExample() {
  return (
    <CodeSnippet
      language="yaml"
      text={[
        'metadata:',
        '  annotations:',
        '    # one of',
        ...FLAG_PROVIDER_ANNOTATIONS.map(
          ({ annotation }) => `    ${annotation}: <project>`,
        ),
      ].join('\n')}
    />
  );
}

/**
 * What to do when the backend holds no flags for the entity: map it to a
 * provider project with an annotation, or push the flags from CI.
 */
export function FlagsEmptyState(props: { entity: Entity }) {
  const classes = useStyles();
  const discoveryApi = useApi(discoveryApiRef);
  const { value: baseUrl } = useAsync(
    () => discoveryApi.getBaseUrl(RELEASE_SCORECARD_PLUGIN_ID),
    [discoveryApi],
  );
  const configured = getFlagProviderAnnotations(props.entity);
  const entityRef =
    normalizeEntityRef(stringifyEntityRef(props.entity)) ??
    stringifyEntityRef(props.entity);
  const curl = buildIngestCurl({
    baseUrl: baseUrl ?? 'https://backstage.example.com/api/release-scorecard',
    entityRef,
    provider: configured[0]?.provider ?? 'unleash',
  });

  return (
    <div className={classes.root}>
      {configured.length === 0 ? (
        <>
          <Typography variant="h6" component="p">
            No feature flags for this entity yet
          </Typography>
          <Typography variant="body2">
            Map it to a project in your flag provider with one of the
            annotations <code>unleash.io/project-id</code>,{' '}
            <code>launchdarkly.com/project-key</code> or{' '}
            <code>flagsmith.com/project-id</code> in its{' '}
            <code>catalog-info.yaml</code>; the Release Scorecard then polls the
            provider on a schedule.
          </Typography>
          <AnnotationExample />
        </>
      ) : (
        <>
          <Typography variant="h6" component="p">
            No flags received yet
          </Typography>
          <Typography variant="body2">
            This entity is mapped to{' '}
            {configured.map((item, index) => (
              <span key={item.annotation}>
                {index > 0 && ', '}
                {providerTitle(item.provider)} project <code>{item.value}</code>{' '}
                (<code>{item.annotation}</code>)
              </span>
            ))}
            , but no snapshot has arrived. Check that the provider is configured
            in the backend (base URL and token) and that the project exists; the
            next scheduled poll will fill this card.
          </Typography>
        </>
      )}
      <Typography variant="body2">
        Flags can also be pushed from a CI pipeline with a service token; each
        call replaces the entity's snapshot for that provider:
      </Typography>
      <CodeSnippet language="bash" text={curl} showCopyCodeButton />
    </div>
  );
}
