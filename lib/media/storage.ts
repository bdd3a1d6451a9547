import { randomBytes } from 'node:crypto'
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { publicOrigin } from '@/lib/http/request-context'
import { detectImageType, IMAGE_CONTENT_TYPES, type ImageType } from './image-type'

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

/** Logos are shown small; a larger upload is scaled down, never up (vectors are drawn at this size). */
const MAX_SIDE = 512
/** Refuses decompression bombs before decoding (a 10-byte PNG header may claim 100,000 × 100,000). */
const MAX_INPUT_PIXELS = 40_000_000

/**
 * Accepts only what is verifiably an image and stores what we made of it, never the bytes sent
 * (issue 9, item 6): the first bytes must name an accepted type, libvips must decode the whole picture
 * as that type, and the pixels are written anew as a PNG. Whatever rode along — HTML after a PNG's end,
 * JavaScript in a GIF comment, script or handlers in an SVG (which is drawn to pixels, not kept) — is
 * gone. Decision: docs/decisions/014-uploaded-images-re-encoded.md.
 */
export async function reencodeImage(bytes: Uint8Array): Promise<Buffer> {
  const type = detectImageType(bytes)
  if (!type) throw new NotAnImageError()
  const { default: sharp } = await import('sharp')
  try {
    const input = Buffer.from(bytes)
    const meta = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).metadata()
    if (meta.format !== SHARP_FORMATS[type] || !meta.width || !meta.height) throw new NotAnImageError()
    // A vector is drawn at a density that makes its longer side MAX_SIDE (72 dpi is 1 unit = 1 pixel).
    const density = type === 'svg' ? Math.min(2400, Math.max(1, (72 * MAX_SIDE) / Math.max(meta.width, meta.height))) : undefined
    return await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error', ...(density ? { density } : {}) })
      .rotate()
      .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .png()
      .toBuffer()
  } catch (error) {
    if (error instanceof NotAnImageError) throw error
    throw new NotAnImageError()
  }
}

const SHARP_FORMATS: Record<ImageType, string> = { png: 'png', jpeg: 'jpeg', gif: 'gif', webp: 'webp', svg: 'svg' }

/** Re-encodes an uploaded image (see reencodeImage) and writes it under a random name; returns the key. */
export async function saveImage(folder: string, file: Blob): Promise<string> {
  const png = await reencodeImage(new Uint8Array(await file.arrayBuffer()))
  const key = `${folder}/${randomBytes(16).toString('hex')}.png`
  const target = path.join(mediaDir(), key)
  await mkdir(path.dirname(target), { recursive: true })
  await writeFile(target, png, { flag: 'wx' })
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
