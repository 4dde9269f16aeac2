import { z } from "zod";
import { QuoteInput, QuoteView, ServiceView } from "@/lib/couriers/schemas";
import { operation } from "./types";

// The courier's services and their prices (lib/couriers/services.ts, lib/couriers/rates.ts).

export const listServices = operation({
  method: "GET",
  path: "/v1/services",
  operationId: "listServices",
  tag: "Services & rates",
  summary: "List services",
  description: "The courier's active services. Use a service's code in quotes and shipments.",
  auth: "token",
  permission: "services:list",
  action: "services.list",
  success: { status: 200, description: "The active services.", data: z.array(ServiceView) },
  errors: [],
});

export const quoteRates = operation({
  method: "POST",
  path: "/v1/rates/quote",
  operationId: "quoteRates",
  tag: "Services & rates",
  summary: "Quote rates",
  description:
    "Prices for every active service (or the one named) from the caller's rate table: the customer's linked table when X-Tenant names a customer that has one, else the tenant's default. Billable weight is the sum over parcels of max(actual, volumetric = L×W×H cm / 5000 kg). The price is the first weight band that holds it; above the top band, its price plus the extra price per started kg.",
  auth: "token",
  permission: "rates:quote",
  action: "rates.quote",
  body: QuoteInput,
  idempotent: true,
  success: { status: 200, description: "The quote.", data: QuoteView },
  errors: ["no_rate_table"],
});
