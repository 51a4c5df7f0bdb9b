/**
 * Seeded damage to real recordings, to count what the structure check of {@code analyze} refuses
 * and what JFR would read silently otherwise.
 */
package org.jfrthreads.benchmarks.damage;
