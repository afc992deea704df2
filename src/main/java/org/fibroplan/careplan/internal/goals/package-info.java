/**
 * A plan's goals over time: started at approval with due dates counted from it, and judged against the
 * fixed baseline and their targets with each new score, in the answer's transaction.
 */
package org.fibroplan.careplan.internal.goals;
