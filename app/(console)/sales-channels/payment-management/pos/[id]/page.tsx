import type { Metadata } from 'next'
import { GatewayConfigControl } from '@/components/controls/gateway-config-control'
import { ResourceFormPage, pageId } from '@/components/resource-form-page'
import { PAYMENT_MANAGEMENT } from '@/lib/console/navigation'
import { pos } from '@/lib/pos/resource'
import { createPosAction, deletePosAction, updatePosAction } from '@/lib/pos/actions'

export const metadata: Metadata = { title: 'POS integration' }

export default async function PosIntegrationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  return <ResourceFormPage resource={pos} actions={{ create: createPosAction, update: updatePosAction, delete: deletePosAction }} id={pageId(id)} basePath={`${PAYMENT_MANAGEMENT}/pos`} widgets={{ config: 'gateway-config' }} controls={{ config: <GatewayConfigControl /> }} />
}
