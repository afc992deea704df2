package org.fibroplan.security;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SMART clinical scope, {@code (patient|user|system)/(Type|*).(cruds subset)}, with the SMART v1
 * forms {@code .read} (= rs), {@code .write} (= cud) and {@code .*} (= cruds). Search-parameter
 * restrictions ({@code ?param=value}) are not granted: such a scope is ignored, never widened.
 */
public record SmartScope(Context context, String resourceType, Set<Permission> permissions) {

	private static final Pattern SCOPE = Pattern.compile("^(patient|user|system)/([A-Za-z]+|\\*)\\.([a-z*]+)$");

	public enum Context { PATIENT, USER, SYSTEM }

	/** SMART v2 permission letters, in their canonical order. */
	public enum Permission {
		CREATE('c'), READ('r'), UPDATE('u'), DELETE('d'), SEARCH('s');

		final char letter;

		Permission(char letter) {
			this.letter = letter;
		}
	}

	public static Optional<SmartScope> parse(String scope) {
		Matcher m = SCOPE.matcher(scope);
		if (!m.matches()) {
			return Optional.empty();
		}
		Context context = Context.valueOf(m.group(1).toUpperCase(Locale.ROOT));
		Set<Permission> permissions = permissions(m.group(3));
		return permissions.isEmpty() ? Optional.empty() : Optional.of(new SmartScope(context, m.group(2), permissions));
	}

	private static Set<Permission> permissions(String letters) {
		switch (letters) {
			case "read":
				return EnumSet.of(Permission.READ, Permission.SEARCH);
			case "write":
				return EnumSet.of(Permission.CREATE, Permission.UPDATE, Permission.DELETE);
			case "*":
				return EnumSet.allOf(Permission.class);
			default:
				Set<Permission> result = EnumSet.noneOf(Permission.class);
				int last = -1;
				for (char c : letters.toCharArray()) {
					Permission p = byLetter(c);
					// v2 requires the letters in cruds order, each once; anything else is not a scope
					if (p == null || p.ordinal() <= last) {
						return EnumSet.noneOf(Permission.class);
					}
					result.add(p);
					last = p.ordinal();
				}
				return result;
		}
	}

	private static Permission byLetter(char c) {
		for (Permission p : Permission.values()) {
			if (p.letter == c) {
				return p;
			}
		}
		return null;
	}

	public boolean appliesTo(String type) {
		return "*".equals(resourceType) || resourceType.equals(type);
	}

	public boolean isWildcard() {
		return "*".equals(resourceType);
	}

	public boolean allows(Permission permission) {
		return permissions.contains(permission);
	}
}
