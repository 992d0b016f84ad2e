/**
 * Certificates at home: registry certificates (residence, family status, citizenship, civil status,
 * birth, marriage, death, …) requested online or by phone and delivered by post, with the €16 stamp
 * duty as a pagoPA notice unless exempt, a transition table for the back office, tracking for the
 * citizen and a notification at each step. Other code imports only what is exported here.
 */
export { certificatesRoutes } from './routes';
export { certificatesListeners } from './listeners';
export { importCertificates } from './import-certificates';
export { certificateRequestStatus } from './read-requests';
export { fileCertificateRequest, type FileRequestInput, type Filer } from './file-request';
export { advanceCertificateRequest, markCertificateFeePaid } from './advance-request';
export { certificateStatuses, transitionTable, type CertificateStatus } from './workflow';
