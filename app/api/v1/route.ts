import { unknownEndpoint } from "@/lib/api/route";

// /api/v1 (and /v1) itself: the same 404 envelope as an unknown path below it.
const notFound = unknownEndpoint<Record<string, never>>();

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const OPTIONS = notFound;
