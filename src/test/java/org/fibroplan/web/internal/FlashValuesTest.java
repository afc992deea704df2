package org.fibroplan.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializingConverter;

/** What the pages hand to the next page through the session (flash attributes) survives the database. */
class FlashValuesTest {

	@Test
	void anEditsOutcomeTravelsThroughTheSessionStore() {
		PlanEdits.Outcome outcome = PlanEdits.Outcome.refused("approve from the preview");
		byte[] stored = new SerializingConverter().convert(outcome);
		assertThat(new DeserializingConverter().convert(stored)).isEqualTo(outcome);
	}
}
