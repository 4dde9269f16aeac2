import { CreateShipmentInput, LabelQuery, ShipmentListQuery, ShipmentView, TrackingView } from "@/lib/couriers/schemas";
import { operation, type PathParam } from "./types";

// Shipments, their tracking and their labels (lib/couriers/shipments.ts, lib/couriers/labels.ts).

const awb: PathParam = { name: "awb", description: "The shipment's AWB (11 digits with a check digit)", example: "40318275562" };

export const createShipment = operation({
  method: "POST",
  path: "/v1/shipments",
  operationId: "createShipment",
  tag: "Shipments",
  summary: "Create a shipment",
  description:
    "Books a shipment: priced from the caller's rate table, status `created`, a first tracking event, and a new AWB. It belongs to the customer X-Tenant names (none for the tenant's own Client ID). Shipments made with a test token move through their statuses by themselves within about four minutes.",
  auth: "token",
  permission: "shipments:create",
  action: "shipments.create",
  body: CreateShipmentInput,
  idempotent: true,
  success: { status: 201, description: "The new shipment.", data: ShipmentView },
  errors: ["no_rate_table"],
});

export const listShipments = operation({
  method: "GET",
  path: "/v1/shipments",
  operationId: "listShipments",
  tag: "Shipments",
  summary: "List shipments",
  description:
    "The scope's shipments of the token's environment, newest first, filtered by status and creation date. `meta.total` counts the matches up to 1,000 (`meta.total_exact` is false when there are more). For the next page pass `meta.next_cursor` as `cursor`: every page then costs what the first does. `page` still works but skips the pages before it, so use it for the first few pages only and `cursor` for deep ones.",
  auth: "token",
  permission: "shipments:read",
  action: "shipments.read",
  query: ShipmentListQuery,
  success: { status: 200, description: "One page of shipments.", data: ShipmentView, list: true },
  errors: [],
});

export const getShipment = operation({
  method: "GET",
  path: "/v1/shipments/{awb}",
  operationId: "getShipment",
  tag: "Shipments",
  summary: "Get a shipment",
  description: "One shipment. Another customer's or environment's AWB answers 404, as one that does not exist.",
  auth: "token",
  permission: "shipments:read",
  action: "shipments.read",
  pathParams: [awb],
  success: { status: 200, description: "The shipment.", data: ShipmentView },
  errors: ["not_found"],
});

export const cancelShipment = operation({
  method: "DELETE",
  path: "/v1/shipments/{awb}",
  operationId: "cancelShipment",
  tag: "Shipments",
  summary: "Cancel a shipment",
  description: "Cancels a shipment that has not been picked up yet; afterwards 409 `shipment_not_cancellable`.",
  auth: "token",
  permission: "shipments:cancel",
  action: "shipments.cancel",
  pathParams: [awb],
  success: { status: 200, description: "The cancelled shipment.", data: ShipmentView },
  errors: ["not_found", "shipment_not_cancellable"],
});

export const trackShipment = operation({
  method: "GET",
  path: "/v1/shipments/{awb}/track",
  operationId: "trackShipment",
  tag: "Shipments",
  summary: "Track a shipment",
  description: "The shipment's tracking events, oldest first.",
  auth: "token",
  permission: "tracking:read",
  action: "tracking.read",
  pathParams: [awb],
  success: { status: 200, description: "Status and events.", data: TrackingView },
  errors: ["not_found"],
});

export const getLabel = operation({
  method: "GET",
  path: "/v1/shipments/{awb}/label",
  operationId: "getLabel",
  tag: "Shipments",
  summary: "Print the label",
  description:
    "A one-page 4×6 in (288×432 pt) PDF label with sender, recipient, service, weight, reference and the AWB as a Code 128 barcode; `?format=zpl` returns ZPL II for 203 dpi thermal printers. A cancelled shipment has no label (409 `shipment_cancelled`).",
  auth: "token",
  permission: "labels:read",
  action: "labels.read",
  pathParams: [awb],
  query: LabelQuery,
  success: {
    status: 200,
    description: "The label.",
    media: {
      "application/pdf": { description: "PDF, 288×432 pt" },
      "text/plain": {
        description: "ZPL II (with ?format=zpl)",
        example: "^XA\n^CI28\n^PW812\n…\n^FO60,920^BY3^BCN,220,Y,N,N^FD40318275562^FS\n^XZ",
      },
    },
  },
  errors: ["not_found", "shipment_cancelled"],
});
