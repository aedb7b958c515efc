import type { ReactNode } from "react";

/**
 * A list shown as a table, the same on every page: it scrolls sideways on a narrow screen, its
 * caption names it for screen readers, and each column has a heading. `actionsColumn` adds a last
 * column for the rows' buttons, its heading ("Actions") for screen readers only. The rows are the
 * children (`<tr>`s whose first cell is a row heading where a row has a name).
 */
export function DataTable({
  caption,
  columns,
  actionsColumn = false,
  children,
}: {
  caption: string;
  columns: readonly string[];
  actionsColumn?: boolean;
  children: ReactNode;
}) {
  return (
    <div className="table-scroll">
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
            {actionsColumn ? (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
