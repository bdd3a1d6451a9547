import { randomBytes } from 'node:crypto'
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { publicOrigin } from '@/lib/http/request-context'
import { detectImageType, IMAGE_CONTENT_TYPES, IMAGE_EXTENSIONS, type ImageType } from './image-type'

/**
 * Uploaded media (card-type logos) on local disk under MEDIA_DIR, served by app/media/[...path].
 * Stored values are keys relative to that folder (`card-types/<random>.png`); the API shows them as
 * absolute URLs. Names are random so a URL never changes meaning and can be cached for ever.
 */
export function mediaDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.MEDIA_DIR || path.join(process.cwd(), '.data', 'media'))
}

const KEY = /^[a-z0-9-]+\/[A-Za-z0-9_-]+\.(png|jpg|gif|webp|svg)$/

/** An absolute URL for a stored key; values that already are URLs (seeded or imported) pass through. */
export function mediaUrl(key: unknown): string | null {
  if (key === null || key === undefined || key === '') return null
  const value = String(key)
  if (/^https?:\/\//i.test(value)) return value
  return `${publicOrigin()}/media/${value}`
}

export class NotAnImageError extends Error {
  constructor() {
    super('Upload a valid image. The file you uploaded was either not an image or a corrupted image.')
  }
}

/** Checks the bytes are an image of an accepted type and writes them under a random name; returns the key. */
export async function saveImage(folder: string, file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  const type = detectImageType(bytes)
  if (!type) throw new NotAnImageError()
  const key = `${folder}/${randomBytes(16).toString('hex')}.${IMAGE_EXTENSIONS[type]}`
  const target = path.join(mediaDir(), key)
  await mkdir(path.dirname(target), { recursive: true })
  await writeFile(target, bytes, { flag: 'wx' })
  return key
}

const TYPES_BY_EXTENSION: Record<string, ImageType> = { png: 'png', jpg: 'jpeg', gif: 'gif', webp: 'webp', svg: 'svg' }

/** Reads a stored file by its URL path segments; anything that is not a well-formed key is not found. */
export async function readMedia(segments: string[]): Promise<{ bytes: Buffer; contentType: string; size: number } | null> {
  const key = segments.join('/')
  if (!KEY.test(key)) return null
  const root = mediaDir()
  const target = path.resolve(root, key)
  if (!target.startsWith(root + path.sep)) return null
  try {
    const info = await stat(target)
    if (!info.isFile()) return null
    const type = TYPES_BY_EXTENSION[key.slice(key.lastIndexOf('.') + 1)]
    return { bytes: await readFile(target), contentType: IMAGE_CONTENT_TYPES[type], size: info.size }
  } catch {
    return null
  }
}
