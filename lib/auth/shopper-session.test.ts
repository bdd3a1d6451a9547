import { sealData } from 'iron-session'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { sealShopperSession, unsealShopperSession } from './shopper-session'

describe('unsealShopperSession keeps what it unsealed', () => {
  afterEach(() => vi.useRealTimers())

  it('answers the same seal again with the same data, a copy each time', async () => {
    const sealed = await sealShopperSession({ basketId: 41 })
    const first = await unsealShopperSession(sealed)
    expect(first).toEqual({ basketId: 41 })
    // A caller that changes its session (to seal it again) does not change what the next request reads.
    first.basketId = 99
    first.shopperId = 7
    expect(await unsealShopperSession(sealed)).toEqual({ basketId: 41 })
  })

  it('never answers a seal past its own expiry, kept or not', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const sealed = await sealShopperSession({ basketId: 5 })
    expect(await unsealShopperSession(sealed)).toEqual({ basketId: 5 })
    const expiry = Number(sealed.split('*')[5])
    // Past the one-minute keep, inside the seal's life: unsealed again, same answer.
    vi.setSystemTime(Date.now() + 61_000)
    expect(await unsealShopperSession(sealed)).toEqual({ basketId: 5 })
    // Past the seal's expiry (and iron's minute of clock skew): no session, though it was kept a moment ago.
    vi.setSystemTime(expiry + 61_000)
    expect(await unsealShopperSession(sealed)).toEqual({})
  })

  it('opens a kept seal only under the secret it was opened with', async () => {
    const sealed = await sealShopperSession({ basketId: 12 })
    expect(await unsealShopperSession(sealed)).toEqual({ basketId: 12 })
    const before = process.env.APP_SECRET
    process.env.APP_SECRET = 'a-rotated-secret-of-at-least-32-characters'
    try {
      expect(await unsealShopperSession(sealed)).toEqual({})
    } finally {
      if (before === undefined) delete process.env.APP_SECRET
      else process.env.APP_SECRET = before
    }
    expect(await unsealShopperSession(sealed)).toEqual({ basketId: 12 })
  })

  it('keeps nothing for a seal that does not open', async () => {
    const foreign = await sealData({ basketId: 1 }, { password: { 1: 'another-secret-of-at-least-32-characters' }, ttl: 3600 })
    expect(await unsealShopperSession(foreign)).toEqual({})
    expect(await unsealShopperSession(`${foreign.slice(0, -8)}AAAAAAAA`)).toEqual({})
    expect(await unsealShopperSession('not a seal')).toEqual({})
    expect(await unsealShopperSession(undefined)).toEqual({})
  })
})
