package com.xorstack.ailog.privacy;

import java.util.Map;

/**
 * The built-in word lists of the {@link Lexicon}, English and German, lower case, by
 * flag. Short on purpose: each word here changes what detection finds, and the corpus
 * test (src/test/resources/privacy/corpus.json) is what says whether a change helps.
 */
final class Words {

	static final Map<Integer, String> ALL = Map.ofEntries(Map.entry(Lexicon.TITLE,
			"mr mrs ms miss mx dr prof sir madam herr frau fr hr doktor doctor professor nurse schwester pfleger "
					+ "med rer nat dent phil habil univ dipl"),
			Map.entry(Lexicon.NAME_CUE,
					"named heiße heisse heißt heisst signed gez unterschrieben unterzeichnet sincerely regards grüße gruesse grüßen gruß"),
			Map.entry(Lexicon.PERSON_CUE,
					"patient patientin pt dear hi hello hey hallo liebe lieber mother father son daughter husband wife brother sister "
							+ "mutter vater sohn tochter ehemann ehefrau bruder partner caregiver angehörige"),
			Map.entry(Lexicon.MONTH,
					"january february march april may june july august september october november december "
							+ "januar jänner februar märz maerz mai juni juli oktober dezember"),
			Map.entry(Lexicon.MONTH_SHORT, "jan feb mar apr jun jul aug sep sept oct okt nov dec dez"),
			Map.entry(Lexicon.DATE_CUE,
					"born dob birth birthday birthdate on since admitted discharged died deceased dated date visit "
							+ "geboren geb am seit vom bis aufgenommen entlassen verstorben datum termin geburtstag geburtsdatum "
							+ "montag dienstag mittwoch donnerstag freitag samstag sonntag monday tuesday wednesday thursday "
							+ "friday saturday sunday"),
			Map.entry(Lexicon.ID_CUE,
					"mrn id record chart patientennummer patientenid fallnummer aktenzeichen member policy account konto "
							+ "kontonummer license licence lizenz führerschein fuehrerschein certificate zertifikat vin plate "
							+ "kennzeichen serial seriennummer sn imei device gerät geraet gerätenummer case claim dea npi badge "
							+ "passport reisepass ausweis personalausweis ausweisnummer insurance versicherung versichertennummer "
							+ "krankenversichertennummer ssn svnr sozialversicherungsnummer steuerid steueridentifikationsnummer "
							+ "iban subscriber versicherungsnummer mitgliedsnummer kundennummer customer beneficiary group identifier mbi "
							+ "sin rentenversicherungsnummer"),
			Map.entry(Lexicon.PHONE_CUE,
					"phone tel telephone mobile cell call ring text sms whatsapp telefon telefonnummer handy mobil "
							+ "rufnummer anrufen erreichbar"),
			Map.entry(Lexicon.FAX_CUE, "fax telefax faxnummer"),
			Map.entry(Lexicon.STREET,
					"street st avenue ave road rd boulevard blvd lane ln drive court ct way place pl terrace parkway "
							+ "pkwy circle cir highway hwy square sq trail dr straße strasse str weg allee platz gasse ring damm ufer"),
			Map.entry(Lexicon.UNIT,
					"mg g kg mcg µg ug ng ml l dl mmol mol iu ie u units unit einheiten mmhg bpm kcal cal cm mm m km "
							+ "steps schritte hours stunden h min minutes minuten sec seconds tabs tablets tabletten copies cells "
							+ "zellen percent prozent mg/dl meq mosm years jahre μl μg nl fl pl µl"),
			Map.entry(Lexicon.TLD,
					"com org net edu gov mil int de at ch uk eu io info biz co us ca health care clinic app dev me "
							+ "online site nl fr it es"),
			Map.entry(Lexicon.AGE_WORD,
					"year years yr yrs yo old jahre jahren jährig jährige jähriger jährigen jaehrig alt aged age alter"),
			Map.entry(Lexicon.EPONYM,
					"parkinson parkinsons alzheimer alzheimers crohn crohns hashimoto hodgkin hodgkins addison addisons "
							+ "cushing cushings graves huntington huntingtons down asperger aspergers tourette tourettes raynaud "
							+ "raynauds sjögren sjogren bechterew basedow guillain barré barre kaposi wilson wilsons lyme apgar "
							+ "glasgow babinski bell bells meniere menieres paget pagets hirschsprung kawasaki marfan turner "
							+ "klinefelter epstein barr reye reyes korsakoff wernicke broca bernstein heimlich"),
			Map.entry(Lexicon.PLACE_CUE,
					"in from near lives living resides resident moved aus nach bei von wohnt wohnhaft lebt wohnort ort city stadt town "
							+ "county landkreis kreis ortsteil stadtteil bezirk neighborhood neighbourhood district suburb hometown "
							+ "heimatort"),
			Map.entry(Lexicon.ADDRESS_UNIT, "apt apartment suite ste unit wohnung whg postfach box zimmer room"),
			Map.entry(Lexicon.DISEASE,
					"disease diseases syndrome syndromes disorder sign test score reflex scale maneuver manoeuvre "
							+ "krankheit erkrankung syndrom syndroms zeichen"),
			Map.entry(Lexicon.BIOMETRIC_CUE,
					"fingerprint fingerprints iris retina voiceprint faceprint biometric biometrics palmprint "
							+ "fingerabdruck fingerabdrucks biometrisch biometrische gesichtsprofil dna genome genom genetic"),
			Map.entry(Lexicon.ORDINAL, "st nd rd th"), Map.entry(Lexicon.URL_SCHEME, "http https ftp www"),
			Map.entry(Lexicon.IP_CUE, "ip ipv4 ipv6 ip-adresse host client server"),
			Map.entry(Lexicon.PARTICLE, "von van der de den del da di la le zu ten ter mc"),
			Map.entry(Lexicon.PLACE_WORD,
					"am im an auf zum zur zip plz postleitzahl postcode postal wohnort ortsteil stadtteil heimatort hometown "
							+ "location standort neighborhood neighbourhood suburb stadt town city ort landkreis kreis bezirk "
							+ "county parish hinterhaus vorderhaus seitenflügel gartenhaus rear basement og eg ug stock etage "
							+ "floor obergeschoss"),
			Map.entry(Lexicon.AT_DOT, "at ät aet dot punkt"),
			Map.entry(Lexicon.CODE_SYSTEM, "icd hcpcs cpt loinc snomed ops atc pzn ndc rxnorm ebm drg"));

	private Words() {
	}

}
