package com.xorstack.ailog.privacy;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Names of fields whose values identify a person, in any case style: {@code patientName},
 * {@code patient_name}, {@code PATIENT-NAME} and {@code "Patient Name"} are one key,
 * {@code patientname}. Each maps to the kind its value is redacted as.
 */
final class FieldNames {

	private static final Map<Kind, String> DEFAULTS = Map.ofEntries(
			Map.entry(Kind.NAME,
					"name fullname firstname lastname givenname familyname surname middlename maidenname nickname "
							+ "patientname patientfullname patientsname patient username displayname contactname "
							+ "mothersname fathersname nextofkin emergencycontact vorname nachname familienname "
							+ "geburtsname rufname patientenname given family"),
			Map.entry(Kind.DATE, "dob dateofbirth birthdate birthday geburtsdatum geburtstag gebdatum admissiondate "
					+ "dischargedate dateofdeath deathdate dod aufnahmedatum entlassdatum entlassungsdatum sterbedatum"),
			Map.entry(Kind.ADDRESS,
					"address streetaddress street addressline addressline1 addressline2 homeaddress city town zip postal line "
							+ "zipcode postalcode postcode plz ort wohnort anschrift adresse strasse straße hausnummer county "
							+ "location geolocation coordinates latitude longitude lat lon lng"),
			Map.entry(Kind.PHONE,
					"phone phonenumber telephone tel mobile mobilephone cell cellphone telefon telefonnummer handy "
							+ "handynummer mobilnummer"),
			Map.entry(Kind.FAX, "fax faxnumber faxnummer telefax"),
			Map.entry(Kind.EMAIL, "email emailaddress mail mailaddress emailadresse"),
			Map.entry(Kind.SSN,
					"ssn socialsecuritynumber socialsecurity sozialversicherungsnummer svnr svnummer rentenversicherungsnummer "
							+ "steuerid taxid"),
			Map.entry(Kind.ID,
					"mrn medicalrecordnumber medicalrecord patientid patientnumber patientennummer recordnumber chartnumber "
							+ "insuranceid insurancenumber memberid membernumber policynumber policyid healthplanid "
							+ "healthplannumber versichertennummer krankenversichertennummer versicherungsnummer "
							+ "licensenumber licencenumber driverslicense driverslicence fuehrerschein führerschein "
							+ "certificatenumber passportnumber ausweisnummer vin licenseplate plate kennzeichen npi dea identifier "
							+ "beneficiaryidentifier mbi handle"),
			Map.entry(Kind.ACCOUNT, "accountnumber account iban cardnumber creditcard kontonummer bankaccount"),
			Map.entry(Kind.DEVICE, "deviceid serialnumber serial imei macaddress udid"),
			Map.entry(Kind.IP, "ip ipaddress ipadresse clientip remoteaddr"),
			Map.entry(Kind.URL, "url website homepage profileurl"),
			Map.entry(Kind.BIOMETRIC, "fingerprint fingerprintid biometricid faceid voiceprint irisscan retinascan"));

	private final Map<String, Kind> kinds;

	private FieldNames(Map<String, Kind> kinds) {
		this.kinds = kinds;
	}

	/**
	 * The defaults and {@code extra} names (of any case style), redacted as
	 * {@code [REDACTED]}.
	 */
	static FieldNames with(List<String> extra) {
		Map<String, Kind> kinds = new HashMap<>();
		DEFAULTS.forEach((kind, names) -> {
			for (String name : names.split(" ")) {
				kinds.put(name, kind);
			}
		});
		extra.forEach((name) -> kinds.putIfAbsent(key(name), Kind.REDACTED));
		return new FieldNames(Map.copyOf(kinds));
	}

	/** The kind of a field of this name (any case style), or null. */
	Kind kindOf(String name) {
		return this.kinds.get(key(name));
	}

	/**
	 * Lower case, separators and a possessive "'s" gone: {@code Patient's_Name} is
	 * patientname.
	 */
	static String key(String name) {
		StringBuilder key = new StringBuilder(name.length());
		String lower = name.toLowerCase(Locale.ROOT).replace("'s", "s").replace("\u2019s", "s");
		for (int i = 0; i < lower.length(); i++) {
			char c = lower.charAt(i);
			if (Character.isLetterOrDigit(c)) {
				key.append(c);
			}
		}
		return key.toString();
	}

}
