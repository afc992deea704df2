package org.fibroplan.web.internal.questionnaire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fibroplan.web.internal.questionnaire.Instruments.fields;
import static org.fibroplan.web.internal.questionnaire.Instruments.questionnaire;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The fragment drawn by plain Thymeleaf (OGNL, not Spring's SpEL: the template sticks to expressions
 * both understand), inside a page like the patient page.
 */
class QuestionnaireTemplateTest {

	static final TemplateEngine ENGINE = engine();

	@Test
	void aNumberQuestionHasItsLabelLimitsAndRequiredFlag() {
		String html = render(QuestionnaireForm.of(questionnaire("peg")));

		assertThat(html).contains("<label class=\"q-label\" for=\"q-peg-1\">");
		assertThat(tag(html, "input", "q-peg-1"))
				.contains("type=\"number\"", "name=\"peg-1\"", "min=\"0\"", "max=\"10\"", "step=\"1\"", "inputmode=\"numeric\"",
						"required", "aria-required=\"true\"")
				.doesNotContain("aria-invalid", "disabled", "aria-describedby");
		assertThat(html).doesNotContain("peg-score").doesNotContain("error-summary");
	}

	@Test
	void anErrorIsNextToItsItemAndTiedToTheInput() {
		var typed = fields("peg-1", "11", "peg-2", "5", "peg-3", "7");
		String html = render(QuestionnaireForm.of(questionnaire("peg"), typed, FormAnswers.read(questionnaire("peg"), typed).errors()));

		assertThat(html).contains("<p class=\"field-error\" id=\"q-peg-1-error\">Please enter a whole number from 0 to 10.</p>");
		assertThat(tag(html, "input", "q-peg-1")).contains("aria-invalid=\"true\"", "aria-describedby=\"q-peg-1-error\"", "value=\"11\"");
		assertThat(html).contains("class=\"error-summary\"").contains("href=\"#q-peg-1\"");
	}

	@Test
	void groupsAreFieldsetsAndChoicesAreRadiosWithTheirOwnLabels() {
		String html = render(QuestionnaireForm.of(questionnaire("hoos-jr")));

		assertThat(html).contains("<legend>").contains("Pain: what amount of hip pain");
		assertThat(count(html, "<fieldset class=\"q-group\"")).isEqualTo(2);
		assertThat(count(html, "<fieldset class=\"q-choice\" role=\"radiogroup\"")).as("one per question, nested in the groups").isEqualTo(6);
		assertThat(tag(html, "input", "q-hoos-1-1")).contains("type=\"radio\"", "name=\"hoos-1\"",
				"value=\"http://fibroplan.org/fhir/CodeSystem/pro|hoos-mild\"", "required");
		assertThat(html).contains("<label for=\"q-hoos-1-1\">Mild</label>");
	}

	@Test
	void yesNoTickBoxesAndTickAnyAreDrawnAsSuch() {
		String acr = render(QuestionnaireForm.of(questionnaire("acr-2016-fm")));
		assertThat(tag(acr, "input", "q-wpi-left-hip")).contains("type=\"checkbox\"", "value=\"true\"", "data-unticked=\"false\"").doesNotContain("required");
		assertThat(tag(acr, "input", "q-sss-headaches-yes")).contains("type=\"radio\"", "value=\"true\"");
		assertThat(tag(acr, "input", "q-sss-headaches-no")).contains("type=\"radio\"", "value=\"false\"");

		String context = render(QuestionnaireForm.of(questionnaire("fm-context"), fields("preferences", "http://fibroplan.org/fhir/CodeSystem/pro|pref-massage"), ItemErrors.none()));
		assertThat(tag(context, "input", "q-preferences-1")).contains("type=\"checkbox\"", "checked").doesNotContain("required");
		assertThat(tag(context, "input", "q-preferences-0")).doesNotContain("checked");
	}

	@Test
	void anItemHiddenByEnableWhenIsHiddenDisabledAndCarriesItsCondition() {
		String html = render(QuestionnaireForm.of(questionnaire("pain-nrs")));

		String wrapper = tag(html, "div", "q-buttock-side-item");
		assertThat(wrapper).contains("hidden", "data-enable-behavior=\"all\"",
				"data-enable-when=\"[{&quot;question&quot;:&quot;buttock&quot;,&quot;operator&quot;:&quot;&gt;&quot;,&quot;answer&quot;:&quot;0&quot;,&quot;numeric&quot;:true}]\"");
		assertThat(tag(html, "input", "q-buttock-side-0")).contains("disabled");
		assertThat(tag(html, "div", "q-buttock-item")).doesNotContain("hidden", "data-enable-when");
	}

	private static String render(QuestionnaireForm form) {
		Context context = new Context();
		context.setVariable("q", form);
		return ENGINE.process("test/questionnaire-page", context);
	}

	/** The opening tag of the element with this id. */
	private static String tag(String html, String name, String id) {
		Matcher m = Pattern.compile("<" + name + "\\b[^>]*\\bid=\"" + Pattern.quote(id) + "\"[^>]*>").matcher(html);
		assertThat(m.find()).as("<%s id=%s> in%n%s", name, id, html).isTrue();
		return m.group();
	}

	private static int count(String html, String text) {
		return html.split(Pattern.quote(text), -1).length - 1;
	}

	private static TemplateEngine engine() {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
		resolver.setPrefix("templates/");
		resolver.setSuffix(".html");
		resolver.setTemplateMode(TemplateMode.HTML);
		resolver.setCharacterEncoding("UTF-8");
		TemplateEngine engine = new TemplateEngine();
		engine.setTemplateResolver(resolver);
		return engine;
	}

}
