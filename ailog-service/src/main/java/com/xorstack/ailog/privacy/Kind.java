package com.xorstack.ailog.privacy;

/**
 * What a redacted piece of text was, and the placeholder that replaces it. Several of the
 * 18 Safe Harbor types share a placeholder where text alone cannot tell them apart (a
 * member number from an account number): docs/PRIVACY.md maps each type to one.
 */
enum Kind {

	NAME("[NAME]"), ADDRESS("[ADDRESS]"), LOCATION("[LOCATION]"), DATE("[DATE]"), AGE("[AGE 90+]"), PHONE("[PHONE]"),
	FAX("[FAX]"), EMAIL("[EMAIL]"), SSN("[SSN]"), ID("[ID]"), ACCOUNT("[ACCOUNT]"), URL("[URL]"), IP("[IP]"),
	DEVICE("[DEVICE]"), BIOMETRIC("[BIOMETRIC]"), REDACTED("[REDACTED]");

	private final String placeholder;

	Kind(String placeholder) {
		this.placeholder = placeholder;
	}

	String placeholder() {
		return this.placeholder;
	}

}
