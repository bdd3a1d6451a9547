import type { Metadata } from 'next'
import { GatewayConfigControl } from '@/components/controls/gateway-config-control'
import { ResourceFormPage } from '@/components/resource-form-page'
import { PAYMENT_MANAGEMENT } from '@/lib/console/navigation'
import { pos } from '@/lib/pos/resource'
import { createPosAction, deletePosAction, updatePosAction } from '@/lib/pos/actions'

export const metadata: Metadata = { title: 'New POS integration' }

export default function NewPosPage() {
  return <ResourceFormPage resource={pos} actions={{ create: createPosAction, update: updatePosAction, delete: deletePosAction }} id={null} basePath={`${PAYMENT_MANAGEMENT}/pos`} widgets={{ config: 'gateway-config' }} controls={{ config: <GatewayConfigControl /> }} />
}
