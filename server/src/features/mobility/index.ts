/**
 * Mobility: the dated rules of Milan's traffic schemes (Ecopass, Area C, Area B), the quote that
 * applies them, Area C tickets paid through pagoPA, residents' free entries and gate entries.
 * Other features use only what is exported here.
 */
export { mobilityRoutes } from './routes';
export { mobilityListeners } from './listeners';
export { invalidateRules } from './rule-store';
export { importMobility } from './import-mobility';

// Self-service (phone line, chat assistant) and the quote for other features.
export { areaCChargeToday, type AreaCTodayInput } from './self-service';
export { getQuote, computeQuote, type QuoteView } from './get-quote';
export { quote, versionOn, type Quote, type QuoteRequest, type Vehicle, type ReasonCode } from './quote';
export { buyTicket, checkTicket, type TicketView, type TicketCheck } from './area-c-tickets';
export { registerPermit, getPermit, recordEntry, type PermitView, type EntryView } from './area-c-residents';
export { listVersions, putVersion, deleteVersion } from './rule-versions';
export { normalisePlate, isItalianPlate } from './plates';
export { SCHEMES, VEHICLE_KINDS, FUELS, CLASSES, type Scheme, type RuleVersion } from './rules-schema';
