/**
 * Who may do what: FibroPlan is an OAuth2 resource server for SMART on FHIR tokens, with an embedded
 * authorization server (demo clients and users) unless an external issuer is configured. SMART scopes
 * become HAPI authorization rules on every FHIR call; patients see only their own compartment.
 *
 * <p>API: {@link org.fibroplan.security.SmartAccess} (the caller of the current request), its
 * {@link org.fibroplan.security.SmartScope}s, and {@link org.fibroplan.security.SecurityProperties}.
 */
package org.fibroplan.security;
