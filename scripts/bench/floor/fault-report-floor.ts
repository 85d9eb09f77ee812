/**
 * Floor for the fault report's first step ("Vad gäller felet?"), written by hand the way a
 * developer without eservice-kit would: the texts, options, checks and the two show rules of
 * packages/services/definitions/fault-report.json hard-coded. The bench compares
 * <es-service> with this on the same measurements.
 */
import { FloorForm, type FieldSpec } from './floor-form.js';

const SERVICE_CODE: FieldSpec = {
  name: 'service_code',
  kind: 'select',
  label: 'Vad gäller felet?',
  help: 'Fel på vatten och avlopp hanteras ofta av kommunens VA-bolag; vi skickar då anmälan vidare.',
  required: true,
  options: [
    ['gatubelysning', 'Gatubelysning'],
    ['gata-belaggning', 'Gata, potthål och beläggning'],
    ['gang-cykelvag', 'Gång- och cykelväg'],
    ['trafikskylt', 'Trafikskylt eller vägmärke'],
    ['trafiksignal', 'Trafiksignal'],
    ['klotter', 'Klotter och skadegörelse'],
    ['nedskrapning', 'Nedskräpning'],
    ['park-gronyta', 'Park och grönyta'],
    ['lekplats', 'Lekplats'],
    ['trad-vaxtlighet', 'Träd och växtlighet'],
    ['snorojning-halka', 'Snöröjning och halka'],
    ['dagvatten', 'Dagvatten och gatubrunn'],
    ['vatten-avlopp', 'Vatten och avlopp'],
    ['overgivna-fordon', 'Övergivna fordon och cyklar'],
    ['annat', 'Annat'],
  ],
};
const POLE_NUMBER: FieldSpec = {
  name: 'pole_number',
  kind: 'text',
  label: 'Stolpnummer (om du ser det)',
  help: 'Numret står ofta på en skylt eller bricka på stolpen. Det hjälper oss att hitta rätt lampa.',
  minLength: 1,
  maxLength: 20,
  pattern: '^[0-9A-Za-zÅÄÖåäö .:/-]+$',
  patternMessage: 'Skriv stolpnumret med bokstäver, siffror och bindestreck.',
};
const EXTENT: FieldSpec = {
  name: 'extent',
  kind: 'radio',
  label: 'Hur många lampor är släckta?',
  required: true,
  options: [
    ['en-lampa', 'En lampa'],
    ['flera-lampor', 'Flera lampor'],
    ['hela-gatan', 'Hela gatan eller området'],
  ],
};
const OFFENSIVE: FieldSpec = {
  name: 'offensive',
  kind: 'radio',
  label: 'Är klottret kränkande eller stötande?',
  help: 'Till exempel rasistiskt, sexistiskt eller hotfullt. Sådant klotter tar vi bort först.',
  required: true,
  options: [
    ['true', 'Ja'],
    ['false', 'Nej'],
  ],
};

export class FaultReportFloor extends FloorForm {
  protected readonly heading = 'Felanmälan – gata, park och belysning';
  protected readonly stepTitle = 'Vad gäller felet?';

  protected visibleFields(): readonly FieldSpec[] {
    // The definition's rules: lamp details for street lighting, "offensive?" for graffiti.
    const code = this.values['service_code'];
    if (code === 'gatubelysning') return [SERVICE_CODE, POLE_NUMBER, EXTENT];
    if (code === 'klotter') return [SERVICE_CODE, OFFENSIVE];
    return [SERVICE_CODE];
  }
}
customElements.define('floor-fault-report', FaultReportFloor);
