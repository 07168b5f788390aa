import { formatAge, formatTimestamp } from './flagPresentation';

/** The flag's age, with the exact creation time on hover. */
export function FlagAge(props: { createdAt?: string }) {
  const age = formatAge(props.createdAt);
  if (!age || !props.createdAt) {
    return <>—</>;
  }
  return (
    <time dateTime={props.createdAt} title={formatTimestamp(props.createdAt)}>
      {age}
    </time>
  );
}
