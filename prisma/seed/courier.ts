import type { Prisma, PrismaClient, ShipmentStatus } from "@prisma/client";
import { awbCheckDigit, generateAwb } from "@/lib/couriers/awb";
import { DEMO_TENANT } from "@/prisma/seed/demo-accounts";
import type { SeededTenant } from "@/prisma/seed/tenant";

// Plain data and Prisma calls only (no lib/db): the seed script and the tests pass their client.

type Bands = [maxGrams: number, priceCents: number][];

const SERVICES = [
  { code: "EXPRESS", name: "Express 24h", description: "Next working day by 18:00, tracked, signature on delivery.", active: true },
  { code: "STANDARD", name: "Standard", description: "2–3 working days, tracked.", active: true },
  { code: "ECONOMY", name: "Economy", description: "3–5 working days, the lowest price for heavy parcels.", active: true },
  { code: "SAMEDAY", name: "Same Day City", description: "Collected and delivered the same day within the city.", active: false },
];

const STANDARD_TARIFF: Record<string, { bands: Bands; extraPerKgCents: number }> = {
  EXPRESS: {
    bands: [
      [1000, 990],
      [2000, 1190],
      [5000, 1490],
      [10000, 1990],
      [20000, 2790],
    ],
    extraPerKgCents: 150,
  },
  STANDARD: {
    bands: [
      [1000, 590],
      [2000, 690],
      [5000, 890],
      [10000, 1290],
      [20000, 1890],
    ],
    extraPerKgCents: 95,
  },
  ECONOMY: {
    bands: [
      [2000, 490],
      [5000, 690],
      [10000, 990],
      [20000, 1490],
      [31500, 1990],
    ],
    extraPerKgCents: 70,
  },
  SAMEDAY: {
    bands: [
      [5000, 2490],
      [20000, 3490],
    ],
    extraPerKgCents: 200,
  },
};

/** The negotiated table of the demo tenant's first customer: about 15 % below the tariff. */
const CONTRACT_TARIFF: Record<string, { bands: Bands; extraPerKgCents: number }> = {
  EXPRESS: {
    bands: [
      [1000, 840],
      [2000, 1010],
      [5000, 1270],
      [10000, 1690],
      [20000, 2370],
    ],
    extraPerKgCents: 130,
  },
  STANDARD: {
    bands: [
      [1000, 500],
      [2000, 590],
      [5000, 760],
      [10000, 1100],
      [20000, 1610],
    ],
    extraPerKgCents: 80,
  },
  ECONOMY: {
    bands: [
      [2000, 420],
      [5000, 590],
      [10000, 840],
      [20000, 1270],
      [31500, 1690],
    ],
    extraPerKgCents: 60,
  },
};

const withCheck = (body: string) => body + String(awbCheckDigit(body));

/** Fixed objects the end-to-end tests rely on: a picked-up shipment and a completed pickup of the first customer (live). */
export const DEMO_PICKED_UP_AWB = withCheck("7000000001");
export const DEMO_COMPLETED_PICKUP_ID = "demopickupcompleted01";

export interface SeededCatalog {
  services: Record<string, string>;
  defaultTableId: string;
  contractTableId: string;
}

/** Services and two rate tables (the tenant default, and a contract table linked to `contractCustomerId`). */
export async function seedCatalog(prisma: PrismaClient, tenantId: string, contractCustomerId: string | null): Promise<SeededCatalog> {
  const services: Record<string, string> = {};
  for (const s of SERVICES) services[s.code] = (await prisma.service.create({ data: { ...s, tenantId } })).id;
  const table = async (name: string, tariff: typeof STANDARD_TARIFF) =>
    prisma.rateTable.create({
      data: {
        tenantId,
        name,
        currency: "EUR",
        rules: {
          create: Object.entries(tariff).map(([code, rule]) => ({
            serviceId: services[code] ?? "",
            bands: rule.bands.map(([maxGrams, priceCents]) => ({ maxGrams, priceCents })),
            extraPerKgCents: rule.extraPerKgCents,
          })),
        },
      },
    });
  const standard = await table("Standard tariff 2026", STANDARD_TARIFF);
  const contract = await table("Contract tariff (key accounts)", CONTRACT_TARIFF);
  await prisma.tenant.update({ where: { id: tenantId }, data: { defaultRateTableId: standard.id } });
  if (contractCustomerId) await prisma.customer.update({ where: { id: contractCustomerId }, data: { rateTableId: contract.id } });
  return { services, defaultTableId: standard.id, contractTableId: contract.id };
}

const WAREHOUSES = [
  {
    name: "Dispatch Team",
    company: "Northwind Outfitters",
    street1: "Lagerweg 12",
    city: "Hamburg",
    postal_code: "20539",
    country: "DE",
    phone: "+49 40 5550123",
  },
  {
    name: "Shipping Desk",
    company: "Blue Harbor Books",
    street1: "Kaistraße 4",
    city: "Bremen",
    postal_code: "28217",
    country: "DE",
    phone: "+49 421 555010",
  },
  { name: "Outbound", company: "Demo Courier Hub", street1: "Am Güterbahnhof 3", city: "Hannover", postal_code: "30159", country: "DE" },
] as const;

const RECIPIENTS = [
  { name: "Jana Novak", street1: "Kastanienallee 21", city: "Berlin", postal_code: "10435", country: "DE", phone: "+49 30 5550199" },
  { name: "Lukas Berger", street1: "Leopoldstraße 80", city: "München", postal_code: "80802", country: "DE" },
  { name: "Sofia Rossi", street1: "Via Torino 15", city: "Milano", postal_code: "20123", country: "IT" },
  { name: "Emma de Vries", street1: "Prinsengracht 263", city: "Amsterdam", postal_code: "1016 GV", country: "NL" },
  { name: "Tomás García", street1: "Calle de Alcalá 42", city: "Madrid", postal_code: "28014", country: "ES" },
] as const;

const STEPS: { status: ShipmentStatus; description: string; where: "sender" | "hub" | "recipient"; hoursAfter: number }[] = [
  { status: "CREATED", description: "Shipment data received", where: "sender", hoursAfter: 0 },
  { status: "PICKED_UP", description: "Picked up from sender", where: "sender", hoursAfter: 6 },
  { status: "IN_TRANSIT", description: "Departed origin hub", where: "hub", hoursAfter: 14 },
  { status: "OUT_FOR_DELIVERY", description: "Out for delivery", where: "recipient", hoursAfter: 26 },
  { status: "DELIVERED", description: "Delivered", where: "recipient", hoursAfter: 30 },
];

/** Services, rate tables, shipments with tracking and pickups for the demo tenant. */
export async function seedCourierData(prisma: PrismaClient, tenant: SeededTenant): Promise<void> {
  // By name: SeededTenant lists customers alphabetically.
  const northwind = tenant.customers.find((c) => c.name === DEMO_TENANT.customers[0]);
  const blueHarbor = tenant.customers.find((c) => c.name === DEMO_TENANT.customers[1]);
  const catalog = await seedCatalog(prisma, tenant.id, northwind?.id ?? null);
  const now = Date.now();
  const hour = 3_600_000;

  const shipments: {
    customer: typeof northwind | null;
    sender: number;
    recipient: number;
    service: string;
    status: ShipmentStatus;
    hoursAgo: number;
    grams: number;
    price: number;
    awb?: string;
    environment?: "LIVE" | "TEST";
    reference: string;
  }[] = [
    {
      customer: northwind,
      sender: 0,
      recipient: 0,
      service: "STANDARD",
      status: "DELIVERED",
      hoursAgo: 96,
      grams: 1800,
      price: 590,
      reference: "NW-10421",
    },
    {
      customer: northwind,
      sender: 0,
      recipient: 1,
      service: "EXPRESS",
      status: "IN_TRANSIT",
      hoursAgo: 20,
      grams: 900,
      price: 840,
      reference: "NW-10433",
    },
    {
      customer: northwind,
      sender: 0,
      recipient: 3,
      service: "STANDARD",
      status: "PICKED_UP",
      hoursAgo: 8,
      grams: 2600,
      price: 760,
      reference: "NW-10440",
      awb: DEMO_PICKED_UP_AWB,
    },
    {
      customer: northwind,
      sender: 0,
      recipient: 4,
      service: "ECONOMY",
      status: "CREATED",
      hoursAgo: 1,
      grams: 7400,
      price: 840,
      reference: "NW-10447",
    },
    {
      customer: northwind,
      sender: 0,
      recipient: 2,
      service: "STANDARD",
      status: "CREATED",
      hoursAgo: 2,
      grams: 1200,
      price: 590,
      reference: "NW-TEST-1",
      environment: "TEST",
    },
    {
      customer: blueHarbor,
      sender: 1,
      recipient: 1,
      service: "STANDARD",
      status: "DELIVERED",
      hoursAgo: 72,
      grams: 1100,
      price: 690,
      reference: "BHB-2231",
    },
    {
      customer: blueHarbor,
      sender: 1,
      recipient: 2,
      service: "EXPRESS",
      status: "CREATED",
      hoursAgo: 3,
      grams: 600,
      price: 990,
      reference: "BHB-2240",
    },
    {
      customer: null,
      sender: 2,
      recipient: 0,
      service: "EXPRESS",
      status: "OUT_FOR_DELIVERY",
      hoursAgo: 27,
      grams: 3100,
      price: 1490,
      reference: "HUB-77",
    },
  ];

  for (const s of shipments) {
    const sender = WAREHOUSES[s.sender] ?? WAREHOUSES[0];
    const recipient = RECIPIENTS[s.recipient] ?? RECIPIENTS[0];
    if (!sender || !recipient) continue;
    const createdAt = new Date(now - s.hoursAgo * hour);
    const reached = STEPS.findIndex((step) => step.status === s.status);
    const events: Prisma.TrackingEventCreateWithoutShipmentInput[] = STEPS.slice(0, reached + 1).map((step) => ({
      status: step.status,
      description: step.description,
      location: step.where === "sender" ? sender.city : step.where === "hub" ? "Hannover hub" : recipient.city,
      occurredAt: new Date(Math.min(createdAt.getTime() + step.hoursAfter * hour, now - 60_000)),
    }));
    await prisma.shipment.create({
      data: {
        tenantId: tenant.id,
        customerId: s.customer?.id ?? null,
        serviceId: catalog.services[s.service] ?? "",
        awb: s.awb ?? generateAwb(),
        environment: s.environment ?? "LIVE",
        status: s.status,
        reference: s.reference,
        sender,
        recipient,
        parcels: [{ weight_grams: s.grams, length_cm: 30, width_cm: 20, height_cm: 15 }],
        weightGrams: s.grams,
        billableGrams: Math.max(s.grams, 1800),
        priceCents: s.price,
        currency: "EUR",
        createdAt,
        events: { create: events },
      },
    });
  }

  const day = 24 * hour;
  const tomorrow9 = new Date(Math.ceil(now / day) * day + 9 * hour);
  await prisma.pickup.createMany({
    data: [
      {
        tenantId: tenant.id,
        customerId: northwind?.id ?? null,
        environment: "LIVE",
        status: "SCHEDULED",
        address: WAREHOUSES[0],
        readyAt: tomorrow9,
        closeAt: new Date(tomorrow9.getTime() + 8 * hour),
        parcelCount: 12,
        notes: "Loading dock B",
      },
      {
        id: DEMO_COMPLETED_PICKUP_ID,
        tenantId: tenant.id,
        customerId: northwind?.id ?? null,
        environment: "LIVE",
        status: "COMPLETED",
        address: WAREHOUSES[0],
        readyAt: new Date(tomorrow9.getTime() - 2 * day),
        closeAt: new Date(tomorrow9.getTime() - 2 * day + 8 * hour),
        parcelCount: 4,
        createdAt: new Date(now - 3 * day),
      },
      {
        tenantId: tenant.id,
        customerId: blueHarbor?.id ?? null,
        environment: "LIVE",
        status: "SCHEDULED",
        address: WAREHOUSES[1],
        readyAt: tomorrow9,
        closeAt: new Date(tomorrow9.getTime() + 6 * hour),
        parcelCount: 3,
      },
    ],
  });
}
