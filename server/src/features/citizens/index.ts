export {
  computeCheckCharacter,
  encodeFiscalCode,
  omocodeVariants,
  validateFiscalCode,
} from './fiscal-code';
export type { FiscalCodeInvalidReason, FiscalCodePerson, FiscalCodeResult } from './fiscal-code';
export { citizensRoutes } from './routes';
