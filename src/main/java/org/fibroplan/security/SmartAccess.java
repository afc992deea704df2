package org.fibroplan.security;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The caller of the current request as its SMART token describes it: which client, which user
 * ({@code fhirUser}), which patient context, which scopes, and which of FibroPlan's roles (claim
 * {@code roles}: {@value #KNOWLEDGE_AUTHOR} may write definitions).
 */
public record SmartAccess(String clientId, String subject, String fhirUser, String patient, List<SmartScope> scopes,
		List<String> roles) {

	/** The role that may write definitions (Questionnaires, PlanDefinitions, terminology, profiles). */
	public static final String KNOWLEDGE_AUTHOR = "knowledge-author";

	/** The token claim that lists the user's roles (a JSON array of strings). */
	public static final String ROLES_CLAIM = "roles";

	/** The caller of the request being handled on this thread, if it presented a valid token. */
	public static Optional<SmartAccess> current() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof JwtAuthenticationToken token) {
			return Optional.of(of(token.getToken()));
		}
		return Optional.empty();
	}

	public static SmartAccess of(Jwt jwt) {
		Object scopeClaim = jwt.getClaims().getOrDefault("scope", jwt.getClaims().get("scp"));
		List<String> raw = scopeClaim instanceof Collection<?> list
				? list.stream().map(String::valueOf).toList()
				: scopeClaim == null ? List.of() : List.of(String.valueOf(scopeClaim).trim().split("\\s+"));
		String clientId = jwt.getClaimAsString("client_id");
		if (clientId == null) {
			clientId = jwt.getClaimAsString("azp");
		}
		return new SmartAccess(
				clientId,
				jwt.getSubject(),
				jwt.getClaimAsString("fhirUser"),
				jwt.getClaimAsString("patient"),
				raw.stream().map(SmartScope::parse).flatMap(Optional::stream).toList(),
				jwt.hasClaim(ROLES_CLAIM) && jwt.getClaim(ROLES_CLAIM) instanceof Collection<?> roles
						? roles.stream().map(String::valueOf).toList()
						: List.of());
	}

	/** A system client (client credentials), acting for no user. */
	public boolean isSystemContext() {
		return !isPatientContext() && scopes.stream().anyMatch(s -> s.context() == SmartScope.Context.SYSTEM);
	}

	public boolean hasRole(String role) {
		return roles.contains(role);
	}

	/** A patient-facing token: it carries patient/ scopes and the patient it is bound to. */
	public boolean isPatientContext() {
		return scopes.stream().anyMatch(s -> s.context() == SmartScope.Context.PATIENT);
	}
}
