import { Fragment } from 'react';

/**
 * Text with line-break opportunities after dots, hyphens and commas, so that
 * long fact names (`dora.recoveryTimeMedianHours`) wrap between their parts
 * instead of mid-word. Copying the text copies it unchanged.
 */
export function BreakableText(props: { text: string }) {
  const parts = props.text.split(/(?<=[.,-])/);
  return (
    <>
      {parts.map((part, index) => (
        <Fragment key={index}>
          {part}
          {index < parts.length - 1 && <wbr />}
        </Fragment>
      ))}
    </>
  );
}
