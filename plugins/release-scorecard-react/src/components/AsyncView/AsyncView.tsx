import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { ReactNode } from 'react';

/**
 * The state of a request, as react-use's useAsync reports it.
 *
 * @public
 */
export interface RequestState<T> {
  loading: boolean;
  error?: Error;
  value?: T;
}

/**
 * Shows progress while `state` loads, the error panel if it failed, else
 * `children(value)`.
 *
 * @public
 */
export function AsyncView<T>(props: {
  state: RequestState<T>;
  children: (value: T) => ReactNode;
}) {
  const { state, children } = props;
  if (state.loading) {
    return <Progress />;
  }
  if (state.error) {
    return <ResponseErrorPanel error={state.error} />;
  }
  if (state.value === undefined) {
    return null;
  }
  return <>{children(state.value)}</>;
}
