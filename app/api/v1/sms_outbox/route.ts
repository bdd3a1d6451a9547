// GET /api/v1/sms_outbox/?phone_number= (admins)
import { smsOutboxRoutes } from '@/lib/sms/api'

export const { GET, POST, PUT, PATCH, DELETE } = smsOutboxRoutes
