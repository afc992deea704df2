package org.fibroplan.careplan.internal.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.fibroplan.careplan.internal.assessment.Assessment;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.DecimalType;

/**
 * A rule's rationale text: {@code {{expression}}} is filled from the assessment, and a {@code [[...]]}
 * part is left out when any expression in it has no value (a score the patient has not given yet).
 */
public final class RationaleTemplate {

	private static final Pattern OPTIONAL = Pattern.compile("\\[\\[(.*?)]]", Pattern.DOTALL);
	private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(.*?)}}", Pattern.DOTALL);

	private record Part(String literal, AssessmentExpressions.Compiled expression) {}

	private record Segment(boolean optional, List<Part> parts) {}

	private final List<Segment> segments = new ArrayList<>();
	private final Set<String> variables = new LinkedHashSet<>();
	private final String text;

	public RationaleTemplate(String text, AssessmentExpressions expressions, Set<String> known) {
		this.text = text;
		Matcher optional = OPTIONAL.matcher(text);
		int at = 0;
		while (optional.find()) {
			segments.add(segment(text.substring(at, optional.start()), false, expressions, known));
			segments.add(segment(optional.group(1), true, expressions, known));
			at = optional.end();
		}
		segments.add(segment(text.substring(at), false, expressions, known));
	}

	private Segment segment(String source, boolean optional, AssessmentExpressions expressions, Set<String> known) {
		List<Part> parts = new ArrayList<>();
		Matcher placeholder = PLACEHOLDER.matcher(source);
		int at = 0;
		while (placeholder.find()) {
			parts.add(new Part(source.substring(at, placeholder.start()), null));
			AssessmentExpressions.Compiled compiled = expressions.compile(placeholder.group(1).trim(), known);
			variables.addAll(compiled.variables());
			parts.add(new Part(null, compiled));
			at = placeholder.end();
		}
		parts.add(new Part(source.substring(at), null));
		return new Segment(optional, parts);
	}

	public String text() {
		return text;
	}

	public Set<String> variables() {
		return variables;
	}

	public String render(Assessment assessment, AssessmentExpressions expressions) {
		StringBuilder out = new StringBuilder();
		for (Segment segment : segments) {
			StringBuilder part = new StringBuilder();
			boolean complete = true;
			for (Part p : segment.parts()) {
				if (p.literal() != null) {
					part.append(p.literal());
					continue;
				}
				List<Base> values = expressions.evaluate(p.expression(), assessment);
				if (values.isEmpty()) {
					complete = false;
				}
				part.append(values.stream().map(RationaleTemplate::show).collect(Collectors.joining(", ")));
			}
			if (complete || !segment.optional()) {
				out.append(part);
			}
		}
		return out.toString().trim();
	}

	private static String show(Base value) {
		if (value instanceof DecimalType decimal && decimal.getValue() != null) {
			BigDecimal number = decimal.getValue().stripTrailingZeros();
			return number.scale() > 1 ? number.setScale(1, java.math.RoundingMode.HALF_UP).toPlainString() : number.toPlainString();
		}
		if (value.isBooleanPrimitive()) {
			return Boolean.parseBoolean(value.primitiveValue()) ? "yes" : "no";
		}
		return value.primitiveValue();
	}
}
