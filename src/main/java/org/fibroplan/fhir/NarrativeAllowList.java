package org.fibroplan.fhir;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.owasp.html.HtmlChangeListener;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * The XHTML a resource's narrative may hold on this server: the ordinary structure of a FHIR narrative
 * (paragraphs, emphasis, lists, tables, headings, spans) and links within the page or relative to it.
 * No scripts, forms, event handlers, styles, classes, images or off-site links: narratives are shown to
 * patients as HTML, so anything that could act, load, or pose as FibroPlan's own page is removed. Both
 * the FHIR server (on every write) and the pages (before they output a narrative) apply it.
 */
public final class NarrativeAllowList {

	private static final String XHTML = "http://www.w3.org/1999/xhtml";
	/** In-page (#part) or relative links; nothing with a scheme, and no "//host" or "/\host" that browsers send off-site. */
	private static final Pattern LOCAL_HREF = Pattern.compile(
			"#[A-Za-z0-9_.:-]*|(?:/(?![/\\\\])|\\.{1,2}/|[A-Za-z0-9_-])[A-Za-z0-9_./~%?&=#+-]*");
	private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
			.allowElements("div", "p", "br", "hr", "b", "i", "em", "strong", "u", "s", "sub", "sup", "small", "code", "pre",
					"blockquote", "q", "cite", "abbr", "span", "ul", "ol", "li", "dl", "dt", "dd",
					"table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "colgroup", "col",
					"h1", "h2", "h3", "h4", "h5", "h6", "a")
			.allowAttributes("xmlns").matching(Pattern.compile(Pattern.quote(XHTML))).onElements("div")
			.allowAttributes("title", "lang", "dir").globally()
			.allowAttributes("colspan", "rowspan", "scope").onElements("th", "td")
			.allowAttributes("span").onElements("col", "colgroup")
			.allowAttributes("start").onElements("ol")
			.allowAttributes("name").matching(Pattern.compile("[A-Za-z0-9_.:-]+")).onElements("a")
			.allowAttributes("href").matching(LOCAL_HREF).onElements("a")
			// no protocol at all: only the relative forms LOCAL_HREF admits survive
			.allowUrlProtocols()
			.allowWithoutAttributes("span")
			.toFactory();

	private NarrativeAllowList() {}

	/** The narrative with everything outside the allow-list removed (text is kept). */
	public static String sanitize(String xhtml) {
		return xhtml == null ? null : POLICY.sanitize(xhtml);
	}

	/**
	 * What the allow-list removes from this narrative, by name ("script", "a@href", ...); empty when it
	 * passes as it is, so narratives that already comply are never rewritten.
	 */
	public static List<String> removedFrom(String xhtml) {
		List<String> removed = new ArrayList<>();
		POLICY.sanitize(xhtml, new HtmlChangeListener<List<String>>() {
			@Override
			public void discardedTag(List<String> context, String elementName) {
				context.add(elementName);
			}

			@Override
			public void discardedAttributes(List<String> context, String tagName, String... attributeNames) {
				for (String attribute : attributeNames) {
					context.add(tagName + "@" + attribute);
				}
			}
		}, removed);
		return removed;
	}

	/** The cleaned narrative, or empty when it complies as it is. */
	public static Optional<String> cleaned(String xhtml) {
		return xhtml == null || removedFrom(xhtml).isEmpty() ? Optional.empty() : Optional.of(sanitize(xhtml));
	}
}
