import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireMember } from "@/lib/auth/member";
import { shipmentDetail } from "@/lib/couriers/shipment-search";
import { PageHeader } from "@/components/page-header";
import { ShipmentDetailView } from "@/components/shipments/shipment-detail";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ awb: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Shipment ${(await params).awb.slice(0, 20)}` };
}

/** One shipment of the tenant by AWB: another tenant's AWB is a 404 like a missing one. */
export default async function ShipmentPage({ params }: Props) {
  const member = await requireMember();
  const shipment = await shipmentDetail(member.tenantId, (await params).awb);
  if (!shipment) notFound();
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href="/shipments" className="hover:underline">
          Shipments
        </Link>{" "}
        / {shipment.awb}
      </nav>
      <PageHeader title={`Shipment ${shipment.awb}`} description={shipment.recipient ? `To ${shipment.recipient}` : undefined} />
      <ShipmentDetailView shipment={shipment} />
    </>
  );
}
