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
export { issueNotice, registerNotice, findNotice, noticesFor, cancelNotice, type IssueNoticeInput, type NoticeView } from './notices';
export { paymentNotices, type NoticeStatus } from './tables';

// Payments received: the receipt webhook, and `markNoticePaid` for other features' tests.
export { markNoticePaid, type MarkPaidInput } from './receipts';
export { signReceipt, SIGNATURE_HEADER } from './webhook-signature';

// Ledgers of local taxes and traffic fines (docs/taxes-and-fines.md).
export { importCityLedgers, importLedgers, readLedgerFiles, type LedgerFiles } from './import-ledgers';
export { fineAmountDue, findPositionFor, type FineAmountAnswer } from './lookup';
export { fineAmountDueOn, taxAmountDueOn, nextWorkingDay, type FineDue, type TaxDue } from './amount-due';
