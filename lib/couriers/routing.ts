/**
 * The sort code printed large on a label, read by a depot at a glance to route the parcel.
 * Derived from the destination alone, so the same address always gives the same code and
 * any depot can work it out again without a lookup table:
 *
 *   country · depot · route       e.g.  DE 10 11   (10115 Berlin)
 *                                        GB SW 1A   (SW1A 1AA London)
 *
 * - country: the ISO 3166-1 alpha-2 code, as stored (upper case);
 * - depot: the first two characters of the postal code, spaces and dashes removed, upper
 *   case (in most postal systems the leading characters name the region);
 * - route: the next two characters, "0"-padded when the code is shorter.
 *
 * Pure: labels (PDF and ZPL) and tests share it.
 */
export interface SortCode {
  country: string;
  depot: string;
  route: string;
}

export function sortCode(destination: { country: string; postal_code: string }): SortCode {
  const postal = destination.postal_code.toUpperCase().replace(/[^A-Z0-9]/g, "");
  const padded = postal.padEnd(4, "0");
  return { country: destination.country.toUpperCase(), depot: padded.slice(0, 2), route: padded.slice(2, 4) };
}

/** "DE 10 11": how the code is printed and read out. */
export function formatSortCode(code: SortCode): string {
  return `${code.country} ${code.depot} ${code.route}`;
}
