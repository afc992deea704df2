package org.fibroplan.fhir.internal;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException;
import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * FHIR XML as the specification allows it, checked before HAPI's parser: no DOCTYPE (so no entities,
 * internal or external), the root in the FHIR namespace, no text outside the XHTML narrative, values of
 * at most 1 MB, bounded nesting and repetition. HAPI ignores a plain DOCTYPE and stray text, and reads
 * elements of any namespace as FHIR.
 */
final class XmlBodySyntax {

	static final String FHIR_NAMESPACE = "http://hl7.org/fhir";

	private final XMLInputFactory factory;
	private final int maxRepetitions;

	XmlBodySyntax(int maxRepetitions) {
		this.maxRepetitions = maxRepetitions;
		factory = XMLInputFactory.newFactory();
		factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
		factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
		factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
	}

	void check(byte[] body) {
		XMLStreamReader reader = null;
		try {
			reader = factory.createXMLStreamReader(new ByteArrayInputStream(body));
			// One frame per open element: the name of its latest child and how often it came in a row.
			Deque<String[]> lastChild = new ArrayDeque<>();
			Deque<int[]> run = new ArrayDeque<>();
			Deque<String> namespaces = new ArrayDeque<>();
			Deque<String> names = new ArrayDeque<>();
			boolean root = true;
			while (reader.hasNext()) {
				int event = reader.next();
				if (event == XMLStreamConstants.DTD) {
					throw new InvalidRequestException("The XML body has a DOCTYPE; FHIR XML must not have one.");
				}
				if (event == XMLStreamConstants.ENTITY_REFERENCE) {
					throw new InvalidRequestException("The XML body refers to the entity '" + reader.getLocalName()
							+ "'; FHIR XML has no entities.");
				}
				if (event == XMLStreamConstants.START_ELEMENT) {
					String name = reader.getNamespaceURI() + " " + reader.getLocalName();
					if (root && !FHIR_NAMESPACE.equals(reader.getNamespaceURI())) {
						throw new InvalidRequestException("The XML root element <" + reader.getLocalName()
								+ "> is not in the FHIR namespace " + FHIR_NAMESPACE + ".");
					}
					root = false;
					for (int i = 0; i < reader.getAttributeCount(); i++) {
						if (reader.getAttributeValue(i).length() > JsonBodySyntax.MAX_STRING) {
							throw new InvalidRequestException("<" + reader.getLocalName() + "> holds a value longer than "
									+ JsonBodySyntax.MAX_STRING + " characters; FHIR strings are at most 1 MB.");
						}
					}
					if (!lastChild.isEmpty()) {
						if (Objects.equals(lastChild.peek()[0], name)) {
							if (++run.peek()[0] > maxRepetitions) {
								throw new PayloadTooLargeException("<" + reader.getLocalName() + "> repeats more than "
										+ maxRepetitions + " times; this server accepts at most " + maxRepetitions + ".");
							}
						} else {
							lastChild.peek()[0] = name;
							run.peek()[0] = 1;
						}
					}
					if (lastChild.size() >= JsonBodySyntax.MAX_DEPTH) {
						throw new InvalidRequestException("The XML body nests deeper than " + JsonBodySyntax.MAX_DEPTH + " elements.");
					}
					lastChild.push(new String[1]);
					run.push(new int[1]);
					namespaces.push(reader.getNamespaceURI() == null ? "" : reader.getNamespaceURI());
					names.push(reader.getLocalName());
				} else if (event == XMLStreamConstants.END_ELEMENT) {
					lastChild.pop();
					run.pop();
					namespaces.pop();
					names.pop();
				} else if ((event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA)
						&& FHIR_NAMESPACE.equals(namespaces.peek()) && !reader.isWhiteSpace() && !reader.getText().isBlank()) {
					// FHIR XML carries values in attributes; only the XHTML narrative has text, and HAPI drops any other
					throw new InvalidRequestException("The XML body has text inside a FHIR element <"
							+ names.peek() + ">; FHIR XML puts values in value attributes.");
				}
			}
		} catch (XMLStreamException e) {
			throw new InvalidRequestException("The body is not well-formed XML: " + e.getMessage());
		} finally {
			if (reader != null) {
				try {
					reader.close();
				} catch (XMLStreamException ignored) {
					// nothing held open: the body is in memory
				}
			}
		}
	}
}
