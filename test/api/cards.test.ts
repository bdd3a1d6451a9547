import { describe, expect, it } from 'vitest'
import { api, CHANNEL, ISO_MICRO, OTHER_CHANNEL, uid } from '../helpers/api'
import { createBank, createCard, createCardType, createPos, today } from '../helpers/fixtures'

const BASE = '/api/v1/cards/'
const FIELDS = [
  'pk', 'name', 'bank', 'card_type', 'card_payment_type', 'cash_payment', 'installment_payment', 'slug',
  'three_d_payment', 'is_commerce_card', 'channel', 'currency_pos', 'modified_date', 'created_date',
]

/** A bank, a card type and two POS of one channel: what a card needs. */
async function parts(channel = CHANNEL) {
  const [bank, cardType, cash, installment] = await Promise.all([createBank(channel), createCardType(channel), createPos(channel), createPos(channel)])
  return { bank, cardType, cash, installment }
}

describe('/api/v1/cards', () => {
  it('creates, reads, lists, updates and deletes a card as the spec shows', async () => {
    const { bank, cardType, cash, installment } = await parts()
    const slug = uid('new')
    // The spec's create body.
    const created = await api('POST', BASE, {
      name: 'new',
      bank: bank.pk,
      card_type: cardType.pk,
      card_payment_type: 'debit',
      cash_payment: cash.pk,
      installment_payment: installment.pk,
      slug,
      three_d_payment: cash.pk,
      is_commerce_card: false,
      channel: CHANNEL,
    })
    expect(created.status).toBe(201)
    expect(created.body).toEqual({
      pk: expect.any(Number),
      name: 'new',
      bank: bank.pk,
      card_type: cardType.pk,
      card_payment_type: 'debit',
      cash_payment: cash.pk,
      installment_payment: installment.pk,
      slug,
      three_d_payment: cash.pk,
      is_commerce_card: false,
      channel: CHANNEL,
      currency_pos: [],
      modified_date: expect.stringMatching(ISO_MICRO),
      created_date: expect.stringMatching(ISO_MICRO),
    })
    expect(Object.keys(created.body)).toEqual(FIELDS)
    const id = created.body.pk

    const detail = await api('GET', `${BASE}${id}/`)
    expect(detail.status).toBe(200)
    expect(detail.body).toEqual(created.body)

    // Spec: ?name=Bonus&bank=2
    const list = await api('GET', `${BASE}?name=new&bank=${bank.pk}`)
    expect(list.status).toBe(200)
    expect(list.body).toEqual({ count: 1, next: null, previous: null, results: [created.body] })

    // The spec's update body, pk included (read-only, ignored).
    const newSlug = uid('new-card')
    const updated = await api('PUT', `${BASE}${id}/`, {
      pk: 1,
      name: 'New Card',
      bank: bank.pk,
      card_type: cardType.pk,
      card_payment_type: 'credit',
      cash_payment: cash.pk,
      installment_payment: installment.pk,
      slug: newSlug,
      three_d_payment: cash.pk,
      is_commerce_card: false,
      channel: CHANNEL,
    })
    expect(updated.status).toBe(200)
    expect(updated.body).toEqual({
      ...created.body,
      name: 'New Card',
      card_payment_type: 'credit',
      slug: newSlug,
      modified_date: expect.stringMatching(ISO_MICRO),
    })
    expect(updated.body.created_date).toBe(created.body.created_date)

    const patched = await api('PATCH', `${BASE}${id}`, { three_d_payment: null, is_commerce_card: true })
    expect(patched.status).toBe(200)
    expect(patched.body).toMatchObject({ three_d_payment: null, is_commerce_card: true, name: 'New Card' })

    const removed = await api('DELETE', `${BASE}${id}/`)
    expect(removed.status).toBe(204)
    expect((await api('GET', `${BASE}${id}/`)).body).toEqual({ detail: 'Not found.' })
  })

  it('reports both unique sets together, and each alone', async () => {
    const { bank, cardType, cash, installment } = await parts()
    const body = {
      name: 'Bonus', bank: bank.pk, card_type: cardType.pk, card_payment_type: 'credit',
      cash_payment: cash.pk, installment_payment: installment.pk, slug: uid('bonus'), channel: CHANNEL,
    }
    const first = await api('POST', BASE, body)
    expect(first.status).toBe(201)
    const both = await api('POST', BASE, body)
    expect(both.status).toBe(400)
    expect(both.body).toEqual({
      non_field_errors: [
        'The fields slug, channel, bank, card_type must make a unique set.',
        'The fields bank, card_type, card_payment_type must make a unique set.',
      ],
    })
    const sameType = await api('POST', BASE, { ...body, slug: uid('other') })
    expect(sameType.body).toEqual({ non_field_errors: ['The fields bank, card_type, card_payment_type must make a unique set.'] })
    const sameSlug = await api('POST', BASE, { ...body, card_payment_type: 'debit' })
    expect(sameSlug.body).toEqual({ non_field_errors: ['The fields slug, channel, bank, card_type must make a unique set.'] })

    const debit = await api('POST', BASE, { ...body, slug: uid('debit'), card_payment_type: 'debit' })
    expect(debit.status).toBe(201)
    const clash = await api('PATCH', `${BASE}${debit.body.pk}/`, { card_payment_type: 'credit', slug: body.slug })
    expect(clash.status).toBe(400)
    expect(clash.body.non_field_errors).toHaveLength(2)
    expect((await api('GET', `${BASE}${debit.body.pk}/`)).body).toEqual(debit.body)
  })

  it('answers 406 card_100_2 for any reference of another channel, and card_100_3 for a channel change', async () => {
    const own = await parts()
    const other = await parts(OTHER_CHANNEL)
    const body = {
      name: 'Card', bank: own.bank.pk, card_type: own.cardType.pk, card_payment_type: 'credit',
      cash_payment: own.cash.pk, installment_payment: own.installment.pk, slug: uid('card'), channel: CHANNEL,
    }
    const message = `Card: ${own.bank.name} ${own.cardType.name} ${own.bank.slug} Web Shop incompatible.`
    const variants: [string, Record<string, unknown>, string][] = [
      ['bank', { bank: other.bank.pk }, `Card: ${other.bank.name} ${own.cardType.name} ${other.bank.slug} Web Shop incompatible.`],
      ['card_type', { card_type: other.cardType.pk }, `Card: ${own.bank.name} ${other.cardType.name} ${own.bank.slug} Web Shop incompatible.`],
      ['cash_payment', { cash_payment: other.cash.pk }, message],
      ['installment_payment', { installment_payment: other.installment.pk }, message],
      ['three_d_payment', { three_d_payment: other.cash.pk }, message],
    ]
    for (const [field, change, expected] of variants) {
      const response = await api('POST', BASE, { ...body, ...change })
      expect(response.status, field).toBe(406)
      expect(response.body, field).toEqual({ non_field_errors: expected, error_code: 'card_100_2' })
    }
    expect((await api('GET', `${BASE}?slug=${body.slug}`)).body.count).toBe(0)

    const card = await api('POST', BASE, body)
    expect(card.status).toBe(201)
    const patched = await api('PATCH', `${BASE}${card.body.pk}/`, { three_d_payment: other.cash.pk })
    expect(patched.status).toBe(406)
    expect(patched.body.error_code).toBe('card_100_2')

    const moved = await api('PATCH', `${BASE}${card.body.pk}/`, { channel: OTHER_CHANNEL })
    expect(moved.status).toBe(406)
    expect(moved.body).toEqual({ non_field_errors: `Channel: Web Shop of Card: ${body.slug} cannot change.`, error_code: 'card_100_3' })
    expect((await api('GET', `${BASE}${card.body.pk}/`)).body).toEqual(card.body)
  })

  it('keeps per-currency POS (currency_pos): validated, replaced as a set, shown on detail and list', async () => {
    const { bank, cardType, cash, installment } = await parts()
    const [usdPos, eurPos] = await Promise.all([createPos(), createPos()])
    const card = await createCard(CHANNEL, {
      bank: bank.pk, card_type: cardType.pk, cash_payment: cash.pk, installment_payment: installment.pk,
      currency_pos: [
        { currency: 'USD', cash_payment: usdPos.pk, installment_payment: usdPos.pk },
        { currency: 'EUR', cash_payment: eurPos.pk, installment_payment: eurPos.pk, three_d_payment: eurPos.pk },
      ],
    })
    const both = [
      { currency: 'EUR', cash_payment: eurPos.pk, installment_payment: eurPos.pk, three_d_payment: eurPos.pk },
      { currency: 'USD', cash_payment: usdPos.pk, installment_payment: usdPos.pk, three_d_payment: null },
    ]
    expect(card.currency_pos).toEqual(both)
    expect((await api('GET', `${BASE}${card.pk}/`)).body.currency_pos).toEqual(both)

    // A page of several cards carries each card's own set.
    const plain = await createCard(CHANNEL, { bank: bank.pk, card_type: cardType.pk, card_payment_type: 'debit' })
    const list = await api('GET', `${BASE}?bank=${bank.pk}`)
    expect(list.body.results.map((row: any) => [row.pk, row.currency_pos])).toEqual([[card.pk, both], [plain.pk, []]])

    // PATCH without currency_pos leaves the set alone.
    expect((await api('PATCH', `${BASE}${card.pk}/`, { name: 'Renamed' })).body.currency_pos).toEqual(both)

    // Sending the field replaces the set.
    const replaced = await api('PATCH', `${BASE}${card.pk}/`, {
      currency_pos: [{ currency: 'USD', cash_payment: eurPos.pk, installment_payment: usdPos.pk, three_d_payment: usdPos.pk }],
    })
    expect(replaced.status).toBe(200)
    expect(replaced.body.currency_pos).toEqual([{ currency: 'USD', cash_payment: eurPos.pk, installment_payment: usdPos.pk, three_d_payment: usdPos.pk }])

    const unchanged = replaced.body
    const otherPos = await createPos(OTHER_CHANNEL)
    const refused: [string, unknown, number, unknown][] = [
      ['duplicate currency', [{ currency: 'USD', cash_payment: usdPos.pk, installment_payment: usdPos.pk }, { currency: 'USD', cash_payment: eurPos.pk, installment_payment: eurPos.pk }], 400,
        { currency_pos: ['Item 2: currency: USD is given more than once.'] }],
      ['lower-case currency', [{ currency: 'usd', cash_payment: usdPos.pk, installment_payment: usdPos.pk }], 400,
        { currency_pos: ['Item 1: currency: "usd" is not a valid ISO 4217 currency code.'] }],
      ['unknown currency', [{ currency: 'XYZ', cash_payment: usdPos.pk, installment_payment: usdPos.pk }], 400,
        { currency_pos: ['Item 1: currency: "XYZ" is not a valid ISO 4217 currency code.'] }],
      ['missing currency', [{ cash_payment: usdPos.pk, installment_payment: usdPos.pk }], 400, { currency_pos: ['Item 1: currency: This field is required.'] }],
      ['missing POS', [{ currency: 'GBP', cash_payment: usdPos.pk }], 400, { currency_pos: ['Item 1: installment_payment: This field is required.'] }],
      ['POS of wrong type', [{ currency: 'GBP', cash_payment: 'x', installment_payment: usdPos.pk }], 400,
        { currency_pos: ['Item 1: cash_payment: Incorrect type. Expected pk value, received str.'] }],
      ['unknown key', [{ currency: 'GBP', cash_payment: usdPos.pk, installment_payment: usdPos.pk, rate: 1 }], 400, { currency_pos: ['Item 1: rate: Unknown field.'] }],
      ['not a list', { currency: 'GBP' }, 400, { currency_pos: ['Expected a list of items but got type "dict".'] }],
      ['item not an object', ['GBP'], 400, { currency_pos: ['Item 1: Invalid data. Expected a dictionary.'] }],
      ['null', null, 400, { currency_pos: ['This field may not be null.'] }],
      ['unknown POS', [{ currency: 'GBP', cash_payment: 99999999, installment_payment: usdPos.pk }], 400,
        { currency_pos: ['Invalid pk "99999999" - object does not exist.'] }],
      ['POS of another channel', [{ currency: 'GBP', cash_payment: usdPos.pk, installment_payment: otherPos.pk }], 406,
        { non_field_errors: `Card: ${bank.name} ${cardType.name} ${bank.slug} Web Shop incompatible.`, error_code: 'card_100_2' }],
    ]
    for (const [label, value, status, body] of refused) {
      const response = await api('PATCH', `${BASE}${card.pk}/`, { name: 'Should not stick', currency_pos: value })
      expect(response.status, label).toBe(status)
      expect(response.body, label).toEqual(body)
    }
    expect((await api('GET', `${BASE}${card.pk}/`)).body).toEqual(unchanged)

    const cleared = await api('PATCH', `${BASE}${card.pk}/`, { currency_pos: [] })
    expect(cleared.body.currency_pos).toEqual([])
    expect((await api('GET', `${BASE}${card.pk}/`)).body.currency_pos).toEqual([])
  })

  it('filters on every card field with lookups and orders on any field', async () => {
    const { bank, cardType, cash, installment } = await parts()
    const three = await createPos()
    const credit = await createCard(CHANNEL, { name: 'Alpha', bank: bank.pk, card_type: cardType.pk, cash_payment: cash.pk, installment_payment: installment.pk })
    const debit = await createCard(CHANNEL, {
      name: 'Beta', bank: bank.pk, card_type: cardType.pk, card_payment_type: 'debit', cash_payment: cash.pk,
      installment_payment: installment.pk, three_d_payment: three.pk, is_commerce_card: true,
    })
    const pks = (response: { body: { results: { pk: number }[] } }) => response.body.results.map((row) => row.pk)
    const scoped = `bank=${bank.pk}`
    expect(pks(await api('GET', `${BASE}?${scoped}`))).toEqual([credit.pk, debit.pk])
    expect(pks(await api('GET', `${BASE}?${scoped}&card_payment_type=debit`))).toEqual([debit.pk])
    expect(pks(await api('GET', `${BASE}?${scoped}&is_commerce_card=true`))).toEqual([debit.pk])
    expect(pks(await api('GET', `${BASE}?${scoped}&is_commerce_card=false`))).toEqual([credit.pk])
    expect(pks(await api('GET', `${BASE}?three_d_payment=${three.pk}`))).toEqual([debit.pk])
    expect(pks(await api('GET', `${BASE}?card_type=${cardType.pk}&cash_payment=${cash.pk}&installment_payment=${installment.pk}`))).toEqual([credit.pk, debit.pk])
    expect(pks(await api('GET', `${BASE}?slug=${credit.slug}`))).toEqual([credit.pk])
    expect(pks(await api('GET', `${BASE}?${scoped}&name=Alpha`))).toEqual([credit.pk])
    expect(pks(await api('GET', `${BASE}?${scoped}&name=alpha`))).toEqual([])
    expect(pks(await api('GET', `${BASE}?${scoped}&name__icontains=ALP`))).toEqual([credit.pk])
    expect(pks(await api('GET', `${BASE}?${scoped}&name__icontains=%25`))).toEqual([])
    expect(pks(await api('GET', `${BASE}?${scoped}&id__gte=${debit.pk}`))).toEqual([debit.pk])
    expect(pks(await api('GET', `${BASE}?${scoped}&id__lt=${debit.pk}`))).toEqual([credit.pk])
    expect(pks(await api('GET', `${BASE}?${scoped}&modified_date__date=${today()}`))).toEqual([credit.pk, debit.pk])
    expect(pks(await api('GET', `${BASE}?${scoped}&modified_date__gt=2999-01-01T00:00:00Z`))).toEqual([])
    expect(pks(await api('GET', `${BASE}?${scoped}&channel=${OTHER_CHANNEL}`))).toEqual([])
    expect(pks(await api('GET', `${BASE}?${scoped}&ordering=-name`))).toEqual([debit.pk, credit.pk])
    expect(pks(await api('GET', `${BASE}?${scoped}&ordering=card_payment_type,-pk`))).toEqual([credit.pk, debit.pk])

    const bad: [string, string][] = [
      ['card_payment_type=prepaid', 'card_payment_type'],
      ['bank=abc', 'bank'],
      ['id__gte=one', 'id__gte'],
      ['is_commerce_card=perhaps', 'is_commerce_card'],
      ['modified_date__date=yesterday', 'modified_date__date'],
      ['ordering=currency_pos', 'ordering'],
      ['limit=0', 'limit'],
    ]
    for (const [query, field] of bad) {
      const response = await api('GET', `${BASE}?${query}`)
      expect(response.status, query).toBe(400)
      expect(Object.keys(response.body), query).toEqual([field])
    }
    const injection = await api('GET', `${BASE}?name=${encodeURIComponent("Alpha' OR '1'='1")}`)
    expect(injection.status).toBe(200)
    expect(injection.body.count).toBe(0)
  })

  it('refuses bad input with a 400 naming the field and changes nothing', async () => {
    const card = await createCard()
    const valid = {
      name: 'N', bank: card.bank, card_type: card.card_type, card_payment_type: 'debit',
      cash_payment: card.cash_payment, installment_payment: card.installment_payment, slug: uid('s'), channel: CHANNEL,
    }
    const cases: [string, unknown, Record<string, unknown>][] = [
      ['missing fields', { channel: CHANNEL }, {
        name: ['This field is required.'], bank: ['This field is required.'], card_type: ['This field is required.'],
        card_payment_type: ['This field is required.'], cash_payment: ['This field is required.'],
        installment_payment: ['This field is required.'], slug: ['This field is required.'],
      }],
      ['bad choice', { ...valid, card_payment_type: 'prepaid' }, { card_payment_type: ['"prepaid" is not a valid choice.'] }],
      ['oversize name', { ...valid, name: 'x'.repeat(65) }, { name: ['Ensure this field has no more than 64 characters.'] }],
      ['bad slug', { ...valid, slug: 'no spaces' }, { slug: ['Enter a valid “slug” consisting of letters, numbers, underscores or hyphens.'] }],
      ['unknown bank', { ...valid, bank: 99999999 }, { bank: ['Invalid pk "99999999" - object does not exist.'] }],
      ['unknown POS', { ...valid, three_d_payment: 99999999 }, { three_d_payment: ['Invalid pk "99999999" - object does not exist.'] }],
      ['card type of wrong type', { ...valid, card_type: [1] }, { card_type: ['Incorrect type. Expected pk value, received list.'] }],
      ['null bank', { ...valid, bank: null }, { bank: ['This field may not be null.'] }],
      ['bool not boolean', { ...valid, is_commerce_card: 'sometimes' }, { is_commerce_card: ['Must be a valid boolean.'] }],
      ['unknown key', { ...valid, number: '4111111111111111' }, { number: ['Unknown field.'] }],
      ['a string body', '"card"', { non_field_errors: ['Invalid data. Expected a dictionary, but got str.'] }],
    ]
    for (const [label, body, errors] of cases) {
      const response = await api('POST', BASE, body)
      expect(response.status, label).toBe(400)
      expect(response.body, label).toEqual(errors)
      const patchKeys = Object.keys(errors).filter((key) => typeof body === 'object' && body !== null && key in body)
      if (patchKeys.length) {
        const patched = await api('PATCH', `${BASE}${card.pk}/`, Object.fromEntries(patchKeys.map((key) => [key, (body as any)[key]])))
        expect(patched.status, `PATCH ${label}`).toBe(400)
      }
    }
    expect((await api('POST', BASE, '{"name": "x",')).status).toBe(400)
    expect((await api('PUT', `${BASE}${card.pk}/`, { name: 'Only a name' })).status).toBe(400)
    expect((await api('GET', `${BASE}?bank=${card.bank}`)).body.results).toEqual([card])
    expect((await api('GET', `${BASE}abc/`)).status).toBe(404)
    expect((await api('POST', `${BASE}${card.pk}/`, valid)).status).toBe(405)
  })

  it('describes itself at /schema/', async () => {
    const schema = await api('GET', `${BASE}schema/`)
    expect(schema.status).toBe(200)
    const post = schema.body.actions.POST
    expect(Object.keys(post)).toEqual(FIELDS)
    expect(post.card_payment_type).toMatchObject({
      type: 'choice', required: true,
      choices: [{ value: 'credit', display_name: 'Credit' }, { value: 'debit', display_name: 'Debit' }],
    })
    expect(post.three_d_payment).toMatchObject({ type: 'pk field', required: false, read_only: false })
    expect(post.is_commerce_card).toMatchObject({ type: 'boolean', required: false })
    expect(post.currency_pos).toMatchObject({ type: 'list', required: false, read_only: false })
    expect(Object.keys(post.currency_pos.child.children)).toEqual(['currency', 'cash_payment', 'installment_payment', 'three_d_payment'])
    expect(Object.keys(schema.body.filters).sort()).toEqual([
      'bank', 'card_payment_type', 'card_type', 'cash_payment', 'channel', 'created_date', 'id', 'installment_payment',
      'is_commerce_card', 'modified_date', 'name', 'pk', 'slug', 'three_d_payment',
    ])
    expect(schema.body.filters.card_payment_type).toEqual({ type: 'ChoiceFilter', lookup_types: ['exact'], choices: ['credit', 'debit'] })
  })
})
