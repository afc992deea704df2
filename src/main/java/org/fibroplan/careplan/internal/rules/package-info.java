/**
 * The clinical knowledge the plans come from: the PlanDefinition and its definitions read from the store,
 * compiled into FHIRPath rules, and refused at write time when a new version would not compile.
 */
package org.fibroplan.careplan.internal.rules;
