package org.fibroplan.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import org.hl7.fhir.utilities.OIDUtilities;
import org.junit.jupiter.api.Test;

/**
 * FibroPlan shadows the core validator's OID table, which the validator re-parses for every resource
 * (docs/performance.md, "Validation cost"). If a dependency change ever puts the library's 1.5 MB table
 * first on the classpath again, profile validation silently becomes ~5x slower: this test says so.
 */
class ValidatorOidTableTest {

	@Test
	void theValidatorReadsFibroPlansEmptyOidTable() throws IOException {
		try (InputStream table = OIDUtilities.class.getClassLoader().getResourceAsStream("oidregistry.csv")) {
			assertThat(table).isNotNull();
			assertThat(table.readAllBytes().length).isLessThan(1_000);
		}
		assertThat(new OIDUtilities().isKnownOID("urn:oid:2.16.840.1.113883.6.1")).isFalse();
	}
}
