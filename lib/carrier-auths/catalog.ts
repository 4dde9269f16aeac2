import { z } from "zod";

/**
 * The couriers an API user can register its own accounts with, and what each one's API
 * asks for (the credential names of the carrier's developer documentation). Pure: the add
 * form reads it in the browser, lib/carrier-auths/rules.ts builds the server's schemas
 * from it. Adding a carrier is one entry of CARRIERS.
 */

export interface CarrierField {
  /** The key in the stored fields and the form (`f_<name>`). */
  name: string;
  /** As the carrier's documentation names it. */
  label: string;
  /** Encrypted at rest (lib/secrets), masked in the list, shown only by Reveal. */
  secret: boolean;
  required: boolean;
  /** The value's format; the error message says what is expected. */
  format: z.ZodString;
  hint: string;
}

export interface CarrierPresets {
  labelFormats: readonly string[];
  defaultService: string;
  packageTypes: readonly string[];
}

export interface Carrier {
  code: string;
  name: string;
  /** Where an account holder finds these credentials. */
  source: string;
  fields: readonly CarrierField[];
  presets: CarrierPresets;
}

const text = (max: number, label: string) =>
  z
    .string()
    .max(max, `${label} is at most ${max} characters.`)
    .regex(/^\S(.*\S)?$/, `${label} has no leading or trailing spaces.`);
const digits = (length: number, label: string) => z.string().regex(new RegExp(`^\\d{${length}}$`), `${label} is ${length} digits.`);

function field(name: string, label: string, format: z.ZodString, hint: string, options: { secret?: boolean; required?: boolean } = {}) {
  return { name, label, format, hint, secret: options.secret ?? false, required: options.required ?? true } satisfies CarrierField;
}

export const CARRIERS = [
  {
    code: "dhl_express",
    name: "DHL Express",
    source: "MyDHL API (developer.dhl.com): the API key and secret of your app, used as Basic auth.",
    fields: [
      field("apiKey", "API Key (username)", text(100, "API Key"), "The MyDHL API username."),
      field("apiSecret", "API Secret (password)", text(100, "API Secret"), "The MyDHL API password.", { secret: true }),
      field("accountNumber", "Shipper account number", digits(9, "The account number"), "9 digits, on your DHL Express invoice."),
    ],
    presets: {
      labelFormats: ["PDF", "ZPL", "EPL", "LP2"],
      defaultService: "P — EXPRESS WORLDWIDE",
      packageTypes: ["Your packaging", "Flyer", "Express envelope", "Jumbo box"],
    },
  },
  {
    code: "ups",
    name: "UPS",
    source: "UPS Developer Portal: an app's Client ID and Client Secret (OAuth client credentials).",
    fields: [
      field("clientId", "Client ID", text(100, "Client ID"), "From your app on developer.ups.com."),
      field("clientSecret", "Client Secret", text(200, "Client Secret"), "From your app on developer.ups.com.", { secret: true }),
      field(
        "shipperNumber",
        "Shipper number",
        z.string().regex(/^[A-Za-z0-9]{6}$/, "The shipper number is 6 letters or digits."),
        "Your 6-character UPS account number.",
      ),
    ],
    presets: {
      labelFormats: ["GIF", "PNG", "ZPL", "EPL", "SPL"],
      defaultService: "11 — UPS Standard",
      packageTypes: ["02 Customer supplied package", "01 UPS Letter", "03 Tube", "04 PAK", "21 UPS Express Box"],
    },
  },
  {
    code: "fedex",
    name: "FedEx",
    source: "FedEx Developer Portal: a project's API Key and Secret Key (OAuth client credentials).",
    fields: [
      field("apiKey", "API Key", text(100, "API Key"), "The project's API Key (client_id)."),
      field("secretKey", "Secret Key", text(200, "Secret Key"), "The project's Secret Key (client_secret).", { secret: true }),
      field("accountNumber", "Account number", digits(9, "The account number"), "Your 9-digit FedEx shipping account."),
    ],
    presets: {
      labelFormats: ["PDF", "PNG", "ZPLII", "EPL2"],
      defaultService: "FEDEX_INTERNATIONAL_PRIORITY",
      packageTypes: ["YOUR_PACKAGING", "FEDEX_ENVELOPE", "FEDEX_PAK", "FEDEX_BOX", "FEDEX_TUBE"],
    },
  },
  {
    code: "dpd",
    name: "DPD",
    source: "DPD Web Connect (DPD Germany): the delisID and password of your web service login, and your sending depot.",
    fields: [
      field(
        "delisId",
        "delisID",
        z.string().regex(/^[A-Za-z0-9]{1,10}$/, "The delisID is at most 10 letters or digits."),
        "Your DPD login name.",
      ),
      field("password", "Password", text(100, "Password"), "The password of that delisID.", { secret: true }),
      field("sendingDepot", "Sending depot", digits(4, "The sending depot"), "4 digits, e.g. 0163."),
    ],
    presets: {
      labelFormats: ["PDF A4", "PDF A6", "ZPL"],
      defaultService: "CL — DPD Classic",
      packageTypes: ["Parcel", "Small parcel", "Pallet"],
    },
  },
  {
    code: "gls",
    name: "GLS",
    source:
      "GLS Developer Portal: an app with the Authentication and ShipIT APIs gives a Client-ID and Client-Secret; GLS gives the shipper's Contact-ID.",
    fields: [
      field("clientId", "Client-ID", text(100, "The Client-ID"), "From your app on the GLS Developer Portal."),
      field("clientSecret", "Client-Secret", text(200, "The Client-Secret"), "From the same app.", { secret: true }),
      field(
        "contactId",
        "Contact-ID",
        z.string().regex(/^[A-Za-z0-9]{6,12}$/, "The Contact-ID is 6 to 12 letters or digits."),
        "The shipper identifier GLS gave you, e.g. 276a165e3f.",
      ),
    ],
    presets: {
      labelFormats: ["PDF", "ZEBRA", "INTERMEC", "DATAMAX", "TOSHIBA", "PNG"],
      defaultService: "PARCEL — BusinessParcel",
      packageTypes: ["Parcel", "Express parcel"],
    },
  },
  {
    code: "royal_mail",
    name: "Royal Mail",
    source: "Royal Mail Click & Drop: Settings → Integrations → Click & Drop API gives the API authorisation key.",
    fields: [
      field("apiKey", "API authorisation key", text(200, "The API authorisation key"), "Sent as the Authorization header.", {
        secret: true,
      }),
      field(
        "tradingName",
        "Trading name",
        text(100, "The trading name"),
        "Optional: the trading name orders are booked under, if you have several.",
        { required: false },
      ),
    ],
    presets: {
      labelFormats: ["PDF"],
      defaultService: "TPN24 — Tracked 24",
      packageTypes: ["Letter", "Large letter", "Small parcel", "Medium parcel"],
    },
  },
  {
    code: "postnl",
    name: "PostNL",
    source: "PostNL Developer Portal: the API key, and the customer code, customer number and collection location of your contract.",
    fields: [
      field("apiKey", "API key", text(100, "The API key"), "Sent as the apikey header.", { secret: true }),
      field(
        "customerCode",
        "Customer code",
        z.string().regex(/^[A-Z0-9]{1,6}$/, "The customer code is 1 to 6 capital letters or digits."),
        "As PostNL knows you, e.g. DEVC.",
      ),
      field(
        "customerNumber",
        "Customer number",
        z.string().regex(/^\d{1,8}$/, "The customer number is at most 8 digits."),
        "e.g. 11223344.",
      ),
      field("collectionLocation", "Collection location", digits(6, "The collection location"), "6 digits."),
    ],
    presets: {
      labelFormats: ["PDF", "GIF", "JPG", "ZPL"],
      defaultService: "3085 — Standard shipment",
      packageTypes: ["Parcel", "Mailbox parcel", "Letter"],
    },
  },
  {
    code: "aramex",
    name: "Aramex",
    source: "Aramex Shipping Services API: the ClientInfo block (user name, password, account number, PIN, entity, country).",
    fields: [
      field(
        "userName",
        "UserName",
        z.string().regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, "The UserName is the e-mail address of your Aramex login."),
        "The e-mail address of your login.",
      ),
      field("password", "Password", text(100, "Password"), "Its password.", { secret: true }),
      field(
        "accountNumber",
        "AccountNumber",
        z.string().regex(/^\d{5,12}$/, "The AccountNumber is 5 to 12 digits."),
        "Your Aramex account.",
      ),
      field("accountPin", "AccountPin", z.string().regex(/^\d{4,8}$/, "The AccountPin is 4 to 8 digits."), "The PIN of that account.", {
        secret: true,
      }),
      field("accountEntity", "AccountEntity", z.string().regex(/^[A-Z]{3}$/, "The AccountEntity is 3 capital letters."), "e.g. AMM, DXB."),
      field(
        "accountCountryCode",
        "AccountCountryCode",
        z.string().regex(/^[A-Z]{2}$/, "The AccountCountryCode is 2 capital letters."),
        "ISO country, e.g. JO.",
      ),
    ],
    presets: {
      labelFormats: ["PDF (report 9201)", "PDF (report 9729)"],
      defaultService: "EXP / PPX — Priority Parcel Express",
      packageTypes: ["Parcel", "Document"],
    },
  },
  {
    code: "dhl_parcel_de",
    name: "DHL Parcel Germany",
    source:
      "DHL Parcel DE Shipping API (developer.dhl.com): an app's API key, your business customer portal user and password, and your billing number.",
    fields: [
      field("apiKey", "API key", text(100, "The API key"), "Sent as the dhl-api-key header.", { secret: true }),
      field("username", "Business customer user", text(60, "The user"), "Your GKP (business customer portal) user."),
      field("password", "Password", text(100, "Password"), "Its password.", { secret: true }),
      field("billingNumber", "Billing number (EKP)", digits(14, "The billing number"), "14 digits: EKP, procedure and participation."),
    ],
    presets: {
      labelFormats: ["PDF A4", "PDF 910-300-700", "ZPL2"],
      defaultService: "V01PAK — DHL Paket",
      packageTypes: ["Parcel", "Warenpost", "Bulky goods"],
    },
  },
] as const satisfies readonly Carrier[];

export function carrierByCode(code: string): Carrier | undefined {
  return (CARRIERS as readonly Carrier[]).find((carrier) => carrier.code === code);
}

/** The form input of a carrier field: prefixed, so a carrier's field never collides with company, testing, ... */
export function fieldInputName(name: string): string {
  return `f_${name}`;
}
