package org.fibroplan;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** FibroPlan: a FHIR R4 server that turns patient-reported outcomes into evidence-graded care plans. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class FibroPlanApplication {

	public static void main(String[] args) {
		SpringApplication.run(FibroPlanApplication.class, args);
	}
}
