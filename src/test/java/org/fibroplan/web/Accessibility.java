package org.fibroplan.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.openqa.selenium.chromium.HasCdp;
import testsupport.browser.Browser;

/**
 * Holds a page to WCAG 2.2 AA in the real browser: Deque's axe-core, run inside the page as it is now, at a
 * desktop width and at a phone's 390 px, with a full-page screenshot of each (target/screenshots/PAGE-WIDTH.png)
 * and each finding written to target/accessibility/ for review. A story opens the page, then:
 * <pre>
 *   Accessibility.assertUsable(browser, "patient-home");            // both widths: no serious or critical finding
 *   Accessibility.Check check = Accessibility.check(browser, "patient-home", Width.PHONE); // or look at one
 * </pre>
 * The page is checked where it stands (a form showing its errors, a folded section opened): the story
 * sets it up first. After a check the browser is back at the desktop width.
 */
public final class Accessibility {

	/** The widths a page is held to: a desktop window, and a phone (390 CSS px, as an iPhone 12 to 15). */
	public enum Width {
		DESKTOP(1280, 900, false), PHONE(390, 844, true);

		final int width;
		final int height;
		final boolean mobile;

		Width(int width, int height, boolean mobile) {
			this.width = width;
			this.height = height;
			this.mobile = mobile;
		}

		String label() {
			return name().toLowerCase(java.util.Locale.ROOT) + "-" + width;
		}
	}

	/** axe impacts that fail a page; moderate and minor ones are written down, for a person to weigh. */
	public static final Set<String> FAILING = Set.of("serious", "critical");

	/**
	 * axe's default rules cover WCAG 2.0 and 2.1 A and AA and its best practices; WCAG 2.2 AA adds target size
	 * (2.5.8, 24 px), which axe 4.11 ships switched off.
	 */
	static final List<String> WCAG_22_AA_OFF_BY_DEFAULT = List.of("target-size");

	/** WCAG 2.5.5 (AAA) and the issue's own bar for what a finger must hit. */
	public static final int TOUCH_TARGET = 44;

	static final Path RESULTS = Path.of("target", "accessibility");

	private Accessibility() {}

	/** One axe finding: a rule the page breaks, how badly, and where (CSS selectors of the offending elements). */
	public record Finding(String rule, String impact, String help, List<String> where) {

		@Override
		public String toString() {
			return impact + " " + rule + " (" + help + "): " + String.join(", ", where);
		}
	}

	/** What axe found on one page at one width, and the screenshot taken with it. */
	public record Check(String page, Width width, List<Finding> findings, int rulesPassed, Path screenshot) {

		public List<Finding> failing() {
			return findings.stream().filter(f -> FAILING.contains(f.impact())).toList();
		}

		/** One line for a log or a report: "patient-home phone-390: 0 serious/critical, 1 moderate, 52 rules passed". */
		public String summary() {
			long moderate = findings.stream().filter(f -> "moderate".equals(f.impact())).count();
			long minor = findings.stream().filter(f -> "minor".equals(f.impact())).count();
			return page + " " + width.label() + ": " + failing().size() + " serious/critical, " + moderate + " moderate, " + minor
					+ " minor; " + rulesPassed + " rules passed; screenshot " + screenshot;
		}
	}

	/** Checks the page at the desktop width and at 390 px and fails with every serious or critical finding. */
	public static List<Check> assertUsable(Browser browser, String page) {
		List<Check> checks = new ArrayList<>();
		for (Width width : Width.values()) {
			checks.add(check(browser, page, width));
		}
		assertThat(checks.stream().flatMap(c -> c.failing().stream().map(f -> c.page() + " at " + c.width().label() + ": " + f)).toList())
				.as("serious or critical axe findings on " + page).isEmpty();
		return checks;
	}

	/** Checks the page at one width: screenshot and axe; the browser is back at the desktop width afterwards. */
	public static Check check(Browser browser, String page, Width width) {
		try {
			emulate(browser, width);
			Path screenshot = fullPageScreenshot(browser, page + "-" + width.label());
			Results results = new AxeBuilder().withRules(WCAG_22_AA_OFF_BY_DEFAULT).analyze(browser.driver());
			if (results.isErrored()) {
				throw new AssertionError("axe could not check " + page + " at " + width.label() + ": " + results.getErrorMessage());
			}
			List<Finding> findings = results.getViolations().stream().map(Accessibility::finding).toList();
			Check check = new Check(page, width, findings, results.getPasses().size(), screenshot);
			record(check);
			return check;
		} finally {
			emulate(browser, Width.DESKTOP);
		}
	}

	/**
	 * Controls a finger must hit that are smaller than {@value #TOUCH_TARGET} px either way: buttons, fields,
	 * selects, disclosure summaries, links that stand alone, and the labels of radios and checkboxes (the
	 * label is what one taps). Links inside a sentence are exempt, as WCAG 2.5.5 exempts them; so is
	 * what is hidden or off-screen (the skip link until it has focus).
	 */
	@SuppressWarnings("unchecked")
	public static List<String> smallTouchTargets(Browser browser) {
		return (List<String>) browser.script("""
				var min = arguments[0];
				function shown(e) { var r = e.getBoundingClientRect(); var s = getComputedStyle(e);
				  return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && r.right > 0 && r.bottom > 0; }
				function inSentence(a) { var block = a.closest('p, li, dd, td, span.muted');
				  return block !== null && block.textContent.trim().length > a.textContent.trim().length + 2
				    && !a.classList.contains('button'); }
				function name(e) { return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.name ? '[name=' + e.name + ']' : '')
				  + ' "' + (e.textContent || e.value || '').trim().substring(0, 30) + '"'; }
				var small = [];
				document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary').forEach(function (e) {
				  var target = e;
				  if (e.type === 'radio' || e.type === 'checkbox') { target = e.labels && e.labels[0]; if (!target) { small.push(name(e) + ' has no label to tap'); return; } }
				  if (!shown(target) || (e.tagName === 'A' && inSentence(e))) return;
				  var r = target.getBoundingClientRect();
				  if (r.width < min - 0.5 || r.height < min - 0.5) small.push(name(e) + ' ' + Math.round(r.width) + 'x' + Math.round(r.height));
				});
				return small;""", TOUCH_TARGET);
	}

	/** Whether the page scrolls sideways at the current width (a phone header or table too wide for the screen). */
	public static boolean scrollsSideways(Browser browser) {
		return (Boolean) browser.script("return document.documentElement.scrollWidth > document.documentElement.clientWidth + 1;");
	}

	/** Shows the page at a width as a phone or desktop browser would (CSS px, touch and the viewport meta on a phone). */
	public static void emulate(Browser browser, Width width) {
		HasCdp cdp = (HasCdp) browser.driver();
		cdp.executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", width.width, "height", width.height, "deviceScaleFactor", 1, "mobile", width.mobile));
		cdp.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", width.mobile));
	}

	/** The whole page, not only what fits in the window, as target/screenshots/NAME.png. */
	public static Path fullPageScreenshot(Browser browser, String name) {
		HasCdp cdp = (HasCdp) browser.driver();
		Map<String, Object> shot = cdp.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
		try {
			Files.createDirectories(Browser.SCREENSHOTS);
			Path file = Browser.SCREENSHOTS.resolve(name + ".png");
			Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
			return file;
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static Finding finding(Rule rule) {
		List<String> where = rule.getNodes().stream().map(CheckedNode::getTarget).filter(Objects::nonNull).map(Object::toString).toList();
		return new Finding(rule.getId(), Objects.toString(rule.getImpact(), "unknown"), rule.getHelp(), where);
	}

	/** Every check adds its summary and findings to target/accessibility/axe-summary.txt, for the report. */
	private static void record(Check check) {
		StringBuilder lines = new StringBuilder(check.summary()).append('\n');
		check.findings().forEach(f -> lines.append("    ").append(f).append('\n'));
		try {
			Files.createDirectories(RESULTS);
			Files.writeString(RESULTS.resolve("axe-summary.txt"), lines, StandardCharsets.UTF_8,
					StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
