/**
 * The draft plan: built from the rules and the assessment, revised in the transaction of each new answer
 * (one revision per patient at a time), held for red flags, written as narrative and stored.
 */
package org.fibroplan.careplan.internal.drafting;
