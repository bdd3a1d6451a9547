import { crc32 } from 'node:zlib'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { NotAnImageError, reencodeImage } from './storage'

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const isPng = (bytes: Buffer) => PNG_SIGNATURE.every((byte, index) => bytes[index] === byte)
const ACTIVE = /script|alert|javascript|onmouseover|onload|<html|<svg/i

const pixel = (format: 'png' | 'gif' | 'jpeg' | 'webp') =>
  sharp({ create: { width: 8, height: 8, channels: 3, background: '#c00' } })[format]().toBuffer()

/** A PNG chunk (length, type, data, CRC) — to hide HTML inside an otherwise valid PNG. */
function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body) >>> 0)
  return Buffer.concat([length, body, crc])
}

async function expectCleanPng(input: Buffer | string) {
  const out = await reencodeImage(new Uint8Array(Buffer.from(input)))
  expect(isPng(out)).toBe(true)
  expect(out.toString('latin1')).not.toMatch(ACTIVE)
  const meta = await sharp(out).metadata()
  expect(meta.format).toBe('png')
  return meta
}

describe('uploaded images are re-encoded or refused (issue 9, item 6)', () => {
  it('re-encodes every accepted raster type to a PNG of the same picture', async () => {
    for (const format of ['png', 'gif', 'jpeg', 'webp'] as const) {
      const meta = await expectCleanPng(await pixel(format))
      expect([meta.width, meta.height], format).toEqual([8, 8])
    }
  })

  it('draws SVGs to pixels, so namespaced scripts, entity-encoded javascript: and <set onmouseover> are gone', async () => {
    const svgs = [
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xhtml" width="4" height="4"><x:script>alert(1)</x:script><rect width="4" height="4"/></svg>',
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="4" height="4"><a xlink:href="&#106;avascript&#58;alert(1)"><rect width="4" height="4"/></a></svg>',
      '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4"><set attributeName="onmouseover" to="alert(1)"/></rect></svg>',
      '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><image href="file:///etc/passwd" width="4" height="4"/></svg>',
    ]
    for (const svg of svgs) {
      const meta = await expectCleanPng(svg)
      // Drawn large enough to show (a 4-unit drawing at the 2400 dpi cap is 133 px), never past 512.
      expect(Math.max(meta.width!, meta.height!)).toBeGreaterThanOrEqual(128)
      expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(512)
    }
  })

  it('drops what rides along in polyglots: HTML after a PNG, HTML in a PNG text chunk, JavaScript in and after a GIF', async () => {
    const png = await pixel('png')
    await expectCleanPng(Buffer.concat([png, Buffer.from('<html><script>alert(1)</script></html>')]))
    const iend = png.length - 12
    const withText = Buffer.concat([png.subarray(0, iend), pngChunk('tEXt', Buffer.from('Comment\0<html><script>alert(1)</script>')), png.subarray(iend)])
    await expectCleanPng(withText)

    const gif = await pixel('gif')
    // A comment extension (0x21 0xFE) before the trailer holding JavaScript, and more after the trailer.
    const js = Buffer.from('*/=alert(1);/*')
    const comment = Buffer.concat([Buffer.from([0x21, 0xfe, js.length]), js, Buffer.from([0])])
    const gifJs = Buffer.concat([gif.subarray(0, gif.length - 1), comment, gif.subarray(gif.length - 1), Buffer.from('\nalert(document.domain)//')])
    await expectCleanPng(gifJs)
  })

  it('refuses what is not wholly an image: text, HTML named .png, a cut-off PNG, a header claiming a huge picture', async () => {
    const png = await pixel('png')
    const huge = Buffer.from(png)
    huge.writeUInt32BE(100_000, 16)
    huge.writeUInt32BE(100_000, 20)
    const refused = [
      Buffer.from('just text'),
      Buffer.from('<html><script>alert(1)</script></html>'),
      png.subarray(0, 40),
      huge,
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
      Buffer.from('GIF89a/*junk*/=alert(1)'),
    ]
    for (const bytes of refused) await expect(reencodeImage(new Uint8Array(bytes))).rejects.toBeInstanceOf(NotAnImageError)
  })
})
