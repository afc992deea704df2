/**
 * People's decisions on a plan: clinicians' edits marked and kept across revisions, approval (decided
 * before storage, completed at pre-commit), and a Provenance for every plan write.
 */
package org.fibroplan.careplan.internal.review;
