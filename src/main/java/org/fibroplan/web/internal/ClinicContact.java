package org.fibroplan.web.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The clinic as a patient's printed plan names it ({@code fibroplan.clinic.*}): who to call about the plan.
 * The defaults in application.yml are made up, for the demo; a clinic sets its own.
 *
 * @param name the clinic's name
 * @param phone the number patients call about their plan
 * @param email where patients write (optional)
 * @param address the clinic's address, one line (optional)
 * @param hours when the phone is answered (optional)
 */
@ConfigurationProperties("fibroplan.clinic")
record ClinicContact(String name, String phone, String email, String address, String hours) {

	ClinicContact {
		name = blankToNull(name);
		phone = blankToNull(phone);
		email = blankToNull(email);
		address = blankToNull(address);
		hours = blankToNull(hours);
	}

	/** The clinic's name, or words that still make sense on paper when none is configured. */
	public String nameOrDefault() {
		return name == null ? "your clinic" : name;
	}

	/** The phone number as a link a phone can dial ("tel:02079460123"), or null without a number. */
	public String phoneLink() {
		return phone == null ? null : "tel:" + phone.replaceAll("[^+0-9]", "");
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}
}
