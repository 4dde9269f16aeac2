import "server-only";
import bwipjs from "bwip-js/node";
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import type { ApiScope } from "@/lib/api/context";
import { db } from "@/lib/db";
import type { Address, Parcel } from "./schemas";
import { formatSortCode, sortCode } from "./routing";
import { shipmentForLabel } from "./shipments";

/** 4 × 6 inches in PDF points (72 per inch). */
export const LABEL_WIDTH_PT = 288;
export const LABEL_HEIGHT_PT = 432;

export interface LabelData {
  awb: string;
  courier: string;
  service: { code: string; name: string };
  environment: "LIVE" | "TEST";
  reference: string | null;
  sender: Address;
  recipient: Address;
  parcels: Parcel[];
  weightGrams: number;
  billableGrams: number;
  createdAt: Date;
}

function addressLines(a: Address): string[] {
  return [a.company, a.name, a.street1, a.street2, `${a.postal_code} ${a.city}`, a.country, a.phone].filter((l): l is string => !!l);
}

const kg = (grams: number) => `${(grams / 1000).toFixed(2)} kg`;

// Letters that Unicode does not decompose into a base letter and an accent.
const LOOKALIKES: Record<string, string> = { Ł: "L", ł: "l", Đ: "D", đ: "d", Ø: "O", ø: "o", Ħ: "H", ħ: "h", ı: "i", Ŧ: "T", ŧ: "t" };

/** The standard PDF fonts speak WinAnsi only: strip accents they lack, then replace the rest. */
function encodable(font: PDFFont, value: string): string {
  const supported = new Set(font.getCharacterSet());
  return [...value]
    .map((ch) => {
      if (supported.has(ch.codePointAt(0) ?? 0)) return ch;
      const bare = (LOOKALIKES[ch] ?? ch).normalize("NFD").replace(/[\u0300-\u036f]/g, "");
      return [...bare].every((c) => supported.has(c.codePointAt(0) ?? 0)) ? bare : "?";
    })
    .join("");
}

function fit(font: PDFFont, value: string, size: number, width: number): string {
  const s = encodable(font, value);
  if (font.widthOfTextAtSize(s, size) <= width) return s;
  let cut = s;
  while (cut.length > 1 && font.widthOfTextAtSize(`${cut}...`, size) > width) cut = cut.slice(0, -1);
  return `${cut}...`;
}

/** A one-page 4×6 in PDF: courier, the sort code large with the service beside it (routing.ts), from/to, weight, reference, Code 128 AWB with its text. */
export async function labelPdf(data: LabelData): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Shipping label ${data.awb}`);
  pdf.setSubject(data.awb);
  pdf.setKeywords([data.awb, data.service.code]);
  pdf.setCreator("Courier Console");
  pdf.setProducer("Courier Console");
  pdf.setCreationDate(data.createdAt);
  const page = pdf.addPage([LABEL_WIDTH_PT, LABEL_HEIGHT_PT]);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const margin = 12;
  const inner = LABEL_WIDTH_PT - 2 * margin;
  const black = rgb(0, 0, 0);
  const write = (p: PDFPage, value: string, x: number, y: number, size: number, font = regular, width = inner) =>
    p.drawText(fit(font, value, size, width), { x, y, size, font, color: black });
  const rule = (y: number) =>
    page.drawLine({ start: { x: margin, y }, end: { x: LABEL_WIDTH_PT - margin, y }, thickness: 1, color: black });

  let y = LABEL_HEIGHT_PT - margin - 14;
  write(page, data.courier, margin, y, 12, bold, inner - 124);
  if (data.environment === "TEST") write(page, "TEST - NOT FOR SHIPPING", LABEL_WIDTH_PT - margin - 120, y + 2, 8, bold, 120);
  y -= 8;

  // The routing band: the sort code large, white on black, as a depot reads it from across
  // the belt; the service (printed once) at its right.
  const bandHeight = 46;
  y -= bandHeight;
  page.drawRectangle({ x: margin, y, width: inner, height: bandHeight, color: black });
  const white = rgb(1, 1, 1);
  const sort = encodable(bold, formatSortCode(sortCode(data.recipient)));
  page.drawText(sort, { x: margin + 8, y: y + 12, size: 30, font: bold, color: white });
  const service = fit(bold, data.service.code, 12, inner - 24 - bold.widthOfTextAtSize(sort, 30));
  page.drawText(service, {
    x: LABEL_WIDTH_PT - margin - 8 - bold.widthOfTextAtSize(service, 12),
    y: y + 17,
    size: 12,
    font: bold,
    color: white,
  });
  y -= 2;

  y -= 11;
  write(page, "FROM", margin, y, 7, bold);
  for (const line of addressLines(data.sender).slice(0, 6)) {
    y -= 9;
    write(page, line, margin, y, 8);
  }
  y -= 7;
  rule(y);

  y -= 13;
  write(page, "TO", margin, y, 8, bold);
  for (const [i, line] of addressLines(data.recipient).slice(0, 7).entries()) {
    y -= 14;
    write(page, line, margin, y, i < 2 ? 12 : 11, i < 2 ? bold : regular);
  }
  y -= 8;
  rule(y);

  y -= 12;
  write(page, `Weight: ${kg(data.weightGrams)}   Billable: ${kg(data.billableGrams)}   Parcels: ${data.parcels.length}`, margin, y, 8);
  y -= 11;
  write(page, `Reference: ${data.reference ?? "-"}`, margin, y, 8);
  y -= 11;
  write(page, `Date: ${data.createdAt.toISOString().slice(0, 10)}`, margin, y, 8);
  y -= 7;
  rule(y);

  const png = await bwipjs.toBuffer({
    bcid: "code128",
    text: data.awb,
    scale: 3,
    height: 18,
    includetext: false,
    paddingwidth: 0,
    paddingheight: 0,
  });
  const image = await pdf.embedPng(png);
  const barcodeWidth = inner - 16;
  const barcodeHeight = Math.min(90, y - margin - 36);
  page.drawImage(image, { x: margin + 8, y: margin + 30, width: barcodeWidth, height: barcodeHeight });
  const awbText = data.awb.replace(/^(\d{3})(\d{4})(\d{4})$/, "$1 $2 $3");
  const size = 18;
  page.drawText(awbText, {
    x: (LABEL_WIDTH_PT - bold.widthOfTextAtSize(awbText, size)) / 2,
    y: margin + 8,
    size,
    font: bold,
    color: black,
  });
  return pdf.save();
}

/** ZPL II stripped of its control characters (^ and ~ would start commands). */
function zplField(value: string): string {
  return value.replace(/[\^~\\]/g, " ").replace(/[\r\n]+/g, " ");
}

/** The same label in ZPL II for 203 dpi thermal printers (812 × 1218 dots). */
export function labelZpl(data: LabelData): string {
  const lines: string[] = ["^XA", "^CI28", "^PW812", "^LL1218", "^LH0,0"];
  const text = (x: number, y: number, h: number, value: string) => lines.push(`^FO${x},${y}^A0N,${h},${h}^FD${zplField(value)}^FS`);
  text(30, 30, 40, data.courier);
  if (data.environment === "TEST") text(470, 36, 28, "TEST - NOT FOR SHIPPING");
  // The routing band: a filled box, the sort code and the service reversed out of it (^FR).
  lines.push("^FO30,80^GB752,110,110^FS");
  lines.push(`^FO50,100^A0N,80,80^FR^FD${zplField(formatSortCode(sortCode(data.recipient)))}^FS`);
  lines.push(`^FO560,120^A0N,40,40^FR^FD${zplField(data.service.code)}^FS`);
  text(30, 205, 24, "FROM");
  addressLines(data.sender)
    .slice(0, 6)
    .forEach((l, i) => text(30, 235 + i * 28, 24, l));
  lines.push("^FO30,405^GB752,3,3^FS");
  text(30, 420, 28, "TO");
  addressLines(data.recipient)
    .slice(0, 7)
    .forEach((l, i) => text(30, 460 + i * 42, i < 2 ? 40 : 34, l));
  lines.push("^FO30,765^GB752,3,3^FS");
  text(30, 780, 26, `Weight: ${kg(data.weightGrams)}  Billable: ${kg(data.billableGrams)}  Parcels: ${data.parcels.length}`);
  text(30, 815, 26, `Reference: ${data.reference ?? "-"}`);
  text(30, 850, 26, `Date: ${data.createdAt.toISOString().slice(0, 10)}`);
  lines.push("^FO30,890^GB752,3,3^FS");
  lines.push(`^FO60,920^BY3^BCN,220,Y,N,N^FD${data.awb}^FS`);
  lines.push("^XZ");
  return lines.join("\n") + "\n";
}

/** GET /v1/shipments/{awb}/label: the shipment's label as PDF or ZPL (404 outside the scope, 409 when cancelled). */
export async function shipmentLabel(
  scope: ApiScope,
  awb: string,
  format: "pdf" | "zpl",
): Promise<{ body: Uint8Array | string; contentType: string; filename: string }> {
  const s = await shipmentForLabel(scope, awb);
  const prisma = await db();
  const tenant = await prisma.tenant.findUniqueOrThrow({ where: { id: scope.tenantId }, select: { name: true } });
  const data: LabelData = {
    awb: s.awb,
    courier: tenant.name,
    service: { code: s.service.code, name: s.service.name },
    environment: s.environment,
    reference: s.reference,
    sender: s.sender as unknown as Address,
    recipient: s.recipient as unknown as Address,
    parcels: s.parcels as unknown as Parcel[],
    weightGrams: s.weightGrams,
    billableGrams: s.billableGrams,
    createdAt: s.createdAt,
  };
  if (format === "zpl") return { body: labelZpl(data), contentType: "text/plain; charset=utf-8", filename: `${s.awb}.zpl` };
  return { body: await labelPdf(data), contentType: "application/pdf", filename: `${s.awb}.pdf` };
}
