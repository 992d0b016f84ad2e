/**
 * Self-service: the small set of calls that the phone line (IVR) and the chat assistant make on a
 * citizen's behalf, each answering with structured data and one sentence in the caller's language,
 * ready to be spoken or written. The use-cases live in their features (appointments, payments,
 * mobility, certificates, schools); this feature gathers them behind one public, rate-limited API
 * and one in-process entry point, so the voice channel and the chat share exactly the same answers.
 */
export { selfServiceRoutes } from './routes';
export { nextFreeSlot, bookForCaller } from '../appointments';
export { fineAmountDue } from '../payments';
export { areaCChargeToday } from '../mobility';
export { certificateRequestStatus } from '../certificates';
export { applicationStatus } from '../schools';
