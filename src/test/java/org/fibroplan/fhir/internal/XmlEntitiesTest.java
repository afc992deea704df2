package org.fibroplan.fhir.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * External entities are refused twice over: HAPI's own XML parser (used for every XML body, and for
 * stored XML) never resolves them, and {@link XmlBodySyntax} refuses any DOCTYPE before HAPI parses.
 */
class XmlEntitiesTest {

	static final FhirContext FHIR = FhirContext.forR4Cached();

	@Test
	void hapisXmlParserDoesNotReadAnExternalEntity(@TempDir Path dir) throws Exception {
		Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
		String xml = "<?xml version=\"1.0\"?><!DOCTYPE p [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
				+ "<Patient xmlns=\"http://hl7.org/fhir\"><name><family value=\"&xxe;\"/></name></Patient>";

		assertThatThrownBy(() -> FHIR.newXmlParser().parseResource(xml))
				.isInstanceOf(DataFormatException.class)
				.hasMessageContaining("xxe")
				.hasMessageNotContaining("TOP-SECRET");
	}

	@Test
	void hapisXmlParserDoesNotExpandInternalEntities() {
		String xml = "<?xml version=\"1.0\"?><!DOCTYPE p [<!ENTITY x \"expanded\">]>"
				+ "<Patient xmlns=\"http://hl7.org/fhir\"><name><family value=\"&x;\"/></name></Patient>";

		assertThatThrownBy(() -> FHIR.newXmlParser().parseResource(xml)).isInstanceOf(DataFormatException.class);
	}

	@Test
	void anyDoctypeIsRefusedBeforeHapiParses() {
		XmlBodySyntax syntax = new XmlBodySyntax(10_000);
		for (String xml : new String[] {
				"<!DOCTYPE Patient><Patient xmlns=\"http://hl7.org/fhir\"/>",
				"<!DOCTYPE Patient SYSTEM \"http://127.0.0.1:9/p.dtd\"><Patient xmlns=\"http://hl7.org/fhir\"/>",
				"<!DOCTYPE p [<!ENTITY % x SYSTEM \"http://127.0.0.1:9/x.dtd\"> %x;]><Patient xmlns=\"http://hl7.org/fhir\"/>"}) {
			assertThatThrownBy(() -> syntax.check(xml.getBytes(StandardCharsets.UTF_8)))
					.as(xml)
					.isInstanceOf(InvalidRequestException.class)
					.hasMessageContaining("DOCTYPE");
		}
	}
}
