import { z } from "zod";

/**
 * Text from a search box or a filter in the URL. Anything with a control character (a NUL
 * would make PostgreSQL refuse the whole query) or longer than `max` is no search at all.
 * Pure: pages, route handlers and query parsers share it.
 */
export const searchText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .regex(/^[^\p{Cc}]*$/u)
    .optional()
    .catch(undefined);
