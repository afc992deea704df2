package org.fibroplan.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.fibroplan.FhirIntegrationTest;
import org.fibroplan.Tokens;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile and careless input over HTTP, case by case: each gets the one 4xx status named, an
 * OperationOutcome as the body, and, for writes, nothing of the written type stored or changed while the
 * case ran (counted by _lastUpdated). The cases read as a list; the {@code _} in a name stands for a
 * space.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIT extends FhirIntegrationTest {

	static final FhirContext FHIR = FhirContext.forR4Cached();
	static final String JSON = "application/fhir+json";
	static final String XML = "application/fhir+xml";
	static final int LIMIT = 2 * 1024 * 1024;
	static final String PEG = "http://fibroplan.org/fhir/Questionnaire/peg|1.0.0";

	/** The patient every update, precondition and answer is aimed at; filled in before the cases run. */
	static String patient;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
	private String token;

	enum Transport { CLIENT, CHUNKED, RAW }

	/** One hostile request; {@code writes} names the resource types that must not change. */
	record Case(String name, String method, String path, Map<String, String> headers, Supplier<byte[]> body,
			Transport transport, int status, List<String> writes, String mentions) {

		@Override
		public String toString() {
			return name;
		}
	}

	@BeforeAll
	void fixtures() {
		token = Tokens.systemToken(port());
		patient = newPatient("Hostile").getIdPart();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void refusedWithAnOperationOutcomeAndNothingStored(Case hostile) throws Exception {
		Instant before = Instant.now().minus(5, ChronoUnit.MILLIS);
		Answer answer = send(hostile);

		assertThat(answer.status()).as("status of %s; body %s", hostile.name(), answer.text()).isEqualTo(hostile.status());
		assertThat(answer.contentType()).as("Content-Type of %s", hostile.name()).startsWith("application/fhir+");
		IBaseResource body = answer.contentType().contains("xml")
				? FHIR.newXmlParser().parseResource(answer.text())
				: FHIR.newJsonParser().parseResource(answer.text());
		assertThat(body).as("body of %s", hostile.name()).isInstanceOf(OperationOutcome.class);
		OperationOutcome outcome = (OperationOutcome) body;
		assertThat(outcome.getIssue()).isNotEmpty();
		if (hostile.mentions() != null) {
			assertThat(answer.text()).as("the outcome of %s names it", hostile.name()).contains(hostile.mentions());
		}
		for (String type : hostile.writes()) {
			assertThat(changedSince(type, before)).as("%s written by %s", type, hostile.name()).isZero();
		}
	}

	/** SQL-ish text in a string search is only text: found nowhere, and the table is still there. */
	@Test
	void sqlInStringSearchesIsJustText() throws Exception {
		for (String value : List.of("x' OR '1'='1", "x'; DROP TABLE HFJ_RESOURCE; --", "\" OR \"\"=\"", "%' --")) {
			Answer answer = get("/fhir/Patient?name=" + java.net.URLEncoder.encode(value, StandardCharsets.UTF_8));
			assertThat(answer.status()).as(value).isEqualTo(200);
			Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, answer.text());
			assertThat(bundle.getEntry()).as(value).isEmpty();
		}
		assertThat(get("/fhir/Patient/" + patient).status()).isEqualTo(200);
	}

	/** The calculated PEG score is taken when it is the one the answers give (at the precision sent). */
	@Test
	void aCorrectCalculatedPegScoreIsAccepted() throws Exception {
		QuestionnaireResponse response = peg(5, 6, 6);
		response.getItem().get(3).getAnswerFirstRep().setValue(new DecimalType("5.67"));
		Answer answer = send(new Case("correct PEG score", "POST", "/fhir/QuestionnaireResponse", headers(JSON),
				() -> FHIR.newJsonParser().encodeResourceToString(response).getBytes(StandardCharsets.UTF_8),
				Transport.CLIENT, 201, List.of(), null));
		assertThat(answer.status()).as(answer.text()).isEqualTo(201);
		String id = FHIR.newJsonParser().parseResource(QuestionnaireResponse.class, answer.text()).getIdElement().getIdPart();
		Bundle scores = FHIR.newJsonParser().parseResource(Bundle.class,
				get("/fhir/Observation?derived-from=QuestionnaireResponse/" + id).text());
		assertThat(scores.getEntry()).hasSize(1);
		assertThat(((Observation) scores.getEntryFirstRep().getResource()).getValueQuantity().getValue())
				.isEqualByComparingTo("5.67");
	}

	Stream<Case> cases() {
		List<Case> cases = new ArrayList<>();
		ifMatch(cases);
		otherPreconditions(cases);
		searches(cases);
		paths(cases);
		jsonBodies(cases);
		utf8(cases);
		xmlBodies(cases);
		contentTypes(cases);
		sizes(cases);
		transactions(cases);
		calculatedAnswers(cases);
		return cases.stream();
	}

	// --- If-Match and the other preconditions --------------------------------------------------------

	private void ifMatch(List<Case> cases) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("abc", "abc");
		values.put("unclosed quote", "W/\"1");
		values.put("two weak ETags", "W/\"1\" W/\"2\"");
		values.put("two ETags with a comma", "W/\"1\", W/\"2\"");
		values.put("non-ASCII version", "W/\"é\"");
		values.put("empty weak ETag", "W/\"\"");
		values.put("empty strong ETag", "\"\"");
		values.put("star", "*");
		values.put("bare number", "1");
		values.put("unquoted weak", "W/1");
		values.put("negative version", "W/\"-1\"");
		values.put("decimal version", "W/\"1.5\"");
		values.put("twenty-digit version", "W/\"99999999999999999999\"");
		values.put("lower-case w", "w/\"1\"");
		values.put("single quotes", "W/'1'");
		values.put("trailing text", "W/\"1\"x");
		values.put("quoted word", "\"abc\"");
		values.put("blank", " ");
		values.put("SQL", "W/\"1\" OR 1=1");
		values.forEach((name, value) -> cases.add(new Case("If-Match " + name + " on update → 400", "PUT",
				"/fhir/Patient/" + patientRef(), headers(JSON, "If-Match", value), () -> patientBody(true, "IfMatch"),
				Transport.CLIENT, 400, List.of("Patient"), "If-Match")));
		cases.add(new Case("If-Match abc on delete → 400", "DELETE", "/fhir/Patient/" + patientRef(),
				headers(null, "If-Match", "abc"), null, Transport.CLIENT, 400, List.of("Patient"), "If-Match"));
		cases.add(new Case("If-Match abc on create → 400", "POST", "/fhir/Patient",
				headers(JSON, "If-Match", "abc"), () -> patientBody(false, "IfMatchCreate"), Transport.CLIENT, 400,
				List.of("Patient"), "If-Match"));
		cases.add(new Case("If-Match abc on JSON Patch → 400", "PATCH", "/fhir/Patient/" + patientRef(),
				headers("application/json-patch+json", "If-Match", "abc"),
				() -> utf8("[{\"op\":\"add\",\"path\":\"/active\",\"value\":true}]"), Transport.CLIENT, 400,
				List.of("Patient"), "If-Match"));
		cases.add(new Case("If-Match sent twice → 400", "RAW", "PUT /fhir/Patient/" + patientRef(),
				headers(JSON, "If-Match", "W/\"1\"", "If-Match\u0000", "W/\"2\""), () -> patientBody(true, "IfMatchTwice"),
				Transport.RAW, 400, List.of("Patient"), "If-Match"));
	}

	private void otherPreconditions(List<Case> cases) {
		for (String value : List.of("abc", "W/\"\"", "W/\"x\"", "W/\"1\" W/\"2\"")) {
			cases.add(new Case("If-None-Match " + value + " on read → 400", "GET", "/fhir/Patient/" + patientRef(),
					headers(null, "If-None-Match", value), null, Transport.CLIENT, 400, List.of(), "If-None-Match"));
		}
		cases.add(new Case("If-None-Match abc on update → 400", "PUT", "/fhir/Patient/" + patientRef(),
				headers(JSON, "If-None-Match", "abc"), () -> patientBody(true, "IfNoneMatch"), Transport.CLIENT, 400,
				List.of("Patient"), "If-None-Match"));
		Map<String, String> ifNoneExist = new LinkedHashMap<>();
		ifNoneExist.put("unknown parameter", "foo=bar");
		ifNoneExist.put("no parameters", "???");
		ifNoneExist.put("impossible date", "birthdate=2026-13-45");
		ifNoneExist.put("SQL in a date", "birthdate=1' OR '1'='1");
		ifNoneExist.put("unknown modifier", "name:nonsense=x");
		ifNoneExist.forEach((name, value) -> cases.add(new Case("If-None-Exist " + name + " → 400", "POST", "/fhir/Patient",
				headers(JSON, "If-None-Exist", value), () -> patientBody(false, "IfNoneExist"), Transport.CLIENT, 400,
				List.of("Patient"), null)));
	}

	// --- Searches ----------------------------------------------------------------------------------------

	private void searches(List<Case> cases) {
		Map<String, Integer> queries = new LinkedHashMap<>();
		queries.put("Observation?value-quantity=1'", 400);
		queries.put("Observation?value-quantity=1'%7Chttp://unitsofmeasure.org%7Cmg", 400);
		queries.put("Observation?value-quantity=abc", 400);
		queries.put("Observation?value-quantity=gt1x", 400);
		queries.put("Observation?value-quantity=1%20OR%201=1", 400);
		queries.put("Observation?date=2026-13-45", 400);
		queries.put("Observation?date=abc", 400);
		queries.put("Observation?date=2026-02-30T25:61", 400);
		queries.put("Observation?date=2026'%20OR%20'1'='1", 400);
		queries.put("Patient?birthdate=gt", 400);
		queries.put("Patient?birthdate=1'%20--", 400);
		queries.put("Observation?_lastUpdated=xx", 400);
		queries.put("Observation?_lastUpdated=1;select%201", 400);
		queries.put("Observation?_offset=-5", 400);
		queries.put("Observation?_offset=abc", 400);
		queries.put("Observation?_offset=1.5", 400);
		queries.put("Observation?_offset=99999999999999", 400);
		queries.put("Observation?_offset=0%20UNION%20SELECT%201", 400);
		queries.put("Observation?_count=-1", 400);
		queries.put("Observation?_count=abc", 400);
		queries.put("Observation?_count=1.5", 400);
		queries.put("Observation?_count=1;DROP%20TABLE%20HFJ_RESOURCE", 400);
		queries.put("Observation?_count=", 400);
		queries.put("Observation?_sort=nonsense", 400);
		queries.put("Observation?_sort=subject;drop", 400);
		queries.put("Observation?foo=bar", 400);
		queries.put("Observation?_include=foo", 400);
		queries.put("Patient?_has=foo", 400);
		queries.put("Patient?_has:Observation:subject:foo=1", 400);
		queries.put("Observation?code:in=x", 404);
		queries.put("Nonsense?name=x", 404);
		queries.forEach((query, status) -> cases.add(new Case("GET " + query + " → " + status, "GET", "/fhir/" + query,
				Map.of(), null, Transport.CLIENT, status, List.of(), null)));
	}

	// --- Paths the firewall or Tomcat refuse -------------------------------------------------------

	private void paths(List<Case> cases) {
		for (String path : List.of("/fhir/Patient/..%2F..%2Fetc", "/fhir/Patient/../../etc", "/fhir/Patient/%2e%2e/x",
				"/fhir/Patient/..%5C..%5Cetc", "/fhir/Patient;jsessionid=x", "/fhir//Patient", "/fhir/./Patient",
				"/fhir/Patient/%00", "/fhir/Patient/a%25b", "/fhir/Patient/x%0Ay", "/fhir/Patient/%ff",
				"/fhir/Patient/%2e%2e%2f%2e%2e%2fetc%2fpasswd")) {
			cases.add(new Case("GET " + path + " → 400", "RAW", "GET " + path, Map.of(), null, Transport.RAW, 400,
					List.of(), null));
		}
		cases.add(new Case("PUT /fhir/Patient/..%2Fx → 400", "RAW", "PUT /fhir/Patient/..%2Fx", headers(JSON),
				() -> patientBody(false, "Traversal"), Transport.RAW, 400, List.of("Patient"), null));
		cases.add(new Case("GET with a control character in a header → 400", "RAW", "GET /fhir/Patient",
				headers(null, "X-Hostile", "a\u0001b"), null, Transport.RAW, 400, List.of(), null));
		cases.add(new Case("method FOO → 400", "FOO", "/fhir/Patient", Map.of(), null, Transport.CLIENT, 400, List.of(), null));
	}

	// --- JSON ---------------------------------------------------------------------------------------

	private void jsonBodies(List<Case> cases) {
		Map<String, String> bodies = new LinkedHashMap<>();
		bodies.put("single-quoted JSON", "{'resourceType':'Patient','name':[{'family':'Quoted'}]}");
		bodies.put("identifier as a string", "{\"resourceType\":\"Patient\",\"identifier\":\"abc\"}");
		bodies.put("unknown element", "{\"resourceType\":\"Patient\",\"foo\":\"abc\"}");
		bodies.put("unknown element inside name", "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"x\",\"nickname\":\"y\"}]}");
		bodies.put("name as an object", "{\"resourceType\":\"Patient\",\"name\":{\"family\":\"x\"}}");
		bodies.put("two families in an array", "{\"resourceType\":\"Patient\",\"name\":[{\"family\":[\"x\",\"y\"]}]}");
		bodies.put("id as a number", "{\"resourceType\":\"Patient\",\"id\":123}");
		bodies.put("birthDate as a number", "{\"resourceType\":\"Patient\",\"birthDate\":19800101}");
		bodies.put("active as a string", "{\"resourceType\":\"Patient\",\"active\":\"yes\"}");
		bodies.put("gender not in its value set", "{\"resourceType\":\"Patient\",\"gender\":\"x\"}");
		bodies.put("impossible birthDate", "{\"resourceType\":\"Patient\",\"birthDate\":\"2026-13-45\"}");
		bodies.put("meta as a string", "{\"resourceType\":\"Patient\",\"meta\":\"x\"}");
		bodies.put("primitive extension of the wrong shape", "{\"resourceType\":\"Patient\",\"_birthDate\":\"x\"}");
		bodies.put("extension without url", "{\"resourceType\":\"Patient\",\"extension\":[{\"valueString\":\"x\"}]}");
		bodies.put("contained resource without id", "{\"resourceType\":\"Patient\",\"contained\":[{\"resourceType\":\"Organization\",\"name\":\"x\"}]}");
		bodies.put("reference to a missing contained resource", "{\"resourceType\":\"Patient\",\"managingOrganization\":{\"reference\":\"#nope\"}}");
		bodies.put("duplicate key", "{\"resourceType\":\"Patient\",\"gender\":\"male\",\"gender\":\"female\"}");
		bodies.put("trailing garbage", "{\"resourceType\":\"Patient\"} xx");
		bodies.put("two JSON values", "{\"resourceType\":\"Patient\"}{\"resourceType\":\"Patient\"}");
		bodies.put("truncated JSON", "{\"resourceType\":\"Patient\",");
		bodies.put("a comment", "{\"resourceType\":\"Patient\" /* c */}");
		bodies.put("an array", "[]");
		bodies.put("null", "null");
		bodies.put("a number", "42");
		bodies.put("a string", "\"Patient\"");
		bodies.put("no resourceType", "{\"name\":[{\"family\":\"x\"}]}");
		bodies.put("another resource type", "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"x\"}}");
		bodies.put("unknown resource type", "{\"resourceType\":\"Hostile\"}");
		bodies.put("empty body", "");
		bodies.put("unquoted key", "{resourceType:\"Patient\"}");
		bodies.put("NaN", "{\"resourceType\":\"Patient\",\"multipleBirthInteger\":NaN}");
		bodies.put("a string in place of an integer", "{\"resourceType\":\"Patient\",\"multipleBirthInteger\":\"two\"}");
		bodies.put("an integer beyond 32 bits", "{\"resourceType\":\"Patient\",\"multipleBirthInteger\":99999999999}");
		bodies.put("nesting 150 deep", "{\"resourceType\":\"Patient\",\"extension\":" + nestedExtensions(150) + "}");
		bodies.put("an array 200 deep", "{\"resourceType\":\"Patient\",\"name\":" + "[".repeat(200) + "]".repeat(200) + "}");
		bodies.put("a 1.1 MB family name", "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"" + "x".repeat(1_100_000) + "\"}]}");
		bodies.forEach((name, body) -> cases.add(new Case("JSON with " + name + " → 400", "POST", "/fhir/Patient",
				headers(JSON), () -> utf8(body), Transport.CLIENT, 400, List.of("Patient"), null)));
		cases.add(new Case("JSON update with an unknown element → 400", "PUT", "/fhir/Patient/" + patientRef(), headers(JSON),
				() -> utf8("{\"resourceType\":\"Patient\",\"id\":\"" + patient + "\",\"foo\":1}"), Transport.CLIENT, 400,
				List.of("Patient"), "foo"));
		cases.add(new Case("JSON Patch that is not JSON → 400", "PATCH", "/fhir/Patient/" + patientRef(),
				headers("application/json-patch+json"), () -> utf8("[{'op':'add'}]"), Transport.CLIENT, 400,
				List.of("Patient"), null));
		cases.add(new Case("FHIRPath Patch Parameters with an unknown element → 400", "PATCH", "/fhir/Patient/" + patientRef(),
				headers(JSON), () -> utf8("{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"operation\",\"hostile\":1}]}"),
				Transport.CLIENT, 400, List.of("Patient"), "hostile"));
		cases.add(new Case("JSON Observation with a string for valueQuantity → 400", "POST", "/fhir/Observation", headers(JSON),
				() -> utf8("{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"x\"},\"valueQuantity\":\"6\"}"),
				Transport.CLIENT, 400, List.of("Observation"), null));
	}

	private void utf8(List<Case> cases) {
		Map<String, byte[]> bytes = new LinkedHashMap<>();
		bytes.put("0xFF 0xFE", new byte[] {(byte) 0xff, (byte) 0xfe});
		bytes.put("a lone Latin-1 é", new byte[] {(byte) 0xe9});
		bytes.put("an overlong slash", new byte[] {(byte) 0xc0, (byte) 0xaf});
		bytes.put("a UTF-16 surrogate", new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80});
		bytes.put("a cut-off three-byte character", new byte[] {(byte) 0xe2, (byte) 0x82});
		bytes.forEach((name, raw) -> {
			cases.add(new Case("JSON with invalid UTF-8 (" + name + ") → 400", "POST", "/fhir/Patient", headers(JSON),
					() -> join(utf8("{\"resourceType\":\"Patient\",\"name\":[{\"family\":\""), raw, utf8("\"}]}")),
					Transport.CLIENT, 400, List.of("Patient"), "UTF-8"));
			cases.add(new Case("XML with invalid UTF-8 (" + name + ") → 400", "POST", "/fhir/Patient", headers(XML),
					() -> join(utf8("<Patient xmlns=\"http://hl7.org/fhir\"><name><family value=\""), raw, utf8("\"/></name></Patient>")),
					Transport.CLIENT, 400, List.of("Patient"), "UTF-8"));
		});
		cases.add(new Case("JSON declared ISO-8859-1 with a Latin-1 é → 400", "POST", "/fhir/Patient",
				headers(JSON + ";charset=ISO-8859-1"),
				() -> join(utf8("{\"resourceType\":\"Patient\",\"name\":[{\"family\":\""), new byte[] {(byte) 0xe9}, utf8("\"}]}")),
				Transport.CLIENT, 400, List.of("Patient"), "UTF-8"));
	}

	// --- XML ----------------------------------------------------------------------------------------

	private void xmlBodies(List<Case> cases) {
		String patientOpen = "<Patient xmlns=\"http://hl7.org/fhir\">";
		Map<String, String> bodies = new LinkedHashMap<>();
		bodies.put("an external entity (XXE, file)", "<?xml version=\"1.0\"?><!DOCTYPE p [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
				+ patientOpen + "<name><family value=\"&xxe;\"/></name></Patient>");
		bodies.put("an external entity (XXE, http)", "<?xml version=\"1.0\"?><!DOCTYPE p [<!ENTITY xxe SYSTEM \"http://127.0.0.1:9/x\">]>"
				+ patientOpen + "<name><family value=\"&xxe;\"/></name></Patient>");
		bodies.put("an external parameter entity", "<?xml version=\"1.0\"?><!DOCTYPE p [<!ENTITY % x SYSTEM \"http://127.0.0.1:9/x.dtd\"> %x;]>"
				+ patientOpen + "</Patient>");
		bodies.put("an external DTD", "<?xml version=\"1.0\"?><!DOCTYPE Patient SYSTEM \"http://127.0.0.1:9/p.dtd\">" + patientOpen + "</Patient>");
		bodies.put("an internal entity", "<?xml version=\"1.0\"?><!DOCTYPE p [<!ENTITY x \"internal\">]>"
				+ patientOpen + "<name><family value=\"&x;\"/></name></Patient>");
		bodies.put("billion laughs", "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
				+ "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>" + patientOpen
				+ "<name><family value=\"&lol3;\"/></name></Patient>");
		bodies.put("a plain DOCTYPE", "<?xml version=\"1.0\"?><!DOCTYPE Patient>" + patientOpen + "<name><family value=\"DT\"/></name></Patient>");
		bodies.put("XInclude", patientOpen + "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"file:///etc/passwd\" parse=\"text\"/></Patient>");
		bodies.put("an unknown element", patientOpen + "<foo value=\"1\"/><name><family value=\"UX\"/></name></Patient>");
		bodies.put("an unknown attribute", patientOpen + "<name><family value=\"AT\" bar=\"1\"/></name></Patient>");
		bodies.put("the wrong namespace", "<Patient xmlns=\"http://example.org\"><name><family value=\"NS\"/></name></Patient>");
		bodies.put("no namespace", "<Patient><name><family value=\"NS\"/></name></Patient>");
		bodies.put("malformed XML", patientOpen + "<name>");
		bodies.put("two roots", patientOpen + "</Patient>" + patientOpen + "</Patient>");
		bodies.put("text where a value attribute belongs", patientOpen + "<name><family>Text</family></name></Patient>");
		bodies.put("an impossible birthDate", patientOpen + "<birthDate value=\"2026-13-45\"/></Patient>");
		bodies.put("another resource type", "<Observation xmlns=\"http://hl7.org/fhir\"><status value=\"final\"/></Observation>");
		bodies.put("nesting 150 deep", patientOpen + "<extension url=\"http://x\">".repeat(150) + "</extension>".repeat(150) + "</Patient>");
		bodies.put("JSON sent as XML", "{\"resourceType\":\"Patient\"}");
		bodies.forEach((name, body) -> cases.add(new Case("XML with " + name + " → 400", "POST", "/fhir/Patient",
				headers(XML), () -> utf8(body), Transport.CLIENT, 400, List.of("Patient"), null)));
		cases.add(new Case("JSON content type with an XML body → 400", "POST", "/fhir/Patient", headers(JSON),
				() -> utf8(patientOpen + "</Patient>"), Transport.CLIENT, 400, List.of("Patient"), null));
		cases.add(new Case("XML declared ISO-8859-1 with a Latin-1 é → 400", "POST", "/fhir/Patient", headers("application/xml"),
				() -> join(utf8("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" + patientOpen + "<name><family value=\""),
						new byte[] {(byte) 0xe9}, utf8("\"/></name></Patient>")),
				Transport.CLIENT, 400, List.of("Patient"), "UTF-8"));
	}

	// --- Content types and encodings ---------------------------------------------------------------------

	private void contentTypes(List<Case> cases) {
		Map<String, Integer> types = new LinkedHashMap<>();
		types.put("text/plain", 400);
		types.put("application/x-www-form-urlencoded", 400);
		types.put("application/octet-stream", 400);
		types.put("text/html", 400);
		types.put("image/png", 400);
		types.forEach((type, status) -> cases.add(new Case("create with Content-Type " + type + " → " + status, "POST",
				"/fhir/Patient", headers(type), () -> patientBody(false, "ContentType"), Transport.CLIENT, status,
				List.of("Patient"), null)));
		cases.add(new Case("create without Content-Type → 400", "RAW", "POST /fhir/Patient", Map.of(),
				() -> patientBody(false, "NoContentType"), Transport.RAW, 400, List.of("Patient"), null));
		cases.add(new Case("gzip Content-Encoding → 415", "POST", "/fhir/Patient", headers(JSON, "Content-Encoding", "gzip"),
				HostileInputIT::gzipBomb, Transport.CLIENT, 415, List.of("Patient"), "Content-Encoding"));
		cases.add(new Case("deflate Content-Encoding → 415", "POST", "/fhir/Patient", headers(JSON, "Content-Encoding", "deflate"),
				() -> patientBody(false, "Deflate"), Transport.CLIENT, 415, List.of("Patient"), "Content-Encoding"));
	}

	// --- Sizes -------------------------------------------------------------------------------------

	private void sizes(List<Case> cases) {
		cases.add(new Case("JSON one byte over the limit → 413", "POST", "/fhir/Patient", headers(JSON),
				() -> paddedPatient(LIMIT + 1), Transport.CLIENT, 413, List.of("Patient"), "too large"));
		cases.add(new Case("JSON one byte over the limit, chunked without Content-Length → 413", "POST", "/fhir/Patient",
				headers(JSON), () -> paddedPatient(LIMIT + 1), Transport.CHUNKED, 413, List.of("Patient"), "too large"));
		cases.add(new Case("JSON 1 KB over the limit, chunked → 413", "POST", "/fhir/Patient", headers(JSON),
				() -> paddedPatient(LIMIT + 1024), Transport.CHUNKED, 413, List.of("Patient"), "too large"));
		cases.add(new Case("XML one byte over the limit → 413", "POST", "/fhir/Patient", headers(XML),
				() -> paddedXmlPatient(LIMIT + 1), Transport.CLIENT, 413, List.of("Patient"), "too large"));
		cases.add(new Case("a 20 MB Patient (declared) → 413", "RAW", "POST /fhir/Patient",
				headers(JSON, "Content-Length", String.valueOf(20 * 1024 * 1024), "Expect", "100-continue"),
				() -> new byte[0], Transport.RAW, 413, List.of("Patient"), "too large"));
		cases.add(new Case("a transaction one byte over the limit → 413", "POST", "/fhir", headers(JSON),
				() -> paddedTransaction(LIMIT + 1), Transport.CLIENT, 413, List.of("Patient"), "too large"));
		cases.add(new Case("a Patient with 50,000 names → 413", "POST", "/fhir/Patient", headers(JSON),
				() -> repeatedNames(50_000), Transport.CLIENT, 413, List.of("Patient"), "name"));
		cases.add(new Case("a Patient with 10,001 names → 413", "POST", "/fhir/Patient", headers(JSON),
				() -> repeatedNames(10_001), Transport.CLIENT, 413, List.of("Patient"), "name"));
		cases.add(new Case("an XML Patient with 10,001 names → 413", "POST", "/fhir/Patient", headers(XML),
				() -> utf8("<Patient xmlns=\"http://hl7.org/fhir\">" + "<name><family value=\"N\"/></name>".repeat(10_001) + "</Patient>"),
				Transport.CLIENT, 413, List.of("Patient"), "name"));
	}

	// --- Transactions ------------------------------------------------------------------------------

	private void transactions(List<Case> cases) {
		Map<String, Object[]> bundles = new LinkedHashMap<>();
		bundles.put("an entry PUT with ifMatch W/\"999\"", new Object[] {412,
				transaction(putEntry("W/\\\"999\\\""))});
		bundles.put("a new Patient then a stale ifMatch (all or nothing)", new Object[] {412,
				transaction(postEntry("HalfStored") + "," + putEntry("W/\\\"999\\\""))});
		bundles.put("an entry PUT with ifMatch abc", new Object[] {400, transaction(putEntry("abc"))});
		bundles.put("an entry PUT with ifMatch W/\"\"", new Object[] {400, transaction(putEntry("W/\\\"\\\""))});
		bundles.put("an entry with ifNoneMatch abc", new Object[] {400, transaction("{\"resource\":{\"resourceType\":\"Patient\"},"
				+ "\"request\":{\"method\":\"POST\",\"url\":\"Patient\",\"ifNoneMatch\":\"abc\"}}")});
		bundles.put("a batch entry with ifMatch abc", new Object[] {400, transaction(putEntry("abc")).replace("\"transaction\"", "\"batch\"")});
		bundles.put("an entry without request", new Object[] {400, transaction("{\"resource\":{\"resourceType\":\"Patient\"}}")});
		bundles.put("an entry with method FOO", new Object[] {400, transaction("{\"resource\":{\"resourceType\":\"Patient\"},"
				+ "\"request\":{\"method\":\"FOO\",\"url\":\"Patient\"}}")});
		bundles.put("an entry with an unknown URL", new Object[] {400, transaction("{\"resource\":{\"resourceType\":\"Patient\"},"
				+ "\"request\":{\"method\":\"POST\",\"url\":\"Nope\"}}")});
		bundles.put("an entry with ifNoneExist foo=bar", new Object[] {400, transaction("{\"resource\":{\"resourceType\":\"Patient\"},"
				+ "\"request\":{\"method\":\"POST\",\"url\":\"Patient\",\"ifNoneExist\":\"foo=bar\"}}")});
		bundles.put("an entry resource with an unknown element", new Object[] {400, transaction("{\"resource\":{\"resourceType\":\"Patient\",\"foo\":1},"
				+ "\"request\":{\"method\":\"POST\",\"url\":\"Patient\"}}")});
		bundles.put("an entry resource with identifier as a string", new Object[] {400, transaction("{\"resource\":{\"resourceType\":\"Patient\",\"identifier\":\"abc\"},"
				+ "\"request\":{\"method\":\"POST\",\"url\":\"Patient\"}}")});
		bundles.put("entry as a string", new Object[] {400, "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":\"x\"}"});
		bundles.put("type collection", new Object[] {422, transaction(postEntry("Collection")).replace("\"transaction\"", "\"collection\"")});
		bundles.put("no type", new Object[] {422, transaction(postEntry("NoType")).replace(",\"type\":\"transaction\"", "")});
		bundles.forEach((name, spec) -> cases.add(new Case("transaction with " + name + " → " + spec[0], "POST", "/fhir",
				headers(JSON), () -> utf8((String) spec[1]), Transport.CLIENT, (Integer) spec[0], List.of("Patient"), null)));
	}

	// --- Calculated answers ------------------------------------------------------------------------------

	private void calculatedAnswers(List<Case> cases) {
		Map<String, Supplier<QuestionnaireResponse>> responses = new LinkedHashMap<>();
		responses.put("a PEG score of 99 where the answers give 6", () -> pegWithScore(new DecimalType(99)));
		responses.put("a PEG score of 5.9 where the answers give 6", () -> pegWithScore(new DecimalType("5.9")));
		responses.put("a PEG score of 5.66 where the answers give 5.67", () -> {
			QuestionnaireResponse r = peg(5, 6, 6);
			r.getItem().get(3).getAnswerFirstRep().setValue(new DecimalType("5.66"));
			return r;
		});
		responses.put("a PEG score as an integer 99", () -> pegWithScore(new IntegerType(99)));
		responses.put("a PEG score without the answers it needs", () -> {
			QuestionnaireResponse r = peg(5, 7, 6);
			r.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.INPROGRESS);
			r.getItem().remove(1);
			r.getItem().get(2).getAnswerFirstRep().setValue(new DecimalType(6));
			return r;
		});
		responses.forEach((name, response) -> cases.add(new Case("QuestionnaireResponse with " + name + " → 422", "POST",
				"/fhir/QuestionnaireResponse", headers(JSON),
				() -> utf8(FHIR.newJsonParser().encodeResourceToString(response.get())), Transport.CLIENT, 422,
				List.of("QuestionnaireResponse", "Observation"), "peg-score")));
	}

	// --- Bodies ------------------------------------------------------------------------------------

	private static String patientRef() {
		// Resolved when the case runs: the fixture exists only after @BeforeAll.
		return "{patient}";
	}

	private static byte[] patientBody(boolean withId, String family) {
		return utf8("{\"resourceType\":\"Patient\"" + (withId ? ",\"id\":\"" + patient + "\"" : "")
				+ ",\"name\":[{\"family\":\"" + family + "\"}]}");
	}

	private static byte[] paddedPatient(int size) {
		String head = "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"";
		String tail = "\"}]}";
		return utf8(head + "x".repeat(size - head.length() - tail.length()) + tail);
	}

	private static byte[] paddedXmlPatient(int size) {
		String head = "<Patient xmlns=\"http://hl7.org/fhir\"><name><family value=\"";
		String tail = "\"/></name></Patient>";
		return utf8(head + "x".repeat(size - head.length() - tail.length()) + tail);
	}

	private static byte[] paddedTransaction(int size) {
		String head = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"resource\":"
				+ "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"";
		String tail = "\"}]},\"request\":{\"method\":\"POST\",\"url\":\"Patient\"}}]}";
		return utf8(head + "x".repeat(size - head.length() - tail.length()) + tail);
	}

	private static byte[] repeatedNames(int count) {
		StringBuilder body = new StringBuilder("{\"resourceType\":\"Patient\",\"name\":[");
		for (int i = 0; i < count; i++) {
			body.append(i == 0 ? "" : ",").append("{\"family\":\"N\"}");
		}
		return utf8(body.append("]}").toString());
	}

	private static String nestedExtensions(int depth) {
		return "[{\"url\":\"http://x\",\"extension\":".repeat(depth) + "[]" + "}]".repeat(depth);
	}

	private static String transaction(String entries) {
		return "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[" + entries + "]}";
	}

	private static String postEntry(String family) {
		return "{\"resource\":{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"" + family + "\"}]},"
				+ "\"request\":{\"method\":\"POST\",\"url\":\"Patient\"}}";
	}

	private static String putEntry(String ifMatch) {
		return "{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"{patient}\",\"name\":[{\"family\":\"Tx\"}]},"
				+ "\"request\":{\"method\":\"PUT\",\"url\":\"Patient/{patient}\",\"ifMatch\":\"" + ifMatch + "\"}}";
	}

	private static byte[] gzipBomb() {
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			try (var gzip = new java.util.zip.GZIPOutputStream(out)) {
				gzip.write(utf8("{\"resourceType\":\"Patient\",\"name\":[{\"family\":\""));
				byte[] zeros = new byte[1024 * 1024];
				java.util.Arrays.fill(zeros, (byte) 'x');
				for (int i = 0; i < 64; i++) {
					gzip.write(zeros);
				}
				gzip.write(utf8("\"}]}"));
			}
			return out.toByteArray();
		} catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	static QuestionnaireResponse peg(int pain, int enjoyment, int activity) {
		QuestionnaireResponse response = new QuestionnaireResponse()
				.setQuestionnaire(PEG)
				.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED)
				.setSubject(new Reference("Patient/" + patient))
				.setAuthored(new java.util.Date());
		response.addItem().setLinkId("peg-1").addAnswer().setValue(new IntegerType(pain));
		response.addItem().setLinkId("peg-2").addAnswer().setValue(new IntegerType(enjoyment));
		response.addItem().setLinkId("peg-3").addAnswer().setValue(new IntegerType(activity));
		response.addItem().setLinkId("peg-score").addAnswer();
		return response;
	}

	private static QuestionnaireResponse pegWithScore(org.hl7.fhir.r4.model.Type score) {
		QuestionnaireResponse response = peg(5, 6, 7);
		response.getItem().get(3).getAnswerFirstRep().setValue(score);
		return response;
	}

	private static Map<String, String> headers(String contentType, String... more) {
		Map<String, String> headers = new LinkedHashMap<>();
		if (contentType != null) {
			headers.put("Content-Type", contentType);
		}
		for (int i = 0; i < more.length; i += 2) {
			headers.put(more[i], more[i + 1]);
		}
		return headers;
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] join(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	// --- Sending -----------------------------------------------------------------------------------

	record Answer(int status, String contentType, String text) {}

	private Answer get(String path) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(Tokens.base(port()) + path))
				.header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
		return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
	}

	/** How many resources of the type were created or changed since the instant. */
	private int changedSince(String type, Instant since) throws Exception {
		Answer answer = get("/fhir/" + type + "?_summary=count&_lastUpdated=ge" + since.truncatedTo(ChronoUnit.MILLIS));
		assertThat(answer.status()).as(answer.text()).isEqualTo(200);
		return FHIR.newJsonParser().parseResource(Bundle.class, answer.text()).getTotal();
	}

	private Answer send(Case hostile) throws Exception {
		byte[] body = hostile.body() == null ? null : resolve(hostile.body().get());
		if (hostile.transport() == Transport.RAW) {
			return raw(hostile.path().replace("{patient}", patient), hostile.headers(), body);
		}
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Tokens.base(port()) + hostile.path().replace("{patient}", patient)))
				.timeout(Duration.ofSeconds(60))
				.header("Authorization", "Bearer " + token);
		hostile.headers().forEach((name, value) -> {
			if (!name.equalsIgnoreCase("Content-Length")) {
				request.header(name, value);
			}
		});
		HttpRequest.BodyPublisher publisher = body == null
				? HttpRequest.BodyPublishers.noBody()
				: hostile.transport() == Transport.CHUNKED
						? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
						: HttpRequest.BodyPublishers.ofByteArray(body);
		request.method(hostile.method(), publisher);
		HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
				new String(response.body(), StandardCharsets.UTF_8));
	}

	private static byte[] resolve(byte[] body) {
		// Bodies name the fixture patient as {patient}; only small bodies can (big ones are padding).
		if (body.length > 100_000) {
			return body;
		}
		String text = new String(body, StandardCharsets.ISO_8859_1);
		return text.contains("{patient}") ? text.replace("{patient}", patient).getBytes(StandardCharsets.ISO_8859_1) : body;
	}

	/**
	 * A request written byte for byte on a socket, for what HTTP clients refuse to send (control
	 * characters, raw non-ASCII bytes, undecodable paths, a header twice, a size declared but not sent).
	 * Header names ending in NUL are sent without it, so one header can appear twice.
	 */
	private Answer raw(String requestLine, Map<String, String> headers, byte[] body) throws IOException {
		try (Socket socket = new Socket("localhost", port())) {
			socket.setSoTimeout(30_000);
			ByteArrayOutputStream head = new ByteArrayOutputStream();
			head.writeBytes((requestLine + " HTTP/1.1\r\nHost: localhost:" + port() + "\r\nAuthorization: Bearer " + token
					+ "\r\nConnection: close\r\n").getBytes(StandardCharsets.ISO_8859_1));
			boolean declared = false;
			for (Map.Entry<String, String> header : headers.entrySet()) {
				String name = header.getKey().replace("\u0000", "");
				declared |= name.equalsIgnoreCase("Content-Length");
				head.writeBytes((name + ": " + header.getValue() + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
			}
			if (body != null && !declared) {
				head.writeBytes(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
			}
			head.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
			OutputStream out = socket.getOutputStream();
			out.write(head.toByteArray());
			if (body != null) {
				out.write(body);
			}
			out.flush();
			return parse(socket.getInputStream());
		}
	}

	private static Answer parse(InputStream in) throws IOException {
		byte[] all = in.readAllBytes();
		String text = new String(all, StandardCharsets.ISO_8859_1);
		int split = text.indexOf("\r\n\r\n");
		String[] lines = text.substring(0, split).split("\r\n");
		int status = Integer.parseInt(lines[0].split(" ")[1]);
		if (status == 100) {
			return parse(new ByteArrayInputStream(java.util.Arrays.copyOfRange(all, split + 4, all.length)));
		}
		String contentType = "";
		boolean chunked = false;
		for (String line : lines) {
			String lower = line.toLowerCase(Locale.ROOT);
			if (lower.startsWith("content-type:")) {
				contentType = line.substring(13).trim();
			}
			chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
		}
		byte[] rest = java.util.Arrays.copyOfRange(all, split + 4, all.length);
		return new Answer(status, contentType, new String(chunked ? dechunk(rest) : rest, StandardCharsets.UTF_8));
	}

	private static byte[] dechunk(byte[] chunked) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int at = 0;
		while (at < chunked.length) {
			int lineEnd = indexOf(chunked, at);
			int size = Integer.parseInt(new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim(), 16);
			if (size == 0) {
				break;
			}
			out.write(chunked, lineEnd + 2, size);
			at = lineEnd + 2 + size + 2;
		}
		return out.toByteArray();
	}

	private static int indexOf(byte[] bytes, int from) {
		for (int i = from; i < bytes.length - 1; i++) {
			if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
				return i;
			}
		}
		return bytes.length;
	}
}
