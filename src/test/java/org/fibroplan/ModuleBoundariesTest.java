package org.fibroplan;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Modules talk through each other's public API only; a dependency on another module's internals fails here. */
class ModuleBoundariesTest {

	@Test
	void modulesRespectEachOthersBoundaries() {
		ApplicationModules.of(FibroPlanApplication.class).verify();
	}
}
