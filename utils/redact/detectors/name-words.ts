/**
 * The small word lists of the name detector (names.ts). The large lists (names, German nouns) are
 * data files (lexicon.ts); these are the project's own, short enough to review in one sitting.
 */

const words = (list: string): ReadonlySet<string> => new Set(list.split(/\s+/).filter(Boolean));

/** Words after which the next words are a person's name ("Kundin Aylin", "Ehepaar Christ", "herr lippe"). */
export const NAME_CUES: ReadonlySet<string> = words(`
herr herrn frau hr fr familie fam eheleute ehepaar geschwister kunde kundin neukunde neukundin
bestandskunde bestandskundin antragsteller antragstellerin leistungsberechtigte leistungsberechtigter
leistungsberechtigten bewerber bewerberin teilnehmer teilnehmerin klient klientin mandant mandantin
ehemann ehefrau ehepartner ehepartnerin lebenspartner lebenspartnerin lebensgefährte lebensgefährtin
partnerin tochter sohn mutter vater bruder schwester oma opa enkel enkelin stiefsohn stieftochter
pflegekind vermieter vermieterin betreuer betreuerin vormund witwe witwer
`);

/** Nouns after which "von", "zu" or "für" introduce a person: "Profil von Kevin B.", "E-Akte zu Jaber". */
export const OWNER_NOUNS: ReadonlySet<string> = words(`
profil akte e-akte eakte antrag anträge daten stammdaten unterlagen bescheid fall vorgang konto
kontoauszüge nachweise termin einladung lebenslauf vertrag datensatz eintrag bg bedarfsgemeinschaft
haushalt leistungsakte personalakte
`);

/** Name particles: part of a name between or before name words ("von der Heide", "al-Hassan", "bin Laden"). */
export const PARTICLES: ReadonlySet<string> = words(`
von van vom zu zur der den de del della di da du dos das ten ter la le el al bin ibn bint abu ben mac mc
y
`);

/**
 * Words of software, offices and the web that are no German nouns and no names: capitalised in a note,
 * they must not count as unknown words. Product names of job-centre procedures belong here too.
 */
export const APP_WORDS: ReadonlySet<string> = words(`
verbis allegro atlas cosach coarb colibri kolibri xsozial xjustiz eakte jobcenter jobbörse
arbeitsagentur ba bamf drv elster step finas larissa adele ergo wba kdu anlage vam eingangszone
leistungsabteilung markt integration musterstadt chrome chromium edge firefox safari windows office
outlook teams excel word powerpoint sharepoint onedrive citrix vpn wlan lan login logout log-in button
buttons browser dashboard popup pop-up tab tabs cache cookie cookies session server client token update
updates upload uploads download downloads workflow feature features bug bugs ticket tickets hotline
helpdesk support admin account user online offline scanner scan screenshot pdf email mail link links ok
cancel save submit enter strg alt shift esc dropdown checkbox checkboxen tooltip timeout error warning
java javascript sap oracle sql api url http https www html json csv xml zip microsoft google apple
android iphone ipad zoom webex skype whatsapp tablet laptop pc monitor headset touchscreen scrollen
klicken hover spinner captcha cloud desktop homeoffice mobile app apps release hotfix patch backend
frontend feedback mitsprache demo test testsystem produktion sso ldap okta pin tan qr usb bluetooth
intranet internet web portal postfach maske reiter pflichtfeld combobox kalender wiedervorlage abs nr
ggf bzw usw inkl exkl ca sgb bgb etc vgl lt gem z zb ua evtl mfg vg lg hallo hi danke bitte tschüss okay
hmm ah oh gerne sorry super prima toll klasse genau stimmt jein leider eigentlich tel fax mobil iban bic blz divers az gz kd kdnr rvnr steuerid handy
str hnr verh led gesch
`);

/**
 * Frequent lower-case words that end a name in a lower-case note ("kevin hat angerufen"): verbs,
 * adverbs and pronouns that are neither in the noun list nor in COMMON_WORDS.
 */
export const LOWER_STOP: ReadonlySet<string> = words(`
hat habe haben hatte hatten ist sind war waren wird werden wurde wurden kann können konnte will wollte
soll sollte muss musste darf durfte möchte mag kommt kam geht ging ruft rief sagt sagte meint fragt
fragte wartet braucht bekommt bekam erhält schickt gibt gab steht stand sieht findet weiß wohnt arbeitet
zieht lebt bittet meldet legt reicht bringt brachte angerufen gemeldet vorgesprochen erschienen da hier
dort heute gestern morgen schon noch nicht auch erst wieder bereits sofort jetzt nun dann denn mal
gerade eben bitte danke leider wegen wg zwecks mit ohne und oder aber sowie sein ihr ihre seine sich ihn
ihm sie er es wir uns
`);
