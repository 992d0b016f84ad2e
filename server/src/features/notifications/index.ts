/**
 * Notifications: outbound email and SMS to citizens. Other features queue a message inside their own
 * transaction (so it is never lost and never sent for a change that rolled back); a worker sends it
 * right after commit, or when it is due, with retries. Other features use only what is exported here.
 */
export { queueNotification, cancelNotifications, listNotifications, type NotificationRequest } from './queue-notification';
export type { NotificationView } from './schema';
export { notificationsJobs } from './jobs';
export { notificationsRoutes } from './routes';
export { notificationsListeners } from './listeners';
