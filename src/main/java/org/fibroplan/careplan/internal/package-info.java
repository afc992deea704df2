/**
 * The module's front hall: {@link org.fibroplan.careplan.CarePlans} over the store, the wiring into the FHIR
 * server, and the $apply and $assessment operations; the work is done in the rooms below it.
 */
package org.fibroplan.careplan.internal;
