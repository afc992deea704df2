package org.fibroplan.fhir.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.fibroplan.fhir.FhirServerProperties;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.stereotype.Component;

/**
 * Request bodies are read strictly before HAPI acts on them (400 naming what is wrong): UTF-8, plain
 * JSON or FHIR XML, then HAPI's parser with its StrictErrorHandler, so an unknown element or a value of
 * the wrong shape is refused instead of silently dropped. Only request bodies: HAPI's own parsing of
 * stored resources and of the package keeps the context's lenient handler. A transaction's entries get
 * the same precondition checks as request headers.
 */
@Component
@Interceptor
public class StrictRequestBodies {

	private final FhirContext fhirContext;
	private final JsonBodySyntax json;
	private final XmlBodySyntax xml;

	StrictRequestBodies(FhirContext fhirContext, FhirServerProperties properties) {
		this.fhirContext = fhirContext;
		this.json = new JsonBodySyntax(properties.maxRepetitions());
		this.xml = new XmlBodySyntax(properties.maxRepetitions());
	}

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
	public void check(RequestDetails request) {
		String contentType = request.getHeader("Content-Type");
		if (contentType == null || contentType.isBlank()) {
			return;
		}
		String mediaType = contentType.split(";")[0].trim().toLowerCase();
		boolean jsonPatch = mediaType.equals("application/json-patch+json");
		EncodingEnum encoding = jsonPatch ? null : EncodingEnum.forContentType(mediaType);
		if (!jsonPatch && encoding != EncodingEnum.JSON && encoding != EncodingEnum.XML) {
			return; // forms, binaries and XML patches: not FHIR resources; HAPI answers for their types
		}
		byte[] body = request.loadRequestContents();
		if (body == null || body.length == 0) {
			return;
		}
		String text = utf8(body);
		if (jsonPatch || encoding == EncodingEnum.JSON) {
			json.check(body);
		} else {
			xml.check(body);
		}
		if (!jsonPatch) {
			checkResource(parse(encoding, text));
		}
	}

	private IBaseResource parse(EncodingEnum encoding, String text) {
		IParser parser = encoding == EncodingEnum.JSON ? fhirContext.newJsonParser() : fhirContext.newXmlParser();
		parser.setParserErrorHandler(new StrictErrorHandler());
		try {
			return parser.parseResource(text);
		} catch (DataFormatException e) {
			throw new InvalidRequestException("The body is not a valid FHIR resource: " + e.getMessage());
		}
	}

	private static void checkResource(IBaseResource resource) {
		if (resource instanceof Bundle bundle
				&& (bundle.getType() == Bundle.BundleType.TRANSACTION || bundle.getType() == Bundle.BundleType.BATCH)) {
			for (int i = 0; i < bundle.getEntry().size(); i++) {
				Bundle.BundleEntryRequestComponent entry = bundle.getEntry().get(i).getRequest();
				String where = "Bundle.entry[" + i + "].request.";
				VersionETags.check(where + "ifMatch", entry.getIfMatch(), false);
				VersionETags.check(where + "ifNoneMatch", entry.getIfNoneMatch(), true);
			}
		}
	}

	private static String utf8(byte[] body) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT)
					.decode(ByteBuffer.wrap(body))
					.toString();
		} catch (CharacterCodingException e) {
			throw new InvalidRequestException("The body is not valid UTF-8, which FHIR requires.");
		}
	}
}
