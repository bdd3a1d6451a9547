// GET /storefront/sms-hint/: the demo's outbox hint (the latest SMS to the shopper's OTP phone), outbox mode only.
import { NotFoundError } from '@/lib/http/errors'
import { json } from '@/lib/http/respond'
import { isOutboxMode } from '@/lib/sms'
import { latestOutboxMessage } from '@/lib/sms/outbox'
import { storefrontHandler, storefrontRoutes } from '@/lib/storefront/area'

export const { GET, POST, PUT, PATCH, DELETE } = storefrontRoutes({
  GET: storefrontHandler(
    async (_request, { db, shopper }) => {
      if (!isOutboxMode()) throw new NotFoundError()
      const code = await db.selectFrom('otp_codes').select('phone_number').where('shopper_id', '=', shopper!.id).executeTakeFirst()
      const message = code ? await latestOutboxMessage(db, code.phone_number) : undefined
      return json({ body: message?.body ?? null })
    },
    { shopper: true },
  ),
})
