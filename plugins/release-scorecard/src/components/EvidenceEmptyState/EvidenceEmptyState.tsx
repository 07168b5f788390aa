import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CodeSnippet } from '@backstage/core-components';
import { discoveryApiRef, useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  EVIDENCE_SOURCES,
  EvidenceKind,
  ingestCurlCommand,
} from './evidenceSources';

const useStyles = makeStyles(theme => ({
  root: {
    padding: theme.spacing(2),
    border: `1px dashed ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
  },
  list: {
    margin: theme.spacing(1, 0),
    paddingLeft: theme.spacing(3),
  },
  code: {
    fontFamily: 'monospace',
  },
}));

/**
 * Says which evidence is missing for the entity and how to send it: the
 * catalog annotation that connects a webhook source, and a `curl` for the
 * push API that can be copied and run from a CI job.
 */
export function EvidenceEmptyState(props: {
  entity: Entity;
  evidence: EvidenceKind;
}) {
  const { entity, evidence } = props;
  const classes = useStyles();
  const discoveryApi = useApi(discoveryApiRef);
  const { value: baseUrl } = useAsync(
    () => discoveryApi.getBaseUrl('release-scorecard'),
    [discoveryApi],
  );
  const source = EVIDENCE_SOURCES[evidence];
  const entityRef = stringifyEntityRef(entity);
  const annotations = entity.metadata.annotations ?? {};
  const missing = source.annotations.filter(
    ({ annotation }) => !annotations[annotation],
  );
  const curl = useMemo(
    () =>
      ingestCurlCommand(
        baseUrl ?? '/api/release-scorecard',
        source,
        entityRef,
        new Date(),
      ),
    [baseUrl, source, entityRef],
  );
  const yaml = [
    'metadata:',
    '  annotations:',
    ...missing.map(
      ({ annotation, example }) => `    ${annotation}: ${example}`,
    ),
  ].join('\n');

  return (
    <Box
      className={classes.root}
      component="section"
      aria-label={`How to send ${source.noun}`}
    >
      <Typography variant="subtitle1" component="h3">
        No {source.noun} for {entity.metadata.title ?? entity.metadata.name} yet
      </Typography>
      <Typography variant="body2" color="textSecondary">
        The scorecard reads {source.noun} from these sources:
      </Typography>
      <ul className={classes.list}>
        {source.annotations.map(({ annotation, brings }) => (
          <li key={annotation}>
            <Typography variant="body2">
              <span className={classes.code}>{annotation}</span> — {brings}
              {annotations[annotation]
                ? ` (set to ${annotations[annotation]}: check that the webhook delivers)`
                : ' (not set)'}
            </Typography>
          </li>
        ))}
      </ul>
      {missing.length > 0 && (
        <>
          <Typography variant="body2">
            Add the annotation of your tool to catalog-info.yaml:
          </Typography>
          <CodeSnippet text={yaml} language="yaml" />
        </>
      )}
      <Box marginTop={2}>
        <Typography variant="body2">
          Or send {source.noun} from CI with the push API (a service token in{' '}
          <span className={classes.code}>RELEASE_SCORECARD_CI_TOKEN</span>):
        </Typography>
        <CodeSnippet
          text={curl}
          language="bash"
          showCopyCodeButton
          wrapLongLines
        />
      </Box>
    </Box>
  );
}
