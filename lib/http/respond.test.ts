import { describe, expect, it } from 'vitest'
import { bodilessRequest } from './node-request'
import { TextResponse, appendHeader, encodedJson, json, setHeader, textOf } from './respond'

describe('json(): a Response whose body stays a string until read', () => {
  it('is a Response with its status, headers and text, and reads like one', async () => {
    const response = json({ a: 1 }, 201, { 'x-extra': 'y' })
    expect(response).toBeInstanceOf(Response)
    expect(response.status).toBe(201)
    expect(response.headers.get('content-type')).toBe('application/json')
    expect(response.headers.get('x-extra')).toBe('y')
    expect(textOf(response)).toBe('{"a":1}')
    expect(response.bodyUsed).toBe(false)
    expect(await response.clone().json()).toEqual({ a: 1 })
    expect(await response.text()).toBe('{"a":1}')
    expect(response.bodyUsed).toBe(true)
    await expect(response.text()).rejects.toThrow(TypeError)
  })

  it('gives a real body stream to whoever asks (Next reads `body`), with headers set after it was made', async () => {
    const response = json([1, 2])
    response.headers.set('x-late', '1')
    expect(response.body).toBeInstanceOf(ReadableStream)
    const copy = new Response(response.body, response)
    expect(copy.headers.get('x-late')).toBe('1')
    expect(await copy.text()).toBe('[1,2]')
  })

  it('keeps its headers a record until asked, and the area’s headers never replace its own', () => {
    const response = json({ a: 1 }, 200, { 'Cache-Control': 'no-store' }) as TextResponse
    response.addMissingHeaders({ 'cache-control': 'public', 'x-frame-options': 'DENY' })
    expect(response.headerFields()).toEqual({ 'content-type': 'application/json', 'cache-control': 'no-store', 'x-frame-options': 'DENY' })
    // Asking for `headers` makes fetch's Headers once; later changes go there, and the record is gone.
    expect(response.headers.get('x-frame-options')).toBe('DENY')
    expect(response.headerFields()).toBeUndefined()
    response.addMissingHeaders({ 'x-frame-options': 'SAMEORIGIN', 'referrer-policy': 'same-origin' })
    expect(response.headers.get('x-frame-options')).toBe('DENY')
    expect(response.headers.get('referrer-policy')).toBe('same-origin')
    expect(response.headers).toBe(response.headers)
  })

  it('takes Headers or pairs as its init too', () => {
    const fromHeaders = new TextResponse('{}', { headers: new Headers({ 'x-a': '1' }) })
    expect(fromHeaders.headerFields()).toBeUndefined()
    expect(fromHeaders.headers.get('x-a')).toBe('1')
    expect(new TextResponse('{}', { headers: [['x-b', '2']] }).headers.get('x-b')).toBe('2')
  })

  it('sets and appends headers without leaving the record, as fetch’s Headers would; set-cookie stays one per cookie', () => {
    const response = json({ a: 1 }) as TextResponse
    setHeader(response, 'cache-control', 'private, no-store')
    appendHeader(response, 'vary', 'Cookie')
    appendHeader(response, 'vary', 'Accept-Language')
    appendHeader(response, 'set-cookie', 'a=1; Path=/')
    appendHeader(response, 'set-cookie', 'b=2; Path=/')
    expect(response.headerFields()).toEqual({
      'content-type': 'application/json',
      'cache-control': 'private, no-store',
      vary: 'Cookie, Accept-Language',
      'set-cookie': ['a=1; Path=/', 'b=2; Path=/'],
    })
    const real = new Headers({ 'content-type': 'application/json', 'cache-control': 'private, no-store' })
    real.append('vary', 'Cookie')
    real.append('vary', 'Accept-Language')
    real.append('set-cookie', 'a=1; Path=/')
    real.append('set-cookie', 'b=2; Path=/')
    expect([...response.headers]).toEqual([...real])
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/'])
    // Once the Headers exist, changes go there; a plain Response takes the same calls.
    appendHeader(response, 'set-cookie', 'c=3')
    expect(response.headers.getSetCookie()).toHaveLength(3)
    const plain = new Response(null, { status: 204 })
    setHeader(plain, 'cache-control', 'no-store')
    appendHeader(plain, 'set-cookie', 'a=1')
    expect(plain.headers.get('cache-control')).toBe('no-store')
    expect(plain.headers.getSetCookie()).toEqual(['a=1'])
  })

  it('answers with bytes encoded once, read like any body and never changed by reading', async () => {
    const bytes = Buffer.from(JSON.stringify({ label: 'Peşin fiyatına 3 taksit' }))
    const first = encodedJson(bytes)
    expect(textOf(first)).toBe(bytes)
    expect(first.headers.get('content-type')).toBe('application/json')
    expect(await first.json()).toEqual({ label: 'Peşin fiyatına 3 taksit' })
    expect(await encodedJson(bytes).clone().text()).toBe('{"label":"Peşin fiyatına 3 taksit"}')
    expect(bytes.toString()).toBe('{"label":"Peşin fiyatına 3 taksit"}')
  })

  it('is only for texts made by json(): other Responses have no text', () => {
    expect(textOf(new Response('x'))).toBeUndefined()
    expect(new TextResponse('', { status: 204 }).status).toBe(204)
  })
})

describe('bodilessRequest: a GET/HEAD Request read from node’s request', () => {
  const raw = ['Host', 'example.test', 'Cookie', 'a=1', 'cookie', 'b=2', 'X-Many', '1', 'x-many', '2', 'Authorization', 'Token abc']

  it('joins repeated headers as fetch’s Headers does', () => {
    const request = bodilessRequest('GET', 'http://example.test/api/v1/banks/?x=1', raw)
    const real = new Headers()
    for (let index = 0; index < raw.length; index += 2) real.append(raw[index], raw[index + 1])
    expect([...request.headers]).toEqual([...real])
    expect(request.headers.get('COOKIE')).toBe(real.get('cookie'))
    expect(request.headers.get('x-many')).toBe('1, 2')
    expect(request.headers.has('authorization')).toBe(true)
    expect(request.headers.get('missing')).toBeNull()
  })

  it('answers every other member from a real Request', async () => {
    const request = bodilessRequest('HEAD', 'http://example.test/x', raw)
    expect(request.method).toBe('HEAD')
    expect(request.url).toBe('http://example.test/x')
    expect(request.body).toBeNull()
    expect(request.signal.aborted).toBe(false)
    expect(request.clone().headers.get('authorization')).toBe('Token abc')
    expect(String(request)).toBe('[object Request]')
  })
})
