/**
 * Appointments: bookable services, slot templates and generated slots, bookings with codes,
 * the waiting list, reminders and calendars, the front desk's lists and statistics.
 * Other features and channels use only what is exported here.
 */
export { appointmentsRoutes } from './routes';
export { appointmentsListeners } from './listeners';
export { appointmentsJobs } from './jobs';
export { importAppointments } from './import-appointments';

// Use-cases for the phone line and the chat assistant: answers ready to speak or write.
export { nextFreeSlot, bookForCaller, type CallerBooking } from './self-service';

// Use-cases for other features (agent desktop, insights).
export { listServices, type ServiceView } from './services';
export { listSlots, type SlotView } from './slots';
export { bookAppointment, type BookingRequest, type BookingResult } from './book-appointment';
export { getAppointment, cancelAppointment, rescheduleAppointment, appointmentCalendar, type AppointmentView } from './manage-appointment';
export { joinWaitlist, acceptOffer, expireOffers, leaveWaitlist, getWaitlistEntry } from './waitlist';
export { officeDay, recordOutcome, statistics } from './staff-desk';
export { generateSlots, extendSlots, type GenerationReport } from './slot-generation';
export { buildCalendar, type CalendarEvent } from './ics';
