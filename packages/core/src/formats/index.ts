export {
  SWEDISH_FORMAT_NAMES,
  formatPersonnummer,
  formatPostnummer,
  isMobile,
  isOrgnr,
  isPersonalId,
  isPersonnummer,
  isPhone,
  isPostnummer,
  isSamordningsnummer,
  normalizePersonalId,
  normalizePersonnummer,
  normalizePhone,
  parsePersonalId,
  swedishFormats,
} from "./swedish.js";
export type { PersonalIdKind, SwedishFormat, SwedishFormatName } from "./swedish.js";
