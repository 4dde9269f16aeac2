import { CreatePickupInput, PickupView, pickupExample } from "@/lib/couriers/schemas";
import { operation, type PathParam } from "./types";

// Pickups: the courier collects parcels at an address (lib/couriers/pickups.ts).

const id: PathParam = { name: "id", description: "The pickup's id", example: "cmpickup123" };

export const createPickup = operation({
  method: "POST",
  path: "/v1/pickups",
  operationId: "createPickup",
  tag: "Pickups",
  summary: "Book a pickup",
  description:
    "Asks the courier to collect parcels at an address within a time window (at most 24 hours, starting within 30 days). Pickups booked with a test token are completed by themselves after two minutes.",
  auth: "token",
  permission: "pickups:create",
  action: "pickups.create",
  body: CreatePickupInput,
  bodyExample: pickupExample,
  idempotent: true,
  success: { status: 201, description: "The booked pickup.", data: PickupView },
  errors: [],
});

export const getPickup = operation({
  method: "GET",
  path: "/v1/pickups/{id}",
  operationId: "getPickup",
  tag: "Pickups",
  summary: "Get a pickup",
  description: "One pickup of the scope and environment; any other id is 404.",
  auth: "token",
  permission: "pickups:read",
  action: "pickups.read",
  pathParams: [id],
  success: { status: 200, description: "The pickup.", data: PickupView },
  errors: ["not_found"],
});

export const cancelPickup = operation({
  method: "DELETE",
  path: "/v1/pickups/{id}",
  operationId: "cancelPickup",
  tag: "Pickups",
  summary: "Cancel a pickup",
  description: "Cancels a scheduled pickup; a completed (or already cancelled) one is 409 `pickup_not_cancellable`.",
  auth: "token",
  permission: "pickups:cancel",
  action: "pickups.cancel",
  pathParams: [id],
  success: { status: 200, description: "The cancelled pickup.", data: PickupView },
  errors: ["not_found", "pickup_not_cancellable"],
});
