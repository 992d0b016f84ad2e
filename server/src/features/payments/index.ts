export {
  buildNoticeNumber,
  computeCheckDigits,
  formatNoticeNumber,
  paymentQrCode,
  validateNoticeNumber,
} from './notice-number';
export type { AuxDigit, NoticeNumberInvalidReason, NoticeNumberResult } from './notice-number';
export { paymentsRoutes } from './routes';
