package org.fibroplan.careplan.internal.rules;

import ca.uhn.fhir.context.FhirContext;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fibroplan.careplan.internal.assessment.Assessment;
import org.hl7.fhir.exceptions.FHIRException;
import org.hl7.fhir.exceptions.PathEngineException;
import org.hl7.fhir.r4.fhirpath.BaseHostServices;
import org.hl7.fhir.r4.fhirpath.ExpressionNode;
import org.hl7.fhir.r4.fhirpath.FHIRPathEngine;
import org.hl7.fhir.r4.fhirpath.TypeDetails;
import org.hl7.fhir.r4.hapi.ctx.HapiWorkerContext;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.utilities.fhirpath.FHIRPathConstantEvaluationMode;

/**
 * FHIRPath over an assessment, with HAPI's R4 FHIRPath engine: {@code %name} is the assessment variable
 * of that name (an empty collection when the patient has no such value). Expressions are parsed once;
 * each thread evaluates with its own engine.
 */
public final class AssessmentExpressions {

	private static final Pattern VARIABLE = Pattern.compile("%([A-Za-z][A-Za-z0-9]*)");
	private static final Parameters FOCUS = new Parameters();

	private final ThreadLocal<FHIRPathEngine> engines;

	public AssessmentExpressions(FhirContext fhirContext) {
		HapiWorkerContext worker = new HapiWorkerContext(fhirContext, fhirContext.getValidationSupport());
		this.engines = ThreadLocal.withInitial(() -> {
			FHIRPathEngine engine = new FHIRPathEngine(worker);
			engine.setHostServices(new Variables(worker));
			return engine;
		});
	}

	/** A parsed expression and the assessment variables it reads. */
	public record Compiled(String text, ExpressionNode node, Set<String> variables) {}

	/** Parses an expression that may name only the given assessment variables (CodeSystem assessment-variable). */
	public Compiled compile(String expression, Set<String> known) {
		Set<String> variables = new LinkedHashSet<>();
		Matcher matcher = VARIABLE.matcher(expression);
		while (matcher.find()) {
			if (!known.contains(matcher.group(1))) {
				throw new IllegalArgumentException("Unknown assessment variable %" + matcher.group(1) + " in: " + expression);
			}
			variables.add(matcher.group(1));
		}
		try {
			return new Compiled(expression, engines.get().parse(expression), Set.copyOf(variables));
		} catch (FHIRException e) {
			throw new IllegalArgumentException("Not a FHIRPath expression: " + expression + " (" + e.getMessage() + ")", e);
		}
	}

	public List<Base> evaluate(Compiled expression, Assessment assessment) {
		return engines.get().evaluate(assessment, FOCUS, FOCUS, FOCUS, expression.node());
	}

	/** True only when the expression yields a single true (an empty result, such as a missing score, is false). */
	public boolean holds(Compiled expression, Assessment assessment) {
		List<Base> result = evaluate(expression, assessment);
		return result.size() == 1 && result.get(0).isBooleanPrimitive() && Boolean.parseBoolean(result.get(0).primitiveValue());
	}

	private static final class Variables extends BaseHostServices {

		public Variables(HapiWorkerContext worker) {
			super(worker);
		}

		@Override
		public List<Base> resolveConstant(FHIRPathEngine engine, Object appContext, String name, FHIRPathConstantEvaluationMode mode)
				throws PathEngineException {
			String variable = name.startsWith("%") ? name.substring(1) : name;
			// Compiling refused unknown names, so every name here is an assessment variable.
			return appContext instanceof Assessment assessment ? new java.util.ArrayList<>(assessment.value(variable)) : null;
		}

		@Override
		public TypeDetails resolveConstantType(FHIRPathEngine engine, Object appContext, String name, FHIRPathConstantEvaluationMode mode) {
			return null;
		}

		@Override
		public boolean log(String argument, List<Base> focus) {
			return false;
		}

		@Override
		public Base resolveReference(FHIRPathEngine engine, Object appContext, String url, Base refContext) {
			return null;
		}

		@Override
		public boolean conformsToProfile(FHIRPathEngine engine, Object appContext, Base item, String url) {
			return false;
		}

		@Override
		public ValueSet resolveValueSet(FHIRPathEngine engine, Object appContext, String url) {
			return null;
		}

		@Override
		public boolean paramIsType(String name, int index) {
			return false;
		}
	}
}
