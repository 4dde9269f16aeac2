// Below sm a table of this kind stacks: each row a block, each cell on its own line behind
// its column's name (the cell's data-label), so nothing needs sideways scrolling on a
// phone. The header row stays for screen readers (sr-only); its wrapper must be relative.
export const STACK = {
  table: "max-sm:block",
  head: "max-sm:sr-only",
  body: "max-sm:block",
  row: "max-sm:block max-sm:py-2",
  cell: "max-sm:flex max-sm:gap-3 max-sm:py-1 max-sm:before:w-20 max-sm:before:shrink-0 max-sm:before:text-xs max-sm:before:text-slate-500 max-sm:before:content-[attr(data-label)]",
};
