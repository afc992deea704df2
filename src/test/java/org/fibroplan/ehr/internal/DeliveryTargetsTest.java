package org.fibroplan.ehr.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.fibroplan.ehr.DeliveryTargets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Targets are read with the contract's property names; one that cannot work is refused with the setting named. */
class DeliveryTargetsTest {

	static DeliveryTargets bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("fibroplan.ehr", DeliveryTargets.class);
	}

	@Test
	void theContractsPropertyNamesBindWithAutoModeAndNoAuthByDefault() {
		DeliveryTargets targets = bind(Map.ofEntries(
				Map.entry("fibroplan.ehr.targets[0].name", "clinic-ehr"),
				Map.entry("fibroplan.ehr.targets[0].base-url", "http://localhost:8090/fhir"),
				Map.entry("fibroplan.ehr.targets[0].patient-identifier-system", "http://hospital.example.org/mrn"),
				Map.entry("fibroplan.ehr.targets[1].name", "epic"),
				Map.entry("fibroplan.ehr.targets[1].base-url", "https://epic.example.org/api/FHIR/R4"),
				Map.entry("fibroplan.ehr.targets[1].mode", "document"),
				Map.entry("fibroplan.ehr.targets[1].patient-identifier-system", "urn:oid:1.2.3"),
				Map.entry("fibroplan.ehr.targets[1].auth.type", "backend-services"),
				Map.entry("fibroplan.ehr.targets[1].auth.client-id", "fibroplan"),
				Map.entry("fibroplan.ehr.targets[1].auth.token-url", "https://epic.example.org/oauth2/token"),
				Map.entry("fibroplan.ehr.targets[1].auth.private-key", "/etc/fibroplan/epic.pem"),
				Map.entry("fibroplan.ehr.targets[1].auth.algorithm", "ES384")));

		assertThat(targets.targets()).extracting(DeliveryTargets.Target::name).containsExactly("clinic-ehr", "epic");
		DeliveryTargets.Target first = targets.targets().get(0);
		assertThat(first.mode()).isEqualTo(DeliveryTargets.Mode.AUTO);
		assertThat(first.auth().type()).isEqualTo(DeliveryTargets.AuthType.NONE);
		assertThat(first.baseUrl()).isEqualTo(URI.create("http://localhost:8090/fhir"));
		DeliveryTargets.Target second = targets.targets().get(1);
		assertThat(second.mode()).isEqualTo(DeliveryTargets.Mode.DOCUMENT);
		assertThat(second.auth().type()).isEqualTo(DeliveryTargets.AuthType.BACKEND_SERVICES);
		assertThat(second.auth().algorithm()).isEqualTo("ES384");
	}

	@Test
	void noTargetsMeansNothingToDeliverTo() {
		assertThat(bind(Map.of()).targets()).isEmpty();
	}

	@Test
	void aTargetMissingASettingIsRefusedWithThePropertyNamed() {
		assertThatThrownBy(() -> new DeliveryTargets.Target("ehr", URI.create("http://x/fhir"), DeliveryTargets.Mode.FHIR, " ",
				new DeliveryTargets.Auth(DeliveryTargets.AuthType.NONE, null, null, null, null, null, null, "RS384", "s")))
				.hasMessage("fibroplan.ehr.targets[ehr].patient-identifier-system is required");
		assertThatThrownBy(() -> new DeliveryTargets.Target("ehr", URI.create("http://x/fhir"), DeliveryTargets.Mode.FHIR, "urn:mrn",
				new DeliveryTargets.Auth(DeliveryTargets.AuthType.BACKEND_SERVICES, null, null, "c", URI.create("http://x/token"), "k.pem", null, "HS256", "s")))
				.hasMessageContaining("algorithm must be RS384 or ES384");
		assertThatThrownBy(() -> new DeliveryTargets(List.of(
				new DeliveryTargets.Target("same", URI.create("http://a/fhir"), DeliveryTargets.Mode.FHIR, "urn:mrn",
						new DeliveryTargets.Auth(DeliveryTargets.AuthType.NONE, null, null, null, null, null, null, "RS384", "s")),
				new DeliveryTargets.Target("same", URI.create("http://b/fhir"), DeliveryTargets.Mode.FHIR, "urn:mrn",
						new DeliveryTargets.Auth(DeliveryTargets.AuthType.NONE, null, null, null, null, null, null, "RS384", "s")))))
				.hasMessageContaining("each target needs its own name");
	}
}
