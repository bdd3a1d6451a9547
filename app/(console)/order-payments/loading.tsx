import { TableSkeleton } from '@/components/skeletons'

export default function Loading() {
  return <TableSkeleton columns={7} rows={8} />
}
