package org.fibroplan.pro;

import java.time.Instant;

/**
 * An app stored a score directly (a pain rating posted as an Observation, not through a questionnaire),
 * in the transaction still open: like {@link ProRecorded}, the care-plan module revises the draft when it
 * hears this.
 *
 * @param patient the Patient id
 * @param observation the Observation id
 * @param effective when the score applies
 */
public record ScoreRecorded(String patient, String observation, Instant effective) {}
