export {
  addCalendarDays,
  addCalendarMonths,
  addWorkingDays,
  expectedBy,
  isSwedishPublicHoliday,
  isWorkingDay,
  stockholmDate,
  swedishPublicHolidays,
} from "./working-days.js";
export type { SwedishHoliday } from "./working-days.js";
