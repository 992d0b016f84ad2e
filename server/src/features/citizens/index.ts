/**
 * Citizens: profiles with contact points, preferred language, consents and codice fiscale; search;
 * matching of incoming contacts; export and erasure on request. Other features use only what is
 * exported here.
 */
export { citizensRoutes, type CitizensRouteOptions } from './routes';

// Pure: codice fiscale and contact-point normalisation.
export { computeCheckCharacter, encodeFiscalCode, omocodeVariants, validateFiscalCode } from './fiscal-code';
export type { FiscalCodeInvalidReason, FiscalCodePerson, FiscalCodeResult } from './fiscal-code';
export { normalisePhone, normaliseEmail, normaliseMessagingId, normaliseAddress, addressCandidates, CHANNELS, type Channel } from './contact-points';

// Use-cases. Staff ones audit every read; `matchCitizen`/`insertCitizen`/`insertConsent` run in the caller's transaction (channels).
export { createCitizen, updateCitizen, getCitizen, insertCitizen, citizenExists, preferredLanguageOf, auditActor, type StaffAccess, type CitizenInput, type CitizenView, type ContactPointInput } from './citizens';
export { searchCitizens, matchCitizen, type CitizenSearch, type CitizenMatch, type MatchInput } from './citizen-search';
export { recordConsent, insertConsent, hasConsent, CONSENT_KINDS, type ConsentKind, type ConsentInput } from './consents';
export { exportCitizen, eraseCitizen, type CitizenDataHolder, type CitizenExport, type ErasureReport } from './privacy';
export { reasonQuery } from './schema';
