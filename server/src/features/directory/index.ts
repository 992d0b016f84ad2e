/**
 * Directory: departments, offices, opening hours with exceptions and holidays, "open now" and
 * "next opening" in the city's zone (Europe/Rome). Other features use only what is exported here.
 */
export { directoryRoutes } from './routes';
export { directoryListeners } from './listeners';
export { importDirectory } from './import-directory';

// Use-cases (database-backed, cached).
export { openingStatus, weeklyHours, officeOpeningIntervals, todayIn, type OpeningView, type OpeningInterval, type ReasonCode } from './opening';
export { holidayCalendar, isHoliday, holidaysBetween, listHolidays, type HolidayView } from './holidays';
export { listOffices, getOffice, listMunicipi, listDepartments, listExceptions, type OfficeSummary, type OfficeDetail, type OfficeFilter } from './offices';
export { createOffice, updateOffice, replaceWeeklyHours, putException, deleteException } from './office-editing';
export { importOfficesExport } from './import-offices';

// Pure computation, for business hours elsewhere (routing queues, appointment calendars).
export { computeOpeningStatus, openingIntervals, dayPlan, exceptionsByDate, noExceptions, noHolidays, LOOKAHEAD_DAYS, type OpeningStatus, type OpeningCause, type ExceptionDay, type ExceptionReason, type HolidayLookup, type ExceptionLookup } from './opening-status';
export { HolidayCalendar, holidaysInYear, type Holiday, type HolidayRule } from './holiday-calendar';
export { easterSunday } from './easter';
export { parseWeeklyHours, parseDayHours, parseRanges, formatWeeklyHours, dayNames } from './hours-grammar';
export { mergeRanges, parseTime, formatTime, emptySchedule, type TimeRange, type WeeklySchedule, type Weekday } from './time-ranges';
export { localToInstant, instantToLocal, formatInstant, parseInstant, addDays, weekdayOf, isValidDate } from './local-time';
