// The SQL that grows a tenant to a season's worth of data (issue 18): customers, API users,
// tokens, shipments with their tracking, and activity events spread over `days`, all made
// inside the database with generate_series and INSERT … SELECT. scripts/bench-data.ts runs
// it at full size; tests/scale-plans.test.ts at a small one.
//
// Every row it makes has an id starting with "bench" (and the tenant's id, so two tenants
// can be grown in one database), so a grown database is recognisable and its rows removable.

export interface GrowShape {
  customers: number;
  apiUsers: number;
  /** Of apiUsers, how many are tenant-wide (no customer). */
  tenantWideUsers: number;
  tokens: number;
  shipments: number;
  /** Average tracking events per shipment (4.88 in the database). */
  trackingPerShipment: number;
  activityEvents: number;
  days: number;
}

export const FULL_SHAPE: GrowShape = {
  customers: 1_000,
  apiUsers: 10_000,
  tenantWideUsers: 500,
  tokens: 16_000,
  shipments: 200_000,
  trackingPerShipment: 4.88,
  activityEvents: 1_000_000,
  days: 90,
};

/** One statement per element, in order; run each as its own statement (big ones are batched). */
export function growStatements(tenantId: string, shape: GrowShape, batch = 100_000): string[] {
  const t = tenantId.replace(/[^a-z0-9]/gi, "");
  const tid = `'${t}'`;
  const p = `bench${t.slice(-6)}`; // id prefix
  const customerUsers = shape.apiUsers - shape.tenantWideUsers;
  const statements: string[] = [];

  // Customers: a tenth priced from a rate table of the tenant's.
  statements.push(`
    INSERT INTO "Customer" (id, "tenantId", name, "clientId", "rateTableId", "createdAt")
    SELECT '${p}c' || i, ${tid}, 'Bench Customer ' || lpad(i::text, 5, '0'), 'CC-B${t.slice(-4).toUpperCase()}' || lpad(i::text, 6, '0'),
           CASE WHEN i % 10 = 0 THEN (SELECT id FROM "RateTable" WHERE "tenantId" = ${tid} ORDER BY "createdAt" DESC LIMIT 1) END,
           now() - (i || ' minutes')::interval
    FROM generate_series(1, ${shape.customers}) AS i`);

  // API users: the first `tenantWideUsers` tenant-wide, the rest spread over the bench customers.
  statements.push(`
    INSERT INTO "ApiUser" (id, "tenantId", "customerId", username, "usernameLower", "passwordHash", email, permissions, active, "rateLimit", "createdAt", "updatedAt")
    SELECT '${p}u' || i, ${tid},
           CASE WHEN i <= ${shape.tenantWideUsers} THEN NULL ELSE '${p}c' || (1 + (i - ${shape.tenantWideUsers}) % ${shape.customers}) END,
           'bench-user-' || i, 'bench-user-' || i, 'not-a-hash', NULL,
           ARRAY['shipments:read', 'shipments:create', 'tracking:read', 'rates:read'], i % 20 <> 0, NULL,
           now() - (i || ' seconds')::interval, now()
    FROM generate_series(1, ${shape.apiUsers}) AS i`);

  // Tokens: each user one, some two; a fifth revoked, some expiring.
  statements.push(`
    INSERT INTO "ApiToken" (id, "tenantId", "apiUserId", name, "tokenHash", hint, environment, "createdAt", "lastUsedAt", "revokedAt", "expiresAt")
    SELECT '${p}k' || i, ${tid}, '${p}u' || (1 + i % ${shape.apiUsers}), 'bench token ' || i,
           md5('${p}-token-a-' || i) || md5('${p}-token-b-' || i), 'cc_live_…' || lpad((i % 10000)::text, 4, '0'),
           (CASE WHEN i % 4 = 0 THEN 'TEST' ELSE 'LIVE' END)::"Environment",
           now() - ((i % 90) || ' days')::interval, now() - ((i % 1000) || ' minutes')::interval,
           CASE WHEN i % 5 = 0 THEN now() - ((i % 30) || ' days')::interval END,
           CASE WHEN i % 50 = 1 THEN now() + interval '1 day' WHEN i % 50 = 2 THEN now() - interval '1 day' END
    FROM generate_series(1, ${shape.tokens}) AS i`);

  // Shipments: a fifth tenant-wide, the rest spread over the bench customers and the tenant's
  // own; a fifth with test tokens; created over `days`.
  for (let from = 1; from <= shape.shipments; from += batch) {
    const to = Math.min(shape.shipments, from + batch - 1);
    statements.push(`
    WITH svc AS (SELECT array_agg(id ORDER BY code) AS ids FROM "Service" WHERE "tenantId" = ${tid}),
         own AS (SELECT array_agg(id ORDER BY id) AS ids FROM "Customer" WHERE "tenantId" = ${tid} AND id NOT LIKE '${p}%')
    INSERT INTO "Shipment" (id, "tenantId", "customerId", "apiUserId", "serviceId", awb, environment, status, reference, sender, recipient, parcels,
                            "weightGrams", "billableGrams", "priceCents", currency, "createdAt", "updatedAt")
    SELECT '${p}s' || i, ${tid},
           CASE WHEN i % 5 = 0 THEN NULL
                WHEN i % 97 = 1 AND cardinality(own.ids) > 0 THEN own.ids[1 + i % cardinality(own.ids)]
                ELSE '${p}c' || (1 + i % ${shape.customers}) END,
           '${p}u' || (1 + i % ${shape.apiUsers}),
           svc.ids[1 + i % cardinality(svc.ids)],
           '9' || lpad(i::text, 10, '0'),
           (CASE WHEN i % 5 = 3 THEN 'TEST' ELSE 'LIVE' END)::"Environment",
           -- Test shipments finish within minutes (lib/couriers/tracking.ts): none is left moving.
           (CASE WHEN i % 5 = 3 THEN 'DELIVERED'
                 ELSE (ARRAY['CREATED','PICKED_UP','IN_TRANSIT','OUT_FOR_DELIVERY','DELIVERED','DELIVERED','DELIVERED','CANCELLED'])[1 + i % 8] END)::"ShipmentStatus",
           'ORDER-' || i,
           '{"name":"Dispatch","street1":"Lagerweg 12","city":"Hamburg","postal_code":"20539","country":"DE"}'::jsonb,
           jsonb_build_object('name', 'Recipient ' || i, 'street1', 'Street ' || (i % 200), 'city', 'Berlin', 'postal_code', '10435', 'country', 'DE'),
           '[{"weight_grams":1200,"length_cm":30,"width_cm":20,"height_cm":10}]'::jsonb,
           1200, 1200, 450 + i % 900, 'EUR',
           now() - interval '1 day' * ((i::float8 / ${shape.shipments}) * ${shape.days}),
           now() - interval '1 day' * ((i::float8 / ${shape.shipments}) * ${shape.days})
    FROM generate_series(${from}, ${to}) AS i, svc, own`);
  }

  // Tracking: 4 or 5 events a shipment, on average trackingPerShipment.
  const fives = Math.round((shape.trackingPerShipment - 4) * 100);
  for (let from = 1; from <= shape.shipments; from += Math.floor(batch / 5)) {
    const to = Math.min(shape.shipments, from + Math.floor(batch / 5) - 1);
    statements.push(`
    INSERT INTO "TrackingEvent" (id, "shipmentId", status, description, location, "occurredAt")
    SELECT '${p}t' || i || '_' || k, '${p}s' || i,
           (ARRAY['CREATED','PICKED_UP','IN_TRANSIT','OUT_FOR_DELIVERY','DELIVERED'])[k]::"ShipmentStatus",
           'Bench tracking step ' || k, 'Hamburg',
           now() - interval '1 day' * ((i::float8 / ${shape.shipments}) * ${shape.days}) + (k || ' hours')::interval
    FROM generate_series(${from}, ${to}) AS i, generate_series(1, 5) AS k
    WHERE k <= 4 OR i % 100 < ${fives}`);
  }

  // Activity: mostly API calls of the bench users (a few failing), some credential changes,
  // spread evenly over `days`, newest first by i. A call carries its user's first token (user
  // u's is token u - 1, a quarter of them test ones: Test mode's share of the log); the
  // environment comes from the token (the trigger of migration 20261125183421).
  const tokenOfUser = shape.tokens >= shape.apiUsers ? `'${p}k' || CASE WHEN u = 1 THEN ${shape.apiUsers} ELSE u - 1 END` : "NULL";
  for (let from = 1; from <= shape.activityEvents; from += batch) {
    const to = Math.min(shape.activityEvents, from + batch - 1);
    statements.push(`
    INSERT INTO "ActivityEvent" (id, "tenantId", "customerId", "apiUserId", "apiTokenId", actor, action, method, path, status, ip, details, "createdAt")
    SELECT '${p}a' || lpad(i::text, 8, '0'), ${tid},
           CASE WHEN u > ${shape.tenantWideUsers} THEN '${p}c' || (1 + (u - ${shape.tenantWideUsers}) % ${shape.customers}) END,
           '${p}u' || u, CASE WHEN a.method IS NOT NULL THEN ${tokenOfUser} END, 'bench-user-' || u,
           a.action, a.method, a.path, CASE WHEN a.method IS NULL THEN NULL WHEN i % 23 = 0 THEN 422 ELSE a.status END,
           '10.0.' || (i % 250) || '.' || (i % 199), NULL,
           now() - interval '1 day' * ((i::float8 / ${shape.activityEvents}) * ${shape.days})
    FROM (SELECT i, 1 + (i::bigint * 7919) % ${customerUsers > 0 ? shape.apiUsers : shape.tenantWideUsers} AS u FROM generate_series(${from}, ${to}) AS i) AS s
    CROSS JOIN LATERAL (
      SELECT * FROM (VALUES
        (0, 'shipments.read', 'GET', '/v1/shipments', 200),
        (1, 'shipments.create', 'POST', '/v1/shipments', 201),
        (2, 'tracking.read', 'GET', '/v1/shipments/90000000001/track', 200),
        (3, 'rates.read', 'POST', '/v1/rates', 200),
        (4, 'me.read', 'GET', '/v1/me', 200),
        (5, 'auth.login', 'POST', '/v1/auth/token', 201),
        (6, 'shipments.read', 'GET', '/v1/shipments', 200),
        (7, 'labels.read', 'GET', '/v1/shipments/90000000001/label', 200),
        (8, 'tracking.read', 'GET', '/v1/shipments/90000000001/track', 200),
        (9, 'token.issue', NULL, NULL, NULL),
        (10, 'shipments.read', 'GET', '/v1/shipments', 200),
        (11, 'api_user.update', NULL, NULL, NULL)
      ) AS v(n, action, method, path, status)
      WHERE v.n = s.i % 12
    ) AS a`);
  }
  statements.push(usageRollupStatement(tenantId));
  return statements;
}

/**
 * The hourly usage rollup (ApiUsageHourly) of the grown calls, as writeApiCalls would have
 * kept it: the Overview and the Usage tab read it instead of the events, by their token's
 * environment.
 */
export function usageRollupStatement(tenantId: string): string {
  const t = tenantId.replace(/[^a-z0-9]/gi, "");
  const p = `bench${t.slice(-6)}`;
  return `
    INSERT INTO "ApiUsageHourly" ("apiUserId", "tenantId", "environment", "hour", "success", "clientError", "rateLimited", "serverError")
    SELECT "apiUserId", "tenantId", "environment", date_trunc('hour', "createdAt"),
           count(*) FILTER (WHERE status < 400), count(*) FILTER (WHERE status >= 400 AND status < 500 AND status <> 429),
           count(*) FILTER (WHERE status = 429), count(*) FILTER (WHERE status >= 500)
    FROM "ActivityEvent"
    WHERE "tenantId" = '${t}' AND id LIKE '${p}a%' AND status IS NOT NULL AND "apiUserId" IS NOT NULL
    GROUP BY 1, 2, 3, 4
    ON CONFLICT ("apiUserId", "environment", "hour") DO UPDATE SET
      "success" = "ApiUsageHourly"."success" + EXCLUDED."success",
      "clientError" = "ApiUsageHourly"."clientError" + EXCLUDED."clientError",
      "rateLimited" = "ApiUsageHourly"."rateLimited" + EXCLUDED."rateLimited",
      "serverError" = "ApiUsageHourly"."serverError" + EXCLUDED."serverError"`;
}

/**
 * Statistics for the planner and the visibility map for index-only scans, after the bulk
 * insert (PGlite runs no autovacuum; PostgreSQL's would, minutes later).
 */
export const ANALYZE = `VACUUM (ANALYZE) "Customer", "ApiUser", "ApiToken", "Shipment", "TrackingEvent", "ActivityEvent", "ApiUsageHourly"`;
