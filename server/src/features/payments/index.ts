export {
  buildNoticeNumber,
  computeCheckDigits,
  formatNoticeNumber,
  paymentQrCode,
  validateNoticeNumber,
} from './notice-number';
export type { AuxDigit, NoticeNumberInvalidReason, NoticeNumberResult } from './notice-number';
export { paymentsRoutes } from './routes';

// Notices the city issues (fees, tickets) or imports (ledgers); payments arrive as `payment.*` events.
export { issueNotice, findNotice, noticesFor, cancelNotice, type IssueNoticeInput, type NoticeView } from './notices';
export { paymentNotices, type NoticeStatus } from './tables';
