import { z } from 'zod'
import * as f from '@/lib/resource/fields'

/** The new-token form, validated in the browser and again by the action, with the API's messages. */
export const tokenInputSchema = z
  .object({
    name: f.zodField(f.string({ label: 'Name', maxLength: 128 })),
    user: f.zodField(f.reference({ label: 'Acts as', table: 'users' })),
  })
  .strict()
