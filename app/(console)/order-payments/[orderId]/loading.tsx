import { TableSkeleton } from '@/components/skeletons'

export default function Loading() {
  return <TableSkeleton columns={6} rows={3} />
}
