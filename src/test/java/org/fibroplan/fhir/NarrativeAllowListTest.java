package org.fibroplan.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.utilities.xhtml.NodeType;
import org.hl7.fhir.utilities.xhtml.XhtmlNode;
import org.junit.jupiter.api.Test;

/** What a narrative may hold: ordinary FHIR narrative passes untouched, anything active or off-site goes. */
class NarrativeAllowListTest {

	@Test
	void aNarrativeLikeTheServerGeneratesPassesAsItIs() {
		XhtmlNode div = new XhtmlNode(NodeType.Element, "div");
		div.setAttribute("xmlns", "http://www.w3.org/1999/xhtml");
		div.addTag("h2").addText("Your care plan (draft) — 3 & <4> \"steps\"");
		XhtmlNode item = div.addTag("ol").addTag("li");
		item.addTag("b").addText("Walking");
		item.addTag("br");
		item.addText("30 min, 5 times a week");
		div.addTag("ul").addTag("li").addText("PEG down 30 %");
		var table = div.addTag("table");
		table.addTag("tr").addTag("td").addText("cell");
		div.addTag("p").addTag("a").setAttribute("href", "#goals").addText("goals");
		Narrative narrative = new Narrative().setDiv(div);

		assertThat(NarrativeAllowList.removedFrom(narrative.getDivAsString())).isEmpty();
		assertThat(NarrativeAllowList.cleaned(narrative.getDivAsString())).isEmpty();
	}

	@Test
	void linksOffSiteScriptsFormsHandlersAndStylesAreRemovedTheTextStays() {
		String attack = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Call us <a href=\"https://evil.example/login\">here</a>"
				+ " or <a href=\"//evil.example\">there</a> or <a href=\"/\\evil.example\">again</a>"
				+ " or <a href=\"javascript:alert(1)\">now</a> or <a href=\"java&#x73;cript:alert(1)\">later</a></p>"
				+ "<script>alert(1)</script><form action=\"https://evil.example\"><input name=\"password\"/></form>"
				+ "<p onclick=\"alert(1)\" style=\"position:fixed;top:0\" class=\"button\">Read me</p>"
				+ "<img src=\"https://evil.example/pixel.gif\"/><iframe src=\"https://evil.example\"></iframe>"
				+ "<a href=\"#part\">in page</a> <a href=\"Patient/1\">relative</a></div>";

		assertThat(NarrativeAllowList.removedFrom(attack)).contains("script", "form", "input", "img", "iframe", "p@onclick", "p@style", "p@class");
		String cleaned = NarrativeAllowList.cleaned(attack).orElseThrow();
		assertThat(cleaned).doesNotContain("evil", "script", "javascript", "onclick", "style", "<form", "<input", "<img", "class")
				.contains("Call us", "here", "there", "Read me", "href=\"#part\"", "href=\"Patient/1\"")
				.startsWith("<div xmlns=\"http://www.w3.org/1999/xhtml\">");
		// still XHTML a FHIR narrative can hold
		Narrative parsed = new Narrative();
		parsed.setDivAsString(cleaned);
		assertThat(parsed.getDiv().allText()).contains("Read me");
	}
}
