import { describe, expect, it } from 'vitest'
import { queueChanges, settleQueue } from './table-url'

describe('queued table navigations', () => {
  it('builds a second change on the first while it is on its way', () => {
    const first = queueChanges(null, 'limit=50', { bank: '3' })!
    expect(first.target).toBe('limit=50&bank=3')
    const second = queueChanges(first, 'limit=50', { card_type: '7' })!
    expect(second.target).toBe('limit=50&bank=3&card_type=7')
  })

  it('keeps building on the last target when the first of two navigations lands before a third change', () => {
    const first = queueChanges(null, '', { bank: '3' })!
    const second = queueChanges(first, '', { card_type: '7' })!
    // The page now shows the first navigation's URL; the second is still on its way.
    const shown = 'bank=3'
    const kept = settleQueue(second, shown)
    expect(kept).toBe(second)
    expect(queueChanges(kept, shown, { name__icontains: 'axess' })!.target).toBe('bank=3&card_type=7&name__icontains=axess')
  })

  it('ends the queue when the page arrives, or leaves for a URL nobody here asked for', () => {
    const first = queueChanges(null, '', { bank: '3' })!
    expect(settleQueue(first, 'bank=3')).toBeNull()
    expect(settleQueue(first, 'ordering=name')).toBeNull()
    // After the back button, a change builds on the URL shown.
    expect(queueChanges(first, 'ordering=name', { bank: '4' })!.target).toBe('ordering=name&bank=4')
  })

  it('removes blank values and the page, keeps the page when asked, prefixes sub-table parameters', () => {
    expect(queueChanges(null, 'bank=3&page=4', { bank: '' })!.target).toBe('')
    expect(queueChanges(null, 'page=4', { columns: 'name,slug' }, '', false)!.target).toBe('page=4&columns=name%2Cslug')
    expect(queueChanges(null, 'bins.page=2&page=3', { bin_number_length: '8' }, 'bins.')!.target).toBe('page=3&bins.bin_number_length=8')
  })

  it('asks for nothing when nothing changes', () => {
    expect(queueChanges(null, 'bank=3', { bank: '3' })).toBeNull()
    const first = queueChanges(null, '', { bank: '3' })!
    expect(queueChanges(first, '', { bank: '3' })).toBeNull()
  })
})
