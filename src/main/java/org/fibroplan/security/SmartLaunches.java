package org.fibroplan.security;

/**
 * SMART EHR launches (App Launch 2.2): what an EHR does before it opens a SMART app for the patient on
 * screen. The launch token it hands the app (with {@code iss}) is opaque; the app sends it back on
 * {@code /oauth2/authorize} with scope {@code launch}, and the token response then names the patient.
 * Offered by the embedded authorization server only (an external one issues its own launches).
 */
public interface SmartLaunches {

	/**
	 * A new launch for {@code patientId}, usable once, by {@code userName} only, within a few minutes.
	 *
	 * @return the opaque launch token to hand the app as {@code launch}
	 */
	String issue(String patientId, String userName);
}
