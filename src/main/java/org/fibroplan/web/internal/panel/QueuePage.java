package org.fibroplan.web.internal.panel;

import java.util.List;
import java.util.Map;

/** One page of the work queue and how many open reviews each priority holds (for the paging and the summary). */
record QueuePage(List<QueueRow> rows, int page, int size, Map<String, Integer> totals) {

	public int total() {
		return totals.values().stream().mapToInt(Integer::intValue).sum();
	}

	public int count(String priority) {
		return totals.getOrDefault(priority, 0);
	}

	public int pages() {
		return Math.max(1, (total() + size - 1) / size);
	}

	public boolean hasPrevious() {
		return page > 1;
	}

	public boolean hasNext() {
		return (long) page * size < total();
	}
}
