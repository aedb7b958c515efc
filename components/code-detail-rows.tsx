import { Fragment } from "react";

/**
 * Rows of a details list (`<dl className="details">`) whose values are literal text, shown as
 * code: values to enter elsewhere exactly as written, headers exactly as sent.
 */
export function CodeDetailRows({ rows }: { rows: readonly (readonly [term: string, value: string])[] }) {
  return rows.map(([term, value]) => (
    <Fragment key={term}>
      <dt>{term}</dt>
      <dd>
        <code>{value}</code>
      </dd>
    </Fragment>
  ));
}
