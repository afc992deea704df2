package org.fibroplan.web;

import org.openqa.selenium.WebElement;
import testsupport.browser.Browser;

/**
 * The work queue on the panel, in a browser: a patient's row wherever the paging put it (other tests leave
 * their patients in the same queue, so a story's patient need not be on the first page).
 */
final class QueuePages {

	/** Rows per page while looking: large, so a walk through the queue takes few pages. */
	private static final int SIZE = 100;
	private static final int MAX_PAGES = 100;

	private QueuePages() {}

	static WebElement rowOf(Browser browser, String base, String patient) {
		for (int page = 1; page <= MAX_PAGES; page++) {
			browser.open(base + "/app?size=" + SIZE + "&page=" + page);
			browser.find("#queue-summary");
			var row = browser.findAll("#queue tr[data-patient='" + patient + "']");
			if (!row.isEmpty()) {
				return row.get(0);
			}
			if (browser.findAll("#queue-next").isEmpty()) {
				break;
			}
		}
		throw new AssertionError("Patient/" + patient + " is not in the work queue");
	}
}
