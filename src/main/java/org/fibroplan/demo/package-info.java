/**
 * Demo data, so a newcomer sees a living system: demo patients with a few months of answers, stored
 * through the same path as an app's answers (validation, scoring, the draft care plan). The story is
 * data, {@code demo/demo-patients.json}; it is seeded once the application is ready unless
 * {@code fibroplan.demo.enabled} is false (it is in the {@code prod} profile).
 *
 * <p>API: {@link org.fibroplan.demo.DemoData} (seed on demand, for tests). Uses HAPI's DAOs only.
 */
package org.fibroplan.demo;
