import { unknownEndpoint } from "@/lib/api/route";

// /api/v1 itself and any path below it that no route file serves: a 404 envelope for
// every method.
const notFound = unknownEndpoint<{ path?: string[] }>();

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const OPTIONS = notFound;
