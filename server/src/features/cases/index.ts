/**
 * Cases: requests escalated to back offices, with the service catalogue, SLA deadlines in business
 * hours, status history and notes. Open311 (features/open311) is their public face; other features
 * use only what is exported here.
 */
export { casesRoutes } from './routes';
export { importServiceCatalogue } from './import-catalogue';
export { createCase, checkCaseInput, type NewCase, type CaseActor, type CreatedCase } from './create-case';
export { changeCaseStatus, addCaseNote, publicStatus, canMove } from './case-status';
export { caseSettingsOf, listServiceRecords, findServiceRecord, serviceView, attributeViews, pick, businessCalendar, type ServiceRecord, type ServiceView, type AttributeView, type CaseSettingsView } from './catalogue';
export { findPublicRequests, findPublicRequest, findRequestByToken, publicUpdates, type PublicRequestFilter, type PublicRequestRow, type PublicUpdate } from './public-requests';
export { addBusinessHours, addBusinessMinutes, businessMinutesBetween, type BusinessCalendar } from './business-hours';
export { validateAttributes, attributeDatatypes, type AttributeDefinition, type AttributeInput, type AttributeValues } from './attributes';
export { caseStatuses, caseChannels, serviceTypes, type CaseStatus, type CaseChannel, type ServiceType } from './tables';
