import { useCallback, useLayoutEffect, useRef, useState } from 'react';

interface Layout {
  /** The `left` of each sticky column: the widths of the sticky columns before it. */
  offsets: number[];
  /** Whether the table is wider than its scroll container. */
  overflowing: boolean;
}

const sameLayout = (a: Layout, b: Layout) =>
  a.overflowing === b.overflowing &&
  a.offsets.length === b.offsets.length &&
  a.offsets.every((offset, index) => offset === b.offsets[index]);

/**
 * Measures the table after each layout: where each of the first `sticky`
 * columns must stick (the second one sticks right of the first, whatever
 * its content made it) and whether the table scrolls sideways.
 */
export function useStickyOffsets(sticky: number) {
  const tableRef = useRef<HTMLTableElement>(null);
  const [layout, setLayout] = useState<Layout>({
    offsets: [],
    overflowing: false,
  });

  const measure = useCallback(() => {
    const table = tableRef.current;
    if (!table) {
      return;
    }
    const headerCells = Array.from(
      table.tHead?.rows[0]?.cells ?? [],
    ) as HTMLElement[];
    const offsets: number[] = [];
    let left = 0;
    for (let index = 0; index < sticky; index++) {
      offsets.push(left);
      left += headerCells[index]?.offsetWidth ?? 0;
    }
    const container = table.parentElement;
    const overflowing = container
      ? container.scrollWidth > container.clientWidth + 1
      : false;
    const next = { offsets, overflowing };
    setLayout(current => (sameLayout(current, next) ? current : next));
  }, [sticky]);

  useLayoutEffect(() => {
    measure();
  });

  useLayoutEffect(() => {
    const table = tableRef.current;
    if (!table || typeof ResizeObserver === 'undefined') {
      return undefined;
    }
    const observer = new ResizeObserver(() => measure());
    observer.observe(table);
    if (table.parentElement) {
      observer.observe(table.parentElement);
    }
    return () => observer.disconnect();
  }, [measure]);

  return { tableRef, ...layout };
}
