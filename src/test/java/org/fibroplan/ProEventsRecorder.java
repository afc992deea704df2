package org.fibroplan;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.fibroplan.pro.ProRecorded;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.event.EventListener;

/** Keeps every ProRecorded event the server publishes, for stories that check the care plan is told. */
@TestComponent
public class ProEventsRecorder {

	private final List<ProRecorded> events = new CopyOnWriteArrayList<>();

	@EventListener
	void record(ProRecorded event) {
		events.add(event);
	}

	public List<ProRecorded> about(String questionnaireResponseId) {
		return events.stream().filter(e -> e.questionnaireResponse().equals(questionnaireResponseId)).toList();
	}
}
