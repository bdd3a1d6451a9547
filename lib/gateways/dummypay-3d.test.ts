import { describe, expect, it } from 'vitest'
import { answerChallenge, challengeUrl, readAnswer, readChallenge, returnUrl, type ThreeDChallenge } from './dummypay-3d'

const challenge: ThreeDChallenge = {
  transaction: 'dp_0123456789abcdef01234567',
  amount: '710.02',
  currency: 'TRY',
  card: '411111******1111',
  returnPath: '/storefront/checkout/3d-return',
  expires: 2_000_000_000,
}

const query = (url: string) => new URL(url, 'http://shop.test').searchParams

describe('DummyPay 3-D Secure', () => {
  it('reads back the challenge it signed, and refuses an altered or expired one', () => {
    const url = challengeUrl('http://shop.test/storefront/3d-secure/?transaction=dp_0123456789abcdef01234567', challenge)
    expect(readChallenge(query(url), 1_900_000_000)).toEqual({ ok: true, challenge })
    const altered = query(url)
    altered.set('amount', '1.00')
    expect(readChallenge(altered, 1_900_000_000)).toEqual({ ok: false, reason: 'invalid' })
    const elsewhere = query(url)
    elsewhere.set('return', 'https://evil.test/')
    expect(readChallenge(elsewhere, 1_900_000_000)).toEqual({ ok: false, reason: 'invalid' })
    expect(readChallenge(query(url), 2_000_000_001)).toEqual({ ok: false, reason: 'expired' })
  })

  it('approves 123456 only, and signs transaction, amount and result', () => {
    const approved = answerChallenge(challenge, '123456')
    expect(approved.result).toBe('approved')
    expect(readAnswer(query(approved.returnUrl))).toEqual({ transaction: challenge.transaction, amount: '710.02', result: 'approved' })
    expect(answerChallenge(challenge, '123457').result).toBe('failed')
    expect(answerChallenge(challenge, '').result).toBe('failed')
  })

  it('refuses a forged return: a failed answer turned into approved, another amount, no hash', () => {
    const failed = query(returnUrl(challenge, 'failed'))
    failed.set('result', 'approved')
    expect(readAnswer(failed)).toBeNull()
    const cheaper = query(returnUrl(challenge, 'approved'))
    cheaper.set('amount', '1.00')
    expect(readAnswer(cheaper)).toBeNull()
    const unsigned = query(returnUrl(challenge, 'approved'))
    unsigned.delete('hash')
    expect(readAnswer(unsigned)).toBeNull()
  })

  it('does not take a challenge signature as a return signature', () => {
    const url = query(challengeUrl('http://shop.test/storefront/3d-secure/', challenge))
    const forged = new URLSearchParams({ transaction: challenge.transaction, amount: challenge.amount, result: 'approved', hash: url.get('hash')! })
    expect(readAnswer(forged)).toBeNull()
  })
})
