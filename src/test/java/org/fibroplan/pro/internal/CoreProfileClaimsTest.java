package org.fibroplan.pro.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.Test;

/**
 * LHC-Forms labels its responses with the core definition's version-specific canonical; that claim is
 * checked as the core definition (always checked), while any other profile a response claims stays checked.
 */
class CoreProfileClaimsTest {

	@Test
	void aClaimOfTheCoreDefinitionByItsR4CanonicalIsLeftToTheCoreCheckAndWhatIsStoredKeepsIt() {
		QuestionnaireResponse fromLhcForms = new QuestionnaireResponse();
		fromLhcForms.getMeta().addProfile("http://hl7.org/fhir/4.0/StructureDefinition/QuestionnaireResponse");
		fromLhcForms.getMeta().addProfile("http://hl7.org/fhir/StructureDefinition/QuestionnaireResponse");

		QuestionnaireResponse checked = ResponseValidationInterceptor.withoutCoreProfileClaims(fromLhcForms);

		assertThat(checked.getMeta().getProfile()).isEmpty();
		assertThat(fromLhcForms.getMeta().getProfile()).as("the response as sent").hasSize(2);
	}

	@Test
	void anyOtherProfileClaimIsStillChecked() {
		QuestionnaireResponse response = new QuestionnaireResponse();
		response.getMeta().addProfile("http://hl7.org/fhir/4.0/StructureDefinition/QuestionnaireResponse");
		response.getMeta().addProfile("http://example.org/StructureDefinition/some-other-profile");
		response.getMeta().addProfile("http://hl7.org/fhir/4.0/StructureDefinition/QuestionnaireResponseX");

		assertThat(ResponseValidationInterceptor.withoutCoreProfileClaims(response).getMeta().getProfile()).extracting(CanonicalType::getValue)
				.containsExactly("http://example.org/StructureDefinition/some-other-profile",
						"http://hl7.org/fhir/4.0/StructureDefinition/QuestionnaireResponseX");
	}

	@Test
	void aResponseClaimingNothingIsCheckedAsItIs() {
		QuestionnaireResponse plain = new QuestionnaireResponse();
		assertThat(ResponseValidationInterceptor.withoutCoreProfileClaims(plain)).isSameAs(plain);
	}
}
