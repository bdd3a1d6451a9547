import { describe, expect, it } from 'vitest'
import { clientAddress, PEER_HEADER } from './client-address'

const headers = (values: Record<string, string>) => new Headers(values)

describe('clientAddress', () => {
  it('ignores X-Forwarded-For unless TRUST_PROXY is set', () => {
    const sent = headers({ 'x-forwarded-for': '203.0.113.9', [PEER_HEADER]: '198.51.100.1' })
    expect(clientAddress(sent, {})).toBe('198.51.100.1')
    expect(clientAddress(headers({ 'x-forwarded-for': '203.0.113.9' }), {})).toBe('unknown')
  })

  it('behind N trusted proxies takes the address the outermost one saw, not what the client prepended', () => {
    const chain = headers({ 'x-forwarded-for': '10.9.9.9, 203.0.113.9', [PEER_HEADER]: '127.0.0.1' })
    expect(clientAddress(chain, { TRUST_PROXY: '1' })).toBe('203.0.113.9')
    expect(clientAddress(headers({ 'x-forwarded-for': 'spoof, 203.0.113.9, 10.0.0.2' }), { TRUST_PROXY: '2' })).toBe('203.0.113.9')
    expect(clientAddress(headers({ [PEER_HEADER]: '127.0.0.1' }), { TRUST_PROXY: '1' })).toBe('127.0.0.1')
  })
})
