/**
 * What the rules know about a patient: the stored record (Observations, red-flag Flags, FibroPlan care
 * plans) and the assessment built from it (latest, baseline, change, flares, screens, red flags, context).
 */
package org.fibroplan.careplan.internal.assessment;
