import { describe, expect, it } from 'vitest'
import { api } from '../helpers/api'

describe('/api/v1/openapi.json', () => {
  it('documents every resource with list, detail and schema paths generated from the resource descriptions', async () => {
    const { status, body } = await api('GET', '/api/v1/openapi.json', undefined, { token: null })
    expect(status).toBe(200)
    expect(body.openapi).toBe('3.1.0')
    const bankList = body.paths['/api/v1/banks/']
    expect(bankList.get.parameters.map((parameter: { name: string }) => parameter.name)).toEqual(
      expect.arrayContaining(['page', 'limit', 'ordering', 'channel', 'id__gte', 'modified_date__date']),
    )
    expect(bankList.post.responses['400'].content['application/json'].examples).toBeTruthy()
    expect(body.paths['/api/v1/banks/{id}/'].delete.responses['204']).toBeTruthy()
    const input = body.components.schemas.BankInput
    expect(input.required).toEqual(expect.arrayContaining(['name', 'slug', 'channel']))
    expect(input.properties.name).toMatchObject({ type: 'string', maxLength: 64, title: 'Name' })
    expect(input.additionalProperties).toBe(false)
    expect(body.components.schemas.Bank.properties.pk.readOnly).toBe(true)
  })

  it('lists the schema endpoint of every documented resource', async () => {
    const { body } = await api('GET', '/api/v1/openapi.json', undefined, { token: null })
    const listPaths = Object.keys(body.paths).filter((path) => /^\/api\/v1\/[a-z_]+\/$/.test(path))
    expect(listPaths.length).toBeGreaterThan(0)
    for (const path of listPaths) {
      expect(body.paths[`${path}schema/`]).toBeTruthy()
      const schema = await api('GET', `${path}schema/`)
      expect(schema.status).toBe(200)
      expect(schema.body).toMatchObject({ name: 'Schema', actions: { POST: expect.any(Object) }, ordering: '__all__' })
    }
  })
})
