import { afterEach, describe, expect, it } from 'vitest'
import { pageLinks } from '@/lib/resource/list'
import { publicHref, withRequestContext } from './request-context'

const request = (url: string, headers: Record<string, string> = {}) => new Request(url, { headers })

describe('absolute URLs of the request the client addressed', () => {
  afterEach(() => {
    delete process.env.PUBLIC_URL
  })

  it('keep the Host the client sent, its port and the forwarded scheme', () => {
    const answer = request('http://localhost:3900/api/v1/banks/?page=2', { host: 'pay.example:8443', 'x-forwarded-proto': 'https' })
    withRequestContext(answer, () => {
      expect(publicHref(answer.url)).toBe('https://pay.example:8443/api/v1/banks/?page=2')
      expect(pageLinks(answer.url, 2, 20, 100)).toEqual({
        next: 'https://pay.example:8443/api/v1/banks/?page=3',
        previous: 'https://pay.example:8443/api/v1/banks/',
      })
    })
  })

  it("put PUBLIC_URL's origin in place of the listener's, port included", () => {
    process.env.PUBLIC_URL = 'https://shop.example/'
    const answer = request('http://localhost:3900/api/v1/bin_numbers/?card=5&page=3&limit=2', { host: 'localhost:3900' })
    withRequestContext(answer, () => {
      expect(publicHref(answer.url)).toBe('https://shop.example/api/v1/bin_numbers/?card=5&page=3&limit=2')
      expect(pageLinks(answer.url, 3, 2, 7)).toEqual({
        next: 'https://shop.example/api/v1/bin_numbers/?card=5&page=4&limit=2',
        previous: 'https://shop.example/api/v1/bin_numbers/?card=5&page=2&limit=2',
      })
      expect(pageLinks(answer.url, 4, 2, 7).next).toBeNull()
    })
    process.env.PUBLIC_URL = 'http://shop.example:8080'
    withRequestContext(answer, () => expect(publicHref(answer.url)).toBe('http://shop.example:8080/api/v1/bin_numbers/?card=5&page=3&limit=2'))
  })

  it('give no links for a single page, and the URL itself without a request', () => {
    expect(pageLinks('http://localhost/api/v1/banks/', 1, 20, 20)).toEqual({ next: null, previous: null })
    expect(pageLinks(undefined, 1, 20, 100)).toEqual({ next: null, previous: null })
    expect(pageLinks('http://localhost/api/v1/banks/?page=2&page=5', 2, 20, 100)).toEqual({
      next: 'http://localhost/api/v1/banks/?page=3',
      previous: 'http://localhost/api/v1/banks/',
    })
  })
})
