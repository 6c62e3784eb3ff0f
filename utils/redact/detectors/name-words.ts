/**
 * The small word lists of the name detector (names.ts). The large lists (names, German nouns) are
 * data files (lexicon.ts); these are the project's own, short enough to review in one sitting.
 */

/** A set of the white-space separated words of `list` (the word lists of the name rules). */
export const words = (list: string): ReadonlySet<string> => new Set(list.split(/\s+/).filter(Boolean));

/** English cues take only a capitalised word or a listed name: "customer data" is no person. */
export const ENGLISH_CUES: ReadonlySet<string> = words(`
mr mrs ms miss mister customer applicant claimant tenant daughter son wife husband mother father partner
child sister brother grandson granddaughter stepson stepdaughter
`);

/**
 * Words after which the next words are a person's name ("Kundin Aylin", "Ehepaar Christ", "herr lippe"),
 * the English cues among them.
 */
export const NAME_CUES: ReadonlySet<string> = new Set([
  ...words(`
herr herrn frau hr fr familie fam eheleute geb verw gesch ehepaar geschwister kunde kundin neukunde neukundin
bestandskunde bestandskundin antragsteller antragstellerin leistungsberechtigte leistungsberechtigter
leistungsberechtigten bewerber bewerberin teilnehmer teilnehmerin klient klientin mandant mandantin
ehemann ehefrau ehepartner ehepartnerin lebenspartner lebenspartnerin lebensgefährte lebensgefährtin
partnerin tochter sohn mutter vater bruder schwester oma opa enkel enkelin stiefsohn stieftochter
pflegekind vermieter vermieterin betreuer betreuerin vormund witwe witwer
kd kdn kdin kinder
dr prof sachbearbeiter sachbearbeiterin arbeitsvermittler arbeitsvermittlerin fallmanager fallmanagerin
ansprechpartner ansprechpartnerin kollege kollegin
`),
  ...ENGLISH_CUES,
]);

/** Nouns after which "von", "zu" or "für" introduce a person: "Profil von Kevin B.", "E-Akte zu Jaber". */
export const OWNER_NOUNS: ReadonlySet<string> = words(`
profil akte e-akte eakte antrag anträge daten stammdaten unterlagen bescheid fall vorgang konto
kontoauszüge nachweise termin einladung lebenslauf vertrag datensatz eintrag bg bedarfsgemeinschaft
haushalt leistungsakte personalakte
rückruf anruf gespräch telefonat beratung beratungsgespräch erstgespräch hausbesuch vorsprache widerspruch
beschwerde anhörung mahnung nachricht rückmeldung
vermerk beratungsvermerk aktenvermerk gesprächsvermerk anschrift bankverbindung aufenthaltstitel rückfrage
dob profile file record
`);

/**
 * A file or record word, also as the last part of a compound: "Beratungsvermerk", "Weiterbewilligungsantrag",
 * "Fallakte" end in one ("vermerk", "antrag", "akte").
 */
export function isOwnerNoun(word: string): boolean {
  if (OWNER_NOUNS.has(word)) return true;
  for (const tail of OWNER_TAILS) if (word.length > tail.length + 2 && word.endsWith(tail)) return true;
  return false;
}
const OWNER_TAILS = [
  'vermerk',
  'antrag',
  'akte',
  'bescheid',
  'gespräch',
  'nachweise',
  'unterlagen',
  'profil',
  'bescheinigung',
  'übersicht',
];

/** Name particles: part of a name between or before name words ("von der Heide", "al-Hassan", "bin Laden"). */
export const PARTICLES: ReadonlySet<string> = words(`
von van vom zu zur der den de del della di da du dos das ten ter la le el al bin ibn bint abu mac mc
y
`);
// Not "ben": in "Ben Ali" it is a particle, but far more often the given name Ben (one of the most frequent
// given names of the last twenty years); as a given name it still joins the name it stands in.

/**
 * Words of software, offices and the web that are no German nouns and no names: capitalised in a note,
 * they must not count as unknown words. Product names of job-centre procedures belong here too.
 */
export const APP_WORDS: ReadonlySet<string> = words(`
gmbh ggmbh mbh ohg gbr kgaa home inbox menu login logout logoff settings intranet helpdesk
verbis allegro atlas cosach coarb colibri kolibri xsozial xjustiz eakte jobcenter jobbörse
arbeitsagentur ba bamf drv elster step finas larissa adele ergo wba kdu anlage vam eingangszone
leistungsabteilung markt integration musterstadt chrome chromium edge firefox mozilla safari windows office
outlook teams excel word powerpoint sharepoint onedrive citrix adobe acrobat reader flyer vpn wlan lan login logout log-in button
iban ibans kundennr kdnr bgnr minijob minijobs midijob minijobber telefonat telefonate telefonats doku perso ausweisnr
jira confluence servicenow bgbl bsg bverfg lsg sg reha hartz job turbo
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
dataport prosoz akdb governikus materna bechtle fujitsu unify itebo ekom21 civitec cancom computacenter
telekom vodafone siemens atos adesso capgemini accenture sopra steria lenovo kyocera ricoh canon
controlling
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
ihm sie er es wir uns an am im in zu zum zur bei beim vom für über unter vor nach aus auf
`);

/**
 * German words that are neither nouns, verbs nor adjectives and may open a sentence: prepositions,
 * conjunctions, adverbs, pronouns, numerals, particles, greetings. The noun, verb and adjective lists
 * know the rest of the language; these are what tells "Zwischen 12 und 13 Uhr" from "Dualeh hat".
 */
export const FUNCTION_WORDS: ReadonlySet<string> = words(`
vielen vieler vielem vieles wenigen weniger wenigem mehreren mehrerer beiden beider manchen mancher manchem
sämtlichen sämtlicher jeden jedem jeder jedes allen allem alles keinen keinem keiner keines welchen welchem
ab abends aber abermals abgesehen abseits abwärts allein allenfalls aller allerdings allerlei allezeit allmählich also
als alsbald alsdann am an andererseits anders anfangs angesichts anhand anlässlich anschließend anstatt anstelle auch
auf aufgrund aufwärts aus ausgenommen ausschließlich außen außer außerdem außerhalb äußerst bald beiderseits beim beinahe
bereits besonders bestenfalls betreffend bevor bezüglich bis bisher bislang bloß bzw da dabei dadurch dafür dagegen daher
dahin damals damit danach daneben dank dann daran darauf daraufhin daraus darin darüber darum darunter das dass davon
davor dazu dazwischen dein deine demnach demnächst denen denn dennoch deren derzeit des deshalb dessen desto deswegen
diesbezüglich dies diese diesem diesen dieser dieses diesmal doch dort dorthin draußen drei drinnen drüben du durch
durchaus durchweg ebenfalls ebenso ehe eher ein eine einem einen einer eines einerseits einige einigen einiger einmal
eins einst einstweilen elf endlich entgegen entlang entsprechend entweder erst erstens etwa etwas euch euer falls
fast ferner fortan freilich früher fünf für gar gegen gegenüber gemäß genauso gerade gern gestern gleich gleichfalls
gleichwohl gleichzeitig häufig hätte heraus herein heute heutzutage hier hierbei hierfür hiermit hierzu hin hinsichtlich
hinten hinter hinterher hoffentlich ich ihm ihn ihnen ihr ihre immer immerhin indem indes infolge infolgedessen inmitten
innen innerhalb insbesondere insgesamt inzwischen irgendwann irgendwie irgendwo je jede jedem jeden jedenfalls jeder
jedes jedoch jemals jemand jene jener jenseits jetzt kaum kein keine keinem keinen keiner keines keinesfalls keineswegs
kraft künftig kürzlich lange längs längst laut lediglich leider links los mal manchmal mehr mehrere mehrfach meines
meist meistens mich mindestens mir mit miteinander mithilfe mitten mittels mittlerweile möglicherweise montags morgen
morgens nach nachdem nachher nachmittags nachts nah nahe namens nämlich neben nebenbei nebst neun nicht nichts nie
niemals niemand nirgends noch nochmals normalerweise nun nur ob oben oberhalb obgleich obwohl oder oft oftmals ohne
ohnehin per plötzlich rechts rund samt sämtliche schließlich schon sechs sehr seid seit seitdem seitens selbst selbstverständlich
selten sieben sich sicherlich sie so sobald sodass sofern sofort sogar sogleich solange solch solche sondern sonst sooft
soviel soweit sowie sowohl später statt stattdessen stets tagsüber teils trotz trotzdem über überall überdies übrigens
um umso unbedingt und ungefähr unten unter unterhalb unterdessen unweit usw vermutlich viel viele vielleicht vier vom von
voneinander vor voran vorbei vorerst vorher vorhin vormittags vorn vorne während währenddessen wann warum was weder
weg wegen weil weiter weiterhin welche welchem welchen welcher welches wenig wenige wenigstens wenn wer weshalb wessen wie
wieder wiederum wieso wieviel wir wo wobei wodurch wofür wogegen woher wohin wohl womit wonach woran worauf woraus
worin worüber wozu zehn zudem zuerst zufolge zugleich zuletzt zumal zumeist zumindest zunächst zurzeit zusammen zuvor
zwar zwei zweimal zwischen zwölf erstens zweitens drittens hallo moin servus guten tag grüße gruß anbei anliegend
betreff betr ps nb build deploy login logout reload refresh reset bug fix kein keine nix ok okay ja nein jein gestern
vorgestern übermorgen neulich bisweilen zeitweise ständig dauernd wiederholt erneut nochmal nochmals teilweise
fehl fest fort her hin hoch herunter heraus hinaus hinein vorbei weg zurück weiter bereit frei kaputt schief
`);

/** Words after which a place follows, not a person: "Jobcenter Leipzig", "Standort Nord", "in Hannover". */
export const PLACE_CUES: ReadonlySet<string> = words(`
jobcenter jobcentern landkreis landkreises kreis kreises stadt region gemeinde standort standorte dienststelle
geschäftsstelle zweigstelle außenstelle agentur arbeit regionaldirektion bezirk stadtteil ortsteil in nach aus
`);

/**
 * English words a note in English is made of (the UI speaks English too): function words, and the
 * verbs, adverbs and nouns of a report about software. The German lists do not know them, and the
 * scraped name list holds many ("the", "very", "has"), so without them an English note lost half its
 * words. Words that are also common given names stay out ("mark", "june").
 */
export const ENGLISH_WORDS: ReadonlySet<string> = words(`
the a an and or but nor not no yes is are was were be been being am has have had having do does did done
doing can could will would should shall must might of in on at to from for with without within by about
above below after before during until since when while where why how what which who whom whose that this
these those there here then than if else so too very also only just still again always never often
sometimes usually now today yesterday tomorrow soon later already it its he she they them their theirs his
her hers him we us our you your i me my mine all any some each every other another more most less least
many much few several new old same different first last next one two three four five six seven eight nine
ten both either neither such own into onto out over under up down off through between against per via
doesn't don't didn't can't cannot won't isn't aren't wasn't weren't hasn't haven't couldn't wouldn't
shouldn't it's that's there's i'm i've we're they're let lets get gets got getting make makes made making
take takes took taken taking give gives gave given go goes went gone going come comes came coming see sees
saw seen show shows showed shown find finds found look looks looked seem seems seemed keep keeps kept try
tries tried need needs needed want wants wanted work works worked working broken break breaks load loads
loaded loading save saves saved saving open opens opened opening close closes closed print prints printed
click clicks clicked type types typed enter enters entered appear appears appeared missing wrong right
correct correctly slow slowly fast quickly long longer short wait waits waited waiting search searches
searched list lists page pages screen screens button buttons field fields form forms file files document
documents error errors message messages name names number numbers date dates time times minute minutes
second seconds hour hours day days week weeks client clients customer customers appointment appointments
caseworker colleague colleagues team office system application app update updates version login logout
password data entry entries record records table tables report reports problem problems issue issues
feedback note notes please thanks thank sorry hyphen well good bad better worse every whole part nothing
something anything everything nobody somebody anybody everybody always whenever because although though change changes request requests incident incidents self service services help desk chat bot bots share point single sign live walk plug add face peer daily stand meta multi smart cloud portal tool tools desktop laptop monitor headset webcam chat call video meeting meetings early late earlier later too enough fine
expired expires expire failed fails fail refresh refreshed reload reloaded respond responds response empty full greyed grey blank hidden visible disabled enabled
however instead otherwise either yet once twice card cards id passport identity tax account bank address street phone mobile email birth born child children wife husband son daughter mother father family benefit benefits office job jobs rent invoice letter letters upload uploads
`);

/**
 * Days, months, languages and nationalities: English capitalises them, so its dictionary refuses them in
 * lower case and a capital says nothing about a name ("since June", "the German label"). Words of the
 * English vocabulary (scripts/lexicon/build.ts adds them), never names on their own in English text.
 */
export const ENGLISH_PROPER_WORDS: ReadonlySet<string> = words(`
monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
september october november december english german french turkish arabic russian ukrainian polish romanian
bulgarian serbian croatian bosnian albanian persian farsi dari pashto kurdish syrian afghan iraqi iranian
eritrean somali tigrinya italian spanish portuguese greek dutch european christmas easter
`);
