import { NotFoundError } from './errors'

/** Path ids: anything but a positive integer is simply not found. */
export function parseId(raw: string | undefined): number {
  if (!raw || !/^\d{1,10}$/.test(raw)) throw new NotFoundError()
  const id = Number(raw)
  if (id < 1 || id > 2147483647) throw new NotFoundError()
  return id
}
