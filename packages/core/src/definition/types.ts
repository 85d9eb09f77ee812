/**
 * The e-service definition format. `docs/definition-format.md` documents every key;
 * `meta-schema/definition.schema.json` is the machine-checked form of these types.
 */

/** A language tag used in definitions, e.g. "sv" or "en". */
export type LanguageTag = string;

/** Text in several languages: `{ "sv": "…", "en": "…" }`. */
export type LocalizedText = Readonly<Record<LanguageTag, string>>;

/** An RFC 6901 JSON Pointer into the answers, e.g. "/partner1/givenName". */
export type JsonPointer = string;

/** A JSON Schema (2020-12) object, kept opaque: ajv checks it. */
export type JsonSchema = { readonly [keyword: string]: unknown } | boolean;

/** How a case status maps onto Open311 GeoReport v2, which knows only open and closed. */
export type Open311Status = 'open' | 'closed';

export interface StatusDefinition {
  readonly id: string;
  readonly label: LocalizedText;
  /** Short explanation shown to the citizen on the status timeline. */
  readonly description?: LocalizedText;
  readonly open311: Open311Status;
  /** A final status ends the case: no further transitions are expected. */
  readonly final: boolean;
}

export interface HandlingTime {
  /** Working days (Swedish calendar) from submission to the expected date. */
  readonly workingDays: number;
  /** What the promise means, e.g. "We answer within 5 working days". */
  readonly description?: LocalizedText;
}

/** Semantic roles that other parts (notifications, purging, Open311) look up instead of guessing. */
export interface FieldRoles {
  readonly contactEmail?: JsonPointer;
  readonly contactPhone?: JsonPointer;
  readonly givenName?: JsonPointer;
  readonly familyName?: JsonPointer;
  /** A single name field, where given and family names are not split. */
  readonly fullName?: JsonPointer;
  readonly postalAddress?: JsonPointer;
  readonly location?: {
    readonly lat?: JsonPointer;
    readonly long?: JsonPointer;
    readonly addressString?: JsonPointer;
  };
  readonly description?: JsonPointer;
  readonly attachments?: JsonPointer;
}

/** Maps a definition onto Open311 GeoReport v2 requests. */
export interface Open311Mapping {
  /** The field holding the Open311 service_code (a category), or a fixed code. */
  readonly serviceCode: { readonly field: JsonPointer } | { readonly value: string };
  /** Extra answers sent as `attribute[code]`, keyed by Open311 attribute code. */
  readonly attributes?: Readonly<Record<string, JsonPointer>>;
}

export interface PrivacyNotice {
  /** The data controller, normally the responsible nämnd, with contact details. */
  readonly controller: LocalizedText;
  readonly contact?: LocalizedText;
  readonly dpo?: LocalizedText;
  readonly purpose: LocalizedText;
  readonly legalBasis: LocalizedText;
  readonly retention: LocalizedText;
  readonly recipients?: LocalizedText;
  /** The data subject's rights, how to complain to IMY, automated decisions, IP logging. */
  readonly rights?: LocalizedText;
  /** Short summary shown in the intro; the rest sits behind a "read more" disclosure. */
  readonly summary: LocalizedText;
  /** Fields holding personal data: purged when the retention period ends. */
  readonly personalData: readonly JsonPointer[];
  /** Personal-sensitive fields (e.g. personnummer): never kept in drafts unless allowed below. */
  readonly sensitive: readonly JsonPointer[];
}

/** Where drafts live; sensitive fields are left out unless `includeSensitive` is true. */
export interface DraftSettings {
  readonly storage: 'session' | 'local' | 'none';
  readonly includeSensitive?: boolean;
}

export interface FeedbackSettings {
  readonly enabled: boolean;
  /** Overrides of the default wording (see EVALUATION.md), keyed by message id. */
  readonly wording?: Readonly<Record<string, LocalizedText>>;
}

export interface SurveySettings {
  /** Id of a survey definition served by the same API. */
  readonly id: string;
  readonly trigger?: 'after-submit' | 'after-status-final';
}

/** Option labels for an enum or array-of-enum field, keyed by the JSON value as a string. */
export type OptionLabels = Readonly<Record<string, LocalizedText>>;

/** Message overrides keyed by ajv keyword ("required", "minLength", "format", …). */
export type MessageOverrides = Readonly<Record<string, LocalizedText>>;

/** Presentation of one field, keyed in `ui.fields` by its JSON Pointer. */
export interface FieldUi {
  readonly label: LocalizedText;
  readonly help?: LocalizedText;
  readonly placeholder?: LocalizedText;
  /** A widget name from the element's registry; without it the registry picks the best fit. */
  readonly widget?: string;
  readonly options?: OptionLabels;
  readonly messages?: MessageOverrides;
  /** `autocomplete` token for the native control, e.g. "email" or "given-name". */
  readonly autocomplete?: string;
}

export interface StepUi {
  readonly id: string;
  readonly title: LocalizedText;
  readonly description?: LocalizedText;
  /** Top-level or nested field pointers shown on this step, in order. */
  readonly fields: readonly JsonPointer[];
}

export type RuleEffect = 'show' | 'hide' | 'require';

/**
 * When `when` (a JSON Schema over the whole answers object) holds, the effect applies to
 * the named fields and steps. A field or step targeted by any `show` rule is hidden until
 * one of those rules holds; a `hide` rule that holds always hides.
 */
export interface Rule {
  readonly id: string;
  readonly when: JsonSchema;
  readonly effect: RuleEffect;
  readonly fields?: readonly JsonPointer[];
  readonly steps?: readonly string[];
}

/** A date relative to today (Europe/Stockholm) or to another answer, moved by months then days. */
export type DateBound = ({ readonly today: true } | { readonly field: JsonPointer }) & {
  readonly months?: number;
  readonly days?: number;
};

/**
 * A limit on a date field that static JSON Schema cannot express: "at least 14 days from
 * today", "at most 4 months after the certificate date". `field` may use "*" for list items.
 */
export interface DateRule {
  readonly id: string;
  readonly field: JsonPointer;
  readonly notBefore?: DateBound;
  readonly notAfter?: DateBound;
}

export interface DefinitionUi {
  readonly steps: readonly StepUi[];
  readonly fields: Readonly<Record<JsonPointer, FieldUi>>;
  readonly rules?: readonly Rule[];
}

export interface ServiceDefinition {
  /** Optional pointer to the meta-schema, for editors. */
  readonly $schema?: string;
  /** Stable id, lower-case kebab case, e.g. "fault-report". */
  readonly id: string;
  /** Semantic version of this definition; a changed schema needs a new version. */
  readonly version: string;
  /** The language used when a text lacks the requested one. */
  readonly defaultLanguage: LanguageTag;
  /** Every language every text must carry. */
  readonly languages: readonly LanguageTag[];
  readonly title: LocalizedText;
  readonly description: LocalizedText;
  readonly category: string;
  /** Prefix of human references, e.g. "FEL" gives FEL-2026-000123. */
  readonly referencePrefix: string;
  readonly handlingTime: HandlingTime;
  /** "What happens next", shown on the receipt. */
  readonly nextSteps?: LocalizedText;
  /** Statuses in lifecycle order; the first is the status of a new case. */
  readonly statuses: readonly StatusDefinition[];
  readonly schema: JsonSchema;
  readonly ui: DefinitionUi;
  readonly roles?: FieldRoles;
  readonly open311?: Open311Mapping;
  readonly privacy: PrivacyNotice;
  readonly drafts?: DraftSettings;
  readonly feedback?: FeedbackSettings;
  readonly survey?: SurveySettings;
  /** Date limits relative to today or to other answers, checked by evaluate(). */
  readonly dateRules?: readonly DateRule[];
  /** Definition-wide message overrides keyed by keyword, below per-field ones. */
  readonly messages?: MessageOverrides;
}

/** A definition that passed loading, with the content hash core computed for it. */
export interface LoadedDefinition {
  readonly definition: ServiceDefinition;
  /** "sha256-" + base64url of the SHA-256 of the canonical JSON of the definition. */
  readonly hash: string;
}
