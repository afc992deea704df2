package org.fibroplan.fhir.internal;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Plain JSON (RFC 8259) as FHIR requires it, checked before HAPI's parser, which accepts single quotes
 * and keeps the last of two equal keys: one value, double quotes, no duplicate keys, strings of at most
 * 1 MB, bounded nesting and repetition.
 */
final class JsonBodySyntax {

	static final int MAX_DEPTH = 100;
	/** FHIR: strings SHALL NOT exceed 1 MB. */
	static final int MAX_STRING = 1024 * 1024;

	private final JsonFactory factory = JsonFactory.builder()
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
			.build();
	private final int maxRepetitions;

	JsonBodySyntax(int maxRepetitions) {
		this.maxRepetitions = maxRepetitions;
	}

	void check(byte[] body) {
		try (JsonParser parser = factory.createParser(body)) {
			// One frame per open array: its name and how many items it has had so far.
			Deque<Frame> open = new ArrayDeque<>();
			int depth = 0;
			int roots = 0;
			JsonToken token;
			while ((token = parser.nextToken()) != null) {
				if (token == JsonToken.FIELD_NAME) {
					continue;
				}
				if (token == JsonToken.END_ARRAY || token == JsonToken.END_OBJECT) {
					depth--;
					if (token == JsonToken.END_ARRAY) {
						open.pop();
					}
					continue;
				}
				if (depth == 0 && ++roots > 1) {
					throw new InvalidRequestException("The JSON body holds more than one value (at line "
							+ parser.currentLocation().getLineNr() + ").");
				}
				if (token == JsonToken.VALUE_STRING && parser.getTextLength() > MAX_STRING) {
					throw new InvalidRequestException("'" + parser.currentName() + "' holds a string longer than "
							+ MAX_STRING + " characters; FHIR strings are at most 1 MB.");
				}
				Frame parent = open.peek();
				if (parent != null && parent.depth == depth && ++parent.items > maxRepetitions) {
					throw new PayloadTooLargeException("'" + parent.name + "' repeats more than " + maxRepetitions
							+ " times; this server accepts at most " + maxRepetitions + ".");
				}
				if (token == JsonToken.START_ARRAY) {
					depth++;
					open.push(new Frame(parser.currentName(), depth));
				} else if (token == JsonToken.START_OBJECT) {
					depth++;
				}
			}
		} catch (JsonProcessingException e) {
			throw new InvalidRequestException("The body is not valid JSON: " + e.getOriginalMessage()
					+ (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
							+ e.getLocation().getColumnNr() + ")"));
		} catch (IOException e) {
			throw new InvalidRequestException("The body could not be read as JSON: " + e.getMessage());
		}
	}

	private static final class Frame {
		final String name;
		final int depth;
		int items;

		Frame(String name, int depth) {
			this.name = name;
			this.depth = depth;
		}
	}
}
