package org.fibroplan.web.internal.panel;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * What a panel page shows (queue page and size, patient search and its page) and the links to its
 * neighbours; parameters at their defaults stay out of the URL.
 */
record PanelQuery(int page, int size, String search, int patientsPage) {

	static final int DEFAULT_SIZE = 20;
	static final int MAX_SIZE = 100;
	static final int MAX_SEARCH = 100;

	/** Out-of-range numbers are brought into range rather than refused: a hand-edited URL still shows a page. */
	static PanelQuery of(int page, int size, String search, int patientsPage) {
		String text = search == null ? "" : search.strip();
		return new PanelQuery(Math.max(1, page), Math.min(MAX_SIZE, Math.max(1, size)),
				text.length() > MAX_SEARCH ? text.substring(0, MAX_SEARCH) : text, Math.max(1, patientsPage));
	}

	public String queuePage(int n) {
		return href(n, patientsPage);
	}

	public String patientsPage(int n) {
		return href(page, n);
	}

	/** The same queue page with the whole patient list again. */
	public String withoutSearch() {
		return new PanelQuery(page, size, "", 1).href(page, 1);
	}

	public boolean defaultSize() {
		return size == DEFAULT_SIZE;
	}

	private String href(int queuePage, int patientsPage) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/app");
		if (queuePage > 1) {
			uri.queryParam("page", queuePage);
		}
		if (size != DEFAULT_SIZE) {
			uri.queryParam("size", size);
		}
		if (!search.isEmpty()) {
			uri.queryParam("q", search);
		}
		if (patientsPage > 1) {
			uri.queryParam("patients", patientsPage);
		}
		return uri.encode().build().toUriString();
	}
}
