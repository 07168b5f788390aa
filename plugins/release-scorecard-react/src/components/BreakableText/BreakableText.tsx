import { Fragment } from 'react';

/**
 * Text with line-break opportunities after dots, hyphens, slashes and
 * commas, so that long identifiers (`dora.recoveryTimeMedianHours`) wrap
 * between their parts, never inside a word. Copying the text copies it
 * unchanged.
 *
 * @public
 */
export function BreakableText(props: { text: string }) {
  const parts = props.text.split(/(?<=[.,/-])/);
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
