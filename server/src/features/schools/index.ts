/**
 * School enrollment support: per school type the eligibility questions and their evaluation and the
 * document checklist (city data, nine languages), and the status of families' applications imported
 * from the enrollment system. The enrollment windows stay with knowledge (content editors keep
 * them); this feature holds what is evaluated per family and personal data (applications), which
 * needs audited staff reads and a second factor for the public lookup.
 */
export { schoolsRoutes } from './routes';
export { importSchools } from './import-schools';
export { applicationStatus } from './applications';
export { importApplications } from './import-applications';
export { evaluateEligibility, type Answers, type Evaluation } from './eligibility';
