package org.fibroplan.cdshooks.internal;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code fibroplan.cds-hooks}.
 *
 * @param clients the EHRs (CDS clients) whose signed calls FibroPlan answers; none = every call is refused
 * @param serviceBaseUrl FibroPlan's address as EHRs call it (the {@code aud} their JWTs name is this plus
 *     {@code /cds-services/<id>}); empty = the address the request came to
 */
@ConfigurationProperties("fibroplan.cds-hooks")
record CdsHooksProperties(@DefaultValue List<Client> clients, @DefaultValue("") String serviceBaseUrl) {

	/**
	 * One trusted EHR: its JWT issuer and how to find its public keys, a JWK Set URL or a PEM public key
	 * (the key itself, or a Spring resource location such as {@code classpath:} or {@code file:}).
	 */
	record Client(String issuer, String jwksUrl, String publicKey) {}
}
