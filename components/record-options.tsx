/**
 * A select's options for choosing one record by its id: first the empty choice, labelled `none`
 * (what choosing nothing means: "Any reading", "No group"…), then one option per record.
 */
export function RecordOptions<Item extends { id: string }>({
  none,
  items,
  labelOf,
}: {
  none: string;
  items: readonly Item[];
  labelOf: (item: Item) => string;
}) {
  return (
    <>
      <option value="">{none}</option>
      {items.map((item) => (
        <option key={item.id} value={item.id}>
          {labelOf(item)}
        </option>
      ))}
    </>
  );
}
